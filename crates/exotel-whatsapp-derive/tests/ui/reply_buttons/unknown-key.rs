use exotel_whatsapp::ReplyButtons;

#[derive(ReplyButtons)]
enum Answer {
    #[button(tittle = "Yes")]
    Yes,
}

fn main() {}
