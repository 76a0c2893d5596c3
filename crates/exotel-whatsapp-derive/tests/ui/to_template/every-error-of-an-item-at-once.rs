use exotel_whatsapp::ToTemplate;

#[derive(ToTemplate)]
#[template(name = "Welcome", langauge = "en")]
struct Welcome {
    #[template(header)]
    title: String,
    #[template(header)]
    subtitle: String,
    #[template(button(index = 5, sub_type = "url"))]
    tracking: String,
}

fn main() {}
