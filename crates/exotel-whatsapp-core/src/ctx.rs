//! The accumulator every validation writes to: where we are, and what was found so far.

use std::borrow::Cow;

use crate::error::{Error, Pointer, Problem, Severity, Violation};
use crate::limits::VIOLATIONS_MAX;

/// The path to the value being validated and the violations found so far.
#[derive(Debug, Default)]
pub(crate) struct Ctx {
    path: Vec<Cow<'static, str>>,
    violations: Vec<Violation>,
    errors: usize,
    truncated: bool,
}

impl Ctx {
    pub(crate) fn new() -> Self {
        Ctx::default()
    }

    /// Runs `f` one level down, at `field`.
    pub(crate) fn at<R>(&mut self, field: impl Into<Cow<'static, str>>, f: impl FnOnce(&mut Self) -> R) -> R {
        self.path.push(field.into());
        let r = f(self);
        self.path.pop();
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

    /// Runs `f` one level up, back at the parent of where we are.
    pub(crate) fn at_parent<R>(&mut self, f: impl FnOnce(&mut Self) -> R) -> R {
        let seg = self.path.pop();
        let r = f(self);
        if let Some(seg) = seg {
            self.path.push(seg);
        }
        r
    }

    /// Runs `f` one level down, at array index `i`.
    pub(crate) fn at_index<R>(&mut self, i: usize, f: impl FnOnce(&mut Self) -> R) -> R {
        self.at(i.to_string(), f)
    }

    /// The pointer to where we are now.
    pub(crate) fn pointer(&self) -> Pointer {
        let mut p = Pointer::root();
        for seg in &self.path {
            p.push(seg);
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
