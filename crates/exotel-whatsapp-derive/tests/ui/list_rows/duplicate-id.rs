use exotel_whatsapp::ListRows;

#[derive(ListRows)]
enum Size {
    #[row(title = "Small", id = "s")]
    Small,
    #[row(title = "Medium")]
    Medium,
    #[row(title = "Slim", id = "s")]
    Slim,
}

fn main() {}
