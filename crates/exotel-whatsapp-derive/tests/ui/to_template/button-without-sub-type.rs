use exotel_whatsapp::ToTemplate;

#[derive(ToTemplate)]
#[template(name = "welcome", language = "en")]
struct Welcome {
    #[template(button(index = 0))]
    tracking: String,
}

fn main() {}
