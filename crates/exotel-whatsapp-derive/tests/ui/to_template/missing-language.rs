use exotel_whatsapp::ToTemplate;

#[derive(ToTemplate)]
#[template(name = "welcome")]
struct Welcome {}

fn main() {}
