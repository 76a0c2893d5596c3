//! The accumulator every validation writes to: where we are, and what was found so far.

use std::cell::Cell;
use std::rc::Rc;

use crate::error::{Error, Pointer, Problem, Severity, Violation};
use crate::limits::VIOLATIONS_MAX;

/// One step of the path: a field or an array index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Seg {
    Field(&'static str),
    Index(usize),
}

impl Seg {
    /// Appends this step to `p`.
    fn push_onto(self, p: &mut Pointer) {
        match self {
            Seg::Field(f) => p.push(f),
            Seg::Index(i) => p.push(&i.to_string()),
        }
    }
}

/// How many path steps are kept inline; deeper ones go to a `Vec`. The deepest pointer of a valid
/// request has 11 steps (`/whatsapp/messages/0/content/interactive/action/sections/0/rows/0/id`).
const INLINE_DEPTH: usize = 12;

/// The path to the value being validated and the violations found so far.
///
/// The path is built on every step of every validation but read only when something is recorded,
/// so it is kept cheap: steps are `&'static str` or indexes, held inline without allocating.
#[derive(Debug)]
pub(crate) struct Ctx {
    inline: [Seg; INLINE_DEPTH],
    depth: usize,
    deeper: Vec<Seg>,
    /// Duplicate keys: reported before everything else, as found.
    duplicates: Vec<Violation>,
    violations: Vec<Violation>,
    errors: usize,
    /// Of `errors`, the duplicate keys (a dropped fork keeps these).
    dup_errors: usize,
    truncated: bool,
    /// Violations held by this accumulator and its forks together, once it has forks: the cap
    /// applies to all of them, so forks do not multiply what a document can make us hold.
    held: Option<Rc<Cell<usize>>>,
}

impl Default for Ctx {
    fn default() -> Self {
        Ctx {
            inline: [Seg::Index(0); INLINE_DEPTH],
            depth: 0,
            deeper: Vec::new(),
            duplicates: Vec::new(),
            violations: Vec::new(),
            errors: 0,
            dup_errors: 0,
            truncated: false,
            held: None,
        }
    }
}

impl Ctx {
    pub(crate) fn new() -> Self {
        Ctx::default()
    }

    fn push_seg(&mut self, seg: Seg) {
        if self.depth < INLINE_DEPTH {
            self.inline[self.depth] = seg;
        } else {
            self.deeper.push(seg);
        }
        self.depth += 1;
    }

    fn pop_seg(&mut self) -> Option<Seg> {
        self.depth = self.depth.checked_sub(1)?;
        if self.depth < INLINE_DEPTH { Some(self.inline[self.depth]) } else { self.deeper.pop() }
    }

    /// The steps of the path, root first.
    fn segs(&self) -> impl Iterator<Item = &Seg> {
        self.inline[..self.depth.min(INLINE_DEPTH)].iter().chain(&self.deeper)
    }

    /// Runs `f` one level down, at `field`.
    pub(crate) fn at<R>(&mut self, field: &'static str, f: impl FnOnce(&mut Self) -> R) -> R {
        self.push_seg(Seg::Field(field));
        let r = f(self);
        self.pop_seg();
        r
    }

