use exotel_whatsapp::ToTemplate;

#[derive(ToTemplate)]
#[template(name = "welcome", language = "en")]
union Welcome {
    code: u32,
}

fn main() {}
