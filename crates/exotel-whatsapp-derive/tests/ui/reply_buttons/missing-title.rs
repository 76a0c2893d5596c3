use exotel_whatsapp::ReplyButtons;

#[derive(ReplyButtons)]
enum Answer {
    #[button(title = "Yes")]
    Yes,
    #[button(id = "no")]
    No,
}

fn main() {}
