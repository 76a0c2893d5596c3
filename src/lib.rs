//! x
pub use exotel_whatsapp_core::*;
