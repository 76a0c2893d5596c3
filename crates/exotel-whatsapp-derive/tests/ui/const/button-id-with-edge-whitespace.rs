use exotel_whatsapp::text::ButtonId;

const ID: ButtonId = ButtonId::from_static(" confirm");

fn main() {
    let _ = ID;
}
