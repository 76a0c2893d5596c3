use exotel_whatsapp::ListRows;

#[derive(ListRows)]
enum Size {
    #[row(title = "Extra extra extra large!!")]
    Xxxl,
}

fn main() {}
