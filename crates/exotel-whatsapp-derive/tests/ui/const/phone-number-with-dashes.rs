use exotel_whatsapp::PhoneNumber;

const SUPPORT: PhoneNumber = PhoneNumber::from_static("+91-98765-43210");

fn main() {
    let _ = SUPPORT;
}
