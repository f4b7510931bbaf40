#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| tracemark::fuzz::record_verify(data));
