#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| tracemark::fuzz::event_hash(data));
