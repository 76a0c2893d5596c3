use exotel_whatsapp::content::Interactive;

fn main() {
    let _ = Interactive::buttons("Confirm your slot?").footer("Thanks").build();
}
