#![no_main]
libfuzzer_sys::fuzz_target!(
    init: policy_fuzz::tolerate_panics_in("pdf_oxide"),
    |data: &[u8]| policy_fuzz::pdf(data)
);
