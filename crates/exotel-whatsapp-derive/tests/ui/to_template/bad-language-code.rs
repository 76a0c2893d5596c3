use exotel_whatsapp::ToTemplate;

#[derive(ToTemplate)]
#[template(name = "welcome", language = "en-US")]
struct Welcome {}

fn main() {}
