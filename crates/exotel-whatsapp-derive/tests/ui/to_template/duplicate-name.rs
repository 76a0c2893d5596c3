use exotel_whatsapp::ToTemplate;

#[derive(ToTemplate)]
#[template(name = "welcome", language = "en", name = "hello")]
struct Welcome {}

fn main() {}
