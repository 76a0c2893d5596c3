use exotel_whatsapp::ToTemplate;
use exotel_whatsapp::content::Image;

#[derive(ToTemplate)]
#[template(name = "welcome", language = "en")]
struct Welcome {
    #[template(body)]
    photo: Image,
}

fn main() {}
