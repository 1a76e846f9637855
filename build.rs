//! Links the `rpod` binary as a position-dependent executable: a PIE's ~13,000 relocations
//! (clap's tables, vtables) are applied by ld.so at every start and copy-on-write ~50 pages;
//! without them `rpod` starts 0.3 ms sooner, which `rpod run` feels. The code itself stays
//! position-independent; only the binary's load address is fixed (no ASLR for it).
fn main() {
    println!("cargo:rustc-link-arg-bins=-no-pie");
}
