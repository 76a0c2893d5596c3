use exotel_whatsapp::ToTemplate;

#[derive(ToTemplate)]
#[template(name = "welcome", language = "en")]
struct Welcome {
    #[template(button(index = 3, sub_type = "url"))]
    tracking: String,
}

fn main() {}
