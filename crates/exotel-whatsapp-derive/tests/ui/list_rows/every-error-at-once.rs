use exotel_whatsapp::ListRows;

#[derive(ListRows)]
enum Size {
    #[row(title = "", id = " s")]
    Small,
    #[row(titel = "Medium")]
    Medium,
    #[row(title = "Large", desc = "Chest 100 cm")]
    Large(u8),
    #[row(title = "Slim", id = " s")]
    Slim,
    #[row(title = "Extra extra extra large!!", title = "XXL")]
    Xxl,
}

fn main() {}
