//! The accumulator every validation writes to: where we are, and what was found so far.

use crate::error::{Error, Pointer, Problem, Severity, Violation};
use crate::limits::VIOLATIONS_MAX;

/// Where [`Ctx::at`] goes: a field, or an object key read from the input (for unknown fields).
pub(crate) enum Step {
    Field(&'static str),
    Key(String),
}

impl From<&'static str> for Step {
    fn from(field: &'static str) -> Self {
        Step::Field(field)
    }
}

impl From<String> for Step {
    fn from(key: String) -> Self {
        Step::Key(key)
    }
}

/// One step of the path, as kept: a field, an array index, or the position of a key in `Ctx::keys`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Seg {
    Field(&'static str),
    Index(usize),
    Key(usize),
}

/// How many path steps are kept inline; deeper ones go to a `Vec`. The deepest pointer of a valid
/// request has 11 steps (`/whatsapp/messages/0/content/interactive/action/sections/0/rows/0/id`).
const INLINE_DEPTH: usize = 16;

/// The path to the value being validated and the violations found so far.
///
/// The path is built on every step of every validation but read only when something is recorded,
/// so it is kept cheap: steps are `&'static str` or indexes, held inline without allocating.
#[derive(Debug)]
pub(crate) struct Ctx {
    inline: [Seg; INLINE_DEPTH],
    depth: usize,
    deeper: Vec<Seg>,
    keys: Vec<String>,
    violations: Vec<Violation>,
    errors: usize,
    truncated: bool,
}

impl Default for Ctx {
    fn default() -> Self {
        Ctx {
            inline: [Seg::Index(0); INLINE_DEPTH],
            depth: 0,
            deeper: Vec::new(),
            keys: Vec::new(),
            violations: Vec::new(),
            errors: 0,
            truncated: false,
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
    pub(crate) fn at<R>(&mut self, field: impl Into<Step>, f: impl FnOnce(&mut Self) -> R) -> R {
        match field.into() {
            Step::Field(field) => {
                self.push_seg(Seg::Field(field));
                let r = f(self);
                self.pop_seg();
                r
            }
            Step::Key(key) => {
                self.keys.push(key);
                self.push_seg(Seg::Key(self.keys.len() - 1));
                let r = f(self);
                self.pop_seg();
                self.keys.pop();
                r
            }
        }
    }

    /// Runs `f` one level up, back at the parent of where we are.
    pub(crate) fn at_parent<R>(&mut self, f: impl FnOnce(&mut Self) -> R) -> R {
        let seg = self.pop_seg();
        let r = f(self);
        if let Some(seg) = seg {
            self.push_seg(seg);
        }
        r
    }

    /// Runs `f` one level down, at array index `i`.
    pub(crate) fn at_index<R>(&mut self, i: usize, f: impl FnOnce(&mut Self) -> R) -> R {
        self.push_seg(Seg::Index(i));
        let r = f(self);
        self.pop_seg();
        r
    }

    /// Appends `seg` to `p`.
    fn push_onto(&self, seg: Seg, p: &mut Pointer) {
        match seg {
            Seg::Field(f) => p.push(f),
            Seg::Index(i) => p.push(&i.to_string()),
            Seg::Key(k) => p.push(&self.keys[k]),
        }
    }

    /// The pointer to where we are now.
    pub(crate) fn pointer(&self) -> Pointer {
        let mut p = Pointer::root();
        for &seg in self.segs() {
            self.push_onto(seg, &mut p);
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

    /// Records an error one level down, at `field`.
    pub(crate) fn error_at(&mut self, field: &'static str, problem: Problem) {
        self.at(field, |cx| cx.error(problem));
    }

    /// Records an error at `pointer`, wherever we are.
    pub(crate) fn error_at_pointer(&mut self, pointer: Pointer, problem: Problem) {
        self.errors += 1;
        self.push(Violation::new(pointer, problem, Severity::Error));
    }

    fn record(&mut self, problem: Problem, severity: Severity) {
        let pointer = self.pointer();
        self.push(Violation::new(pointer, problem, severity));
    }

    fn push(&mut self, v: Violation) {
        if self.violations.len() >= VIOLATIONS_MAX {
            self.truncated = true;
        } else {
            self.violations.push(v);
        }
    }

    /// The count rule: records `too_few` or `too_many` here when `actual` is outside `min..=max`.
    pub(crate) fn count(&mut self, actual: usize, min: usize, max: usize) -> bool {
        if actual < min {
            self.error(Problem::TooFew { limit: min, actual });
        } else if actual > max {
            self.error(Problem::TooMany { limit: max, actual });
        }
        (min..=max).contains(&actual)
    }

    /// Whether nothing at all, error or warning, was recorded.
    pub(crate) fn is_clean(&self) -> bool {
        self.violations.is_empty() && self.errors == 0 && !self.truncated
    }

    /// How many errors were recorded so far; compare two readings to see whether a part failed.
    pub(crate) fn errors(&self) -> usize {
        self.errors
    }

    /// `value` if no errors were recorded, else every error (warnings are dropped).
    pub(crate) fn finish<T>(self, value: Option<T>) -> Result<T, Error> {
        match value {
            Some(v) if self.errors == 0 => Ok(v),
            _ => Err(Error::new(
                self.violations.into_iter().filter(|v| v.severity() == Severity::Error).collect(),
            )),
        }
    }

    /// Every violation, errors and warnings in the order found, and whether some were cut off.
    pub(crate) fn into_parts(self) -> (Vec<Violation>, bool) {
        (self.violations, self.truncated)
    }
}

/// Validates one value on its own, at the root, for the `new` constructors of leaf types.
pub(crate) fn validate_alone<T>(f: impl FnOnce(&mut Ctx) -> Option<T>) -> Result<T, Error> {
    let mut cx = Ctx::new();
    let v = f(&mut cx);
    cx.finish(v)
}

/// Where each value of a "no duplicates" rule was first seen, relative to the place the rule
/// started (an array): the pointer to a first occurrence is built only if a duplicate turns up.
#[derive(Debug, Default)]
pub(crate) struct FirstSeen {
    base: usize,
    /// The steps below `base` of every entry, one after another; `ends[n]` is where entry `n` ends.
    steps: Vec<Seg>,
    ends: Vec<usize>,
}

impl FirstSeen {
    /// Starts remembering places below where `cx` is now.
    pub(crate) fn new(cx: &Ctx) -> Self {
        FirstSeen { base: cx.depth, steps: Vec::new(), ends: Vec::new() }
    }

    /// Remembers where `cx` is now, as the next entry.
    pub(crate) fn remember(&mut self, cx: &Ctx) {
        if self.ends.is_empty() {
            // Room for a few entries like this first one, rather than growing one by one.
            self.steps.reserve(8 * cx.depth.saturating_sub(self.base));
            self.ends.reserve(8);
        }
        let steps = self.steps.len();
        self.steps.extend(cx.segs().skip(self.base).copied());
        debug_assert!(
            !self.steps[steps..].iter().any(|s| matches!(s, Seg::Key(_))),
            "no duplicate check runs below an input key, whose text is gone once we leave it"
        );
        self.ends.push(self.steps.len());
    }

    /// The pointer to entry `n`, as it was when remembered (`cx` is still below the same base).
    pub(crate) fn pointer(&self, n: usize, cx: &Ctx) -> Pointer {
        let start = if n == 0 { 0 } else { self.ends[n - 1] };
        let mut p = Pointer::root();
        for &seg in cx.segs().take(self.base).chain(&self.steps[start..self.ends[n]]) {
            cx.push_onto(seg, &mut p);
        }
        p
    }
}
