use exotel_whatsapp::ReplyButtons;

#[derive(ReplyButtons)]
#[button(title = "Answer")]
enum Answer {
    #[button(title = "Yes")]
    Yes,
}

fn main() {}
