use exotel_whatsapp::ToTemplate;

#[derive(ToTemplate)]
#[template(name = "welcome", language = "en")]
struct Welcome(#[template(body)] String);

fn main() {}
