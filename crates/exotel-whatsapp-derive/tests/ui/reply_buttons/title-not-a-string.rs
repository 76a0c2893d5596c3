use exotel_whatsapp::ReplyButtons;

#[derive(ReplyButtons)]
enum Answer {
    #[button(title = 1)]
    One,
}

fn main() {}
