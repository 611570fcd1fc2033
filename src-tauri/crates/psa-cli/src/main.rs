fn main() {
    println!("psa-connect: not yet");
}
