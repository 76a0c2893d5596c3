use exotel_whatsapp::ListRows;

#[derive(ListRows)]
enum Size {
    #[row(title = "Small", description = "ककककककककककककककककककककककककककककककककककककककककककककककककककककककककककककककककककककककककक")]
    Small,
}

fn main() {}
