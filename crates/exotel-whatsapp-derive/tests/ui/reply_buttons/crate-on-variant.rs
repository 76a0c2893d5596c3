use exotel_whatsapp::ReplyButtons;

#[derive(ReplyButtons)]
enum Answer {
    #[button(title = "Yes", crate = exotel_whatsapp)]
    Yes,
}

fn main() {}
