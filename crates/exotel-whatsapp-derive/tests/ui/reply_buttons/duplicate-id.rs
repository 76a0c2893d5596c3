use exotel_whatsapp::ReplyButtons;

#[derive(ReplyButtons)]
enum Answer {
    #[button(title = "Yes")]
    Yes,
    #[button(title = "Sure", id = "yes")]
    Sure,
}

fn main() {}
