use exotel_whatsapp::ReplyButtons;

#[derive(ReplyButtons)]
enum Answer {
    #[button(title = "Yes")]
    Yes,
    #[button(title = "No")]
    No,
    #[button(title = "Maybe")]
    Maybe,
    #[button(title = "Later")]
    Later,
}

fn main() {}
