use exotel_whatsapp::ToTemplate;

#[derive(ToTemplate)]
#[template(language = "en")]
struct Welcome {}

fn main() {}