    /// Checks an optional part at `field`: `Some(None)` when it is absent, `Some(Some(_))` when it
    /// passes `check`, `None` when it fails.
    #[allow(
        clippy::option_option,
        reason = "outer: whether the check passed; inner: whether the part is there"
    )]
    pub(crate) fn optional<T, R>(
        &mut self,
        field: &'static str,
        part: Option<T>,
        check: impl FnOnce(T, &mut Self) -> Option<R>,
    ) -> Option<Option<R>> {
        match part {
            None => Some(None),
            Some(part) => self.at(field, |cx| check(part, cx)).map(Some),
        }
    }

    /// Runs `f` one level down, at array index `i`.
    pub(crate) fn at_index<R>(&mut self, i: usize, f: impl FnOnce(&mut Self) -> R) -> R {
        self.push_seg(Seg::Index(i));
        let r = f(self);
        self.pop_seg();
        r
    }

    /// The pointer to where we are now.
    pub(crate) fn pointer(&self) -> Pointer {
        let mut p = Pointer::root();
        for &seg in self.segs() {
            seg.push_onto(&mut p);
        }
        p
    }

    /// Records an error at the current pointer.
    pub(crate) fn error(&mut self, problem: Problem) {
        self.errors += 1;
        self.record(problem, Severity::Error);
    }

    /// Records a warning at the current pointer.
    pub(crate) fn warn(&mut self, problem: Problem) {
        self.record(problem, Severity::Warning);
    }

    /// Records an error one level down, at the object key `key` (an unknown field's).
    pub(crate) fn error_at_key(&mut self, key: &str, problem: Problem) {
        self.errors += 1;
        let mut pointer = self.pointer();
        pointer.push(key);
        self.push(Violation::new(pointer, problem, Severity::Error));
    }

    /// Records an error one level down, at `field`.
    pub(crate) fn error_at(&mut self, field: &'static str, problem: Problem) {
        self.at(field, |cx| cx.error(problem));
    }

    fn record(&mut self, problem: Problem, severity: Severity) {
        let pointer = self.pointer();
        self.push(Violation::new(pointer, problem, severity));
    }

    /// A new accumulator at the same place, for a part that may be dropped: see [`Ctx::join`].
    ///
    /// Boxed: it is moved about with the part it read, and a `Ctx` is a few hundred bytes.
    pub(crate) fn fork(&mut self) -> Box<Ctx> {
        let count = self.violations.len() + self.duplicates.len();
        let held = self.held.get_or_insert_with(|| Rc::new(Cell::new(count)));
        Box::new(Ctx {
            inline: self.inline,
            depth: self.depth,
            deeper: self.deeper.clone(),
            held: Some(Rc::clone(held)),
            ..Ctx::default()
        })
    }

    /// Takes in what `fork` found, when the part it read is kept; its duplicate keys only, when
    /// the part is dropped (they are reported wherever they are).
    pub(crate) fn join(&mut self, fork: Box<Ctx>, kept: bool) {
        let fork = *fork;
        self.duplicates.extend(fork.duplicates);
        self.dup_errors += fork.dup_errors;
        self.truncated |= fork.truncated;
        if kept {
            self.errors += fork.errors;
            self.violations.extend(fork.violations);
        } else {
            self.errors += fork.dup_errors;
            if let Some(held) = &self.held {
                held.set(held.get() - fork.violations.len());
            }
        }
    }

    /// Records a duplicate key at `pointer`: duplicates come first in the report.
    pub(crate) fn duplicate(&mut self, pointer: Pointer, problem: Problem) {
        self.errors += 1;
        self.dup_errors += 1;
        if self.take_room() {
            self.duplicates.push(Violation::new(pointer, problem, Severity::Error));
        } else {
            self.truncated = true;
        }
    }

    /// Whether no more violations may be held; if one may, counts it as held.
    fn take_room(&mut self) -> bool {
        match &self.held {
            Some(held) if held.get() < VIOLATIONS_MAX => {
                held.set(held.get() + 1);
                true
            }
            Some(_) => false,
            None => self.violations.len() + self.duplicates.len() < VIOLATIONS_MAX,
        }
    }

    fn push(&mut self, v: Violation) {
        if self.take_room() {
            self.violations.push(v);
        } else {
            self.truncated = true;
        }
    }

    /// How many violations were recorded so far, duplicates aside: where the next one goes.
    fn len(&self) -> usize {
        self.violations.len()
    }

    /// Puts the violations recorded from `start` on in the order of their groups: `spans` holds
    /// `(group, from)` in the order recorded, each running to the next (see [`Order`]).
    fn reorder(&mut self, start: usize, spans: &[(usize, usize)]) {
        let tail = self.violations.split_off(start);
        let end = start + tail.len();
        let mut segments: Vec<(usize, usize, usize)> = spans
            .iter()
            .enumerate()
            .map(|(k, &(group, from))| (group, from, spans.get(k + 1).map_or(end, |next| next.1)))
            .collect();
        segments.sort_by_key(|&(group, ..)| group);
        for (_, from, to) in segments {
            self.violations.extend_from_slice(&tail[from - start..to - start]);
        }
    }

    /// Whether the report is full: a violation was already left out, so nothing more found can
    /// be reported (readers of untrusted input stop here).
    pub(crate) fn is_full(&self) -> bool {
        self.truncated
    }

    /// Counts an error that a full report leaves out, without building it.
    pub(crate) fn error_dropped(&mut self) {
        self.errors += 1;
        self.truncated = true;
    }

    /// Whether nothing at all, error or warning, was recorded.
    /// How many errors were recorded so far; compare two readings to see whether a part failed.
    pub(crate) fn errors(&self) -> usize {
        self.errors
    }

    /// `value` if no errors were recorded, else every error (warnings are dropped).
    pub(crate) fn finish<T>(self, value: Option<T>) -> Result<T, Error> {
        match value {
            Some(v) if self.errors == 0 => Ok(v),
            _ => {
                let (violations, _) = self.into_parts();
                Err(Error::new(violations.into_iter().filter(|v| v.severity() == Severity::Error).collect()))
            }
        }
    }

    /// Every violation, errors and warnings, duplicate keys first, and whether some were cut off.
    pub(crate) fn into_parts(mut self) -> (Vec<Violation>, bool) {
        if !self.duplicates.is_empty() {
            self.duplicates.append(&mut self.violations);
            self.violations = self.duplicates;
        }
        (self.violations, self.truncated)
    }
}

