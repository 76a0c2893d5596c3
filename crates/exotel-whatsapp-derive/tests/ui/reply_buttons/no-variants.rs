use exotel_whatsapp::ReplyButtons;

#[derive(ReplyButtons)]
enum Answer {}

fn main() {}
