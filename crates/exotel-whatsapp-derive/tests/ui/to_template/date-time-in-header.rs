use exotel_whatsapp::ToTemplate;
use exotel_whatsapp::template::DateTime;

#[derive(ToTemplate)]
#[template(name = "welcome", language = "en")]
struct Welcome {
    #[template(header)]
    eta: DateTime,
}

fn main() {}