/// Validates one value on its own, at the root, for the `new` constructors of leaf types.
pub(crate) fn validate_alone<T>(f: impl FnOnce(&mut Ctx) -> Option<T>) -> Result<T, Error> {
    let mut cx = Ctx::new();
    match f(&mut cx) {
        // Without moving the accumulator: a few hundred bytes.
        Some(v) if cx.errors == 0 => Ok(v),
        v => cx.finish(v),
    }
}

/// How many steps below its array a [`Place`] keeps inline: enough for every duplicate rule
/// (`/3/rows/2/id` below a list's `sections`).
const PLACE_STEPS: usize = 4;

/// Where a value was first seen, for the "no duplicates" rules: the steps below the array the rule
/// started at, so that the pointer is built only if a duplicate turns up (or, should the place be
/// deeper or under an input key, the pointer itself).
#[derive(Debug, Clone)]
pub(crate) enum Place {
    Near { steps: [Seg; PLACE_STEPS], len: usize },
    Far(Pointer),
}

impl Ctx {
    /// How deep we are, to remember [`Place`]s below it.
    pub(crate) fn depth(&self) -> usize {
        self.depth
    }

    /// Where we are, below `base`, a depth we are under.
    pub(crate) fn place(&self, base: usize) -> Place {
        let below = &self.inline[base.min(INLINE_DEPTH)..self.depth.min(INLINE_DEPTH)];
        if self.depth <= INLINE_DEPTH && below.len() <= PLACE_STEPS {
            let mut steps = [Seg::Index(0); PLACE_STEPS];
            steps[..below.len()].copy_from_slice(below);
            Place::Near { steps, len: below.len() }
        } else {
            Place::Far(self.pointer())
        }
    }

    /// The pointer to `place`, remembered below `base`, which we are still under.
    pub(crate) fn pointer_to(&self, base: usize, place: &Place) -> Pointer {
        match place {
            Place::Far(pointer) => pointer.clone(),
            Place::Near { steps, len } => {
                let mut p = Pointer::root();
                for &seg in self.segs().take(base).chain(&steps[..*len]) {
                    seg.push_onto(&mut p);
                }
                p
            }
        }
    }
}

/// The order in which one object's findings are reported, whatever the order of its keys: each
/// finding belongs to a group (a field's index, the unknown fields, …) and groups are reported in
/// ascending order, findings within a group as found. Nothing is held unless something was found.
pub(crate) struct Order {
    start: usize,
    group: usize,
    from: usize,
    spans: Vec<(usize, usize)>,
}

impl Order {
    /// Starts ordering what is recorded from now on.
    pub(crate) fn new(cx: &Ctx) -> Self {
        Order { start: cx.len(), group: 0, from: cx.len(), spans: Vec::new() }
    }

    /// What is recorded next belongs to `group`.
    pub(crate) fn group(&mut self, group: usize, cx: &Ctx) {
        if group == self.group {
            return;
        }
        let at = cx.len();
        if at > self.from {
            self.spans.push((self.group, self.from));
        }
        self.group = group;
        self.from = at;
    }

    /// Reorders what was recorded since [`Order::new`].
    pub(crate) fn finish(mut self, cx: &mut Ctx) {
        if self.spans.is_empty() {
            return;
        }
        if cx.len() > self.from {
            self.spans.push((self.group, self.from));
        }
        if self.spans.is_sorted_by_key(|&(group, _)| group) {
            return;
        }
        cx.reorder(self.start, &self.spans);
    }
}
