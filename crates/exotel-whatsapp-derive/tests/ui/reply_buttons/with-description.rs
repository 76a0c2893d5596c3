use exotel_whatsapp::ReplyButtons;

#[derive(ReplyButtons)]
enum Answer {
    #[button(title = "Yes", description = "I will come")]
    Yes,
}

fn main() {}
