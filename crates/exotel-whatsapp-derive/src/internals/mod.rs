//! What both derives share, as `serde_derive`'s `internals`: the error accumulator, the attribute
//! keys, the attribute-parse loop, the "did you mean" hint and the `const _` around generated code.

pub mod attr;
pub mod ctxt;
pub mod dummy;
pub mod hint;
pub mod symbol;
