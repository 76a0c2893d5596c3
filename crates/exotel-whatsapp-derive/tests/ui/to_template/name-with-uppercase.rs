use exotel_whatsapp::ToTemplate;

#[derive(ToTemplate)]
#[template(name = "OrderShipped", language = "en")]
struct Welcome {}

fn main() {}
