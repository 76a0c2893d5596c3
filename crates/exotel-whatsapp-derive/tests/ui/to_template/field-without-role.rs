use exotel_whatsapp::ToTemplate;

#[derive(ToTemplate)]
#[template(name = "welcome", language = "en")]
struct Welcome {
    #[template(body)]
    customer: String,
    internal_id: u64,
}

fn main() {}
