use exotel_whatsapp::ToTemplate;
use exotel_whatsapp::template::Currency;

#[derive(ToTemplate)]
#[template(name = "welcome", language = "en")]
struct Welcome {
    #[template(button(index = 0, sub_type = "url"))]
    total: Currency,
}

fn main() {}
