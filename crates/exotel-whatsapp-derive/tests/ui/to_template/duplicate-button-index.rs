use exotel_whatsapp::ToTemplate;

#[derive(ToTemplate)]
#[template(name = "welcome", language = "en")]
struct Welcome {
    #[template(button(index = 0, sub_type = "url"))]
    tracking: String,
    #[template(button(index = 0, sub_type = "quick_reply"))]
    stop: String,
}

fn main() {}
