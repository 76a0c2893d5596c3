use exotel_whatsapp::ToTemplate;

#[derive(ToTemplate)]
#[template(name = "welcome", language = "en")]
struct Welcome {
    #[template(header)]
    title: String,
    #[template(header)]
    subtitle: String,
}

fn main() {}
