#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| tracemark::fuzz::ids_text(data));
