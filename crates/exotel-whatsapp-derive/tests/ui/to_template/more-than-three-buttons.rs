use exotel_whatsapp::ToTemplate;

#[derive(ToTemplate)]
#[template(name = "welcome", language = "en")]
struct Welcome {
    #[template(button(index = 0, sub_type = "quick_reply"))]
    yes: String,
    #[template(button(index = 1, sub_type = "quick_reply"))]
    no: String,
    #[template(button(index = 2, sub_type = "quick_reply"))]
    later: String,
    #[template(button(index = 2, sub_type = "quick_reply"))]
    never: String,
}

fn main() {}
