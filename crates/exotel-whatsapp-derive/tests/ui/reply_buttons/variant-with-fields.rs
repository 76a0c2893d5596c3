use exotel_whatsapp::ReplyButtons;

#[derive(ReplyButtons)]
enum Answer {
    #[button(title = "Yes")]
    Yes,
    #[button(title = "Other")]
    Other(String),
}

fn main() {}
