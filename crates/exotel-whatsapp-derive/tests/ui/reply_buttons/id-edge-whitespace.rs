use exotel_whatsapp::ReplyButtons;

#[derive(ReplyButtons)]
enum Answer {
    #[button(title = "Yes", id = "yes ")]
    Yes,
}

fn main() {}
