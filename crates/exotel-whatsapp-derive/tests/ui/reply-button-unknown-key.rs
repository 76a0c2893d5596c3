use exotel_whatsapp::ReplyButtons;

#[derive(ReplyButtons)]
enum Answer {
    #[button(titel = "Yes")]
    Yes,
}

fn main() {}
