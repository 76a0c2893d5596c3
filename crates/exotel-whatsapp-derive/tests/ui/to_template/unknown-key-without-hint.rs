use exotel_whatsapp::ToTemplate;

#[derive(ToTemplate)]
#[template(name = "welcome", language = "en", category = "marketing")]
struct Welcome {}

fn main() {}
