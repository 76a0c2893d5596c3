use exotel_whatsapp::ReplyButtons;

#[derive(ReplyButtons)]
struct Answer {
    yes: bool,
}

fn main() {}
