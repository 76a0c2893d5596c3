use exotel_whatsapp::ToTemplate;

#[derive(ToTemplate)]
#[template(name = "welcome", langauge = "en")]
struct Welcome {}

fn main() {}
