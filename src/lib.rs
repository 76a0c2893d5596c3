#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]

pub use exotel_whatsapp_core::*;
