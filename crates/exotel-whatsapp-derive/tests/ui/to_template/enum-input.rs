use exotel_whatsapp::ToTemplate;

#[derive(ToTemplate)]
#[template(name = "welcome", language = "en")]
enum Welcome {
    Hello,
}

fn main() {}
