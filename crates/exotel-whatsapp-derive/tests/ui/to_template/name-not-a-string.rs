use exotel_whatsapp::ToTemplate;

#[derive(ToTemplate)]
#[template(name = welcome, language = "en")]
struct Welcome {}

fn main() {}
