use exotel_whatsapp::ToTemplate;

#[derive(ToTemplate)]
#[template(name = "", language = "en")]
struct Welcome {}

fn main() {}
