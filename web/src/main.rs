//! The app's entry point (Trunk builds this binary).

fn main() {
    cxzy_web::start();
}
