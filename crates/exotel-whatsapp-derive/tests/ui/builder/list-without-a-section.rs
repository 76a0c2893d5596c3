use exotel_whatsapp::content::Interactive;

fn main() {
    let _ = Interactive::list("Pick a size", "Sizes").build();
}
