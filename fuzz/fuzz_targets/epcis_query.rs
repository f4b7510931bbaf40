#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| tracemark::fuzz::epcis_query(data));
