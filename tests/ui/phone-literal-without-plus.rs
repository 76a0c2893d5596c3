use exotel_whatsapp::PhoneNumber;

const SUPPORT: PhoneNumber = PhoneNumber::from_static("919876543210");

fn main() {
    let _ = SUPPORT;
}
