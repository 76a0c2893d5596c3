use exotel_whatsapp::ListRows;

#[derive(ListRows)]
enum Size {
    #[row(title = "Small", id = "")]
    Small,
}

fn main() {}
