use exotel_whatsapp::ReplyButtons;

#[derive(ReplyButtons)]
enum Answer {
    #[button(title = "Yes", title = "Yeah")]
    Yes,
}

fn main() {}
