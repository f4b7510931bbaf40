//! Verification throughput benchmark (written next).
fn main() {}
