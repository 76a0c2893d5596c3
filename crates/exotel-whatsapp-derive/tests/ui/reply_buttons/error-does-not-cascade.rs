use exotel_whatsapp::{ReplyButtons, ReplyChoices};

#[derive(ReplyButtons)]
enum Answer {
    #[button(title = "Yes, I will be there on time")]
    Yes,
}

fn main() {
    let _ = Answer::buttons("Coming?").build();
    let _ = Answer::from_reply_id("yes");
}
