//! The tracemark command-line tool.
fn main() {}
