use exotel_whatsapp::ReplyButtons;

#[derive(ReplyButtons)]
enum Answer {
    #[button(title = "हाँ, मैं ज़रूर आऊँगा!")]
    Yes,
}

fn main() {}
