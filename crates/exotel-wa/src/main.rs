//! The `exotel-wa` command.
fn main() {}
