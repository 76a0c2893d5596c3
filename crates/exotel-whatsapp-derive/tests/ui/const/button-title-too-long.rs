use exotel_whatsapp::text::ButtonTitle;

const TITLE: ButtonTitle = ButtonTitle::from_static("A title of 21 chars!!");

fn main() {
    let _ = TITLE;
}
