use exotel_whatsapp::ListRows;

#[derive(ListRows)]
enum Digit {
    #[row(title = "0")]
    Zero,
    #[row(title = "1")]
    One,
    #[row(title = "2")]
    Two,
    #[row(title = "3")]
    Three,
    #[row(title = "4")]
    Four,
    #[row(title = "5")]
    Five,
    #[row(title = "6")]
    Six,
    #[row(title = "7")]
    Seven,
    #[row(title = "8")]
    Eight,
    #[row(title = "9")]
    Nine,
    #[row(title = "10")]
    Ten,
}

fn main() {}
