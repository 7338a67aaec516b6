//! Files that once took the whole process down (deeply nested arrays and
//! dictionaries overflowed the PDF library's recursive parser), or make the
//! library panic.

use policy_blocks::Limits;

fn read(name: &str) -> Result<policy_blocks::Decoded, policy_pdf::Error> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/hostile/crashers")
        .join(name);
    policy_pdf::read(
        &std::fs::read(path).expect("crasher fixtures are readable"),
        &Limits::default(),
    )
}

#[test]
fn deep_arrays_are_refused_by_name() {
    let err = read("deep_arrays.pdf").expect_err("too deep");
    assert!(
        err.to_string().contains("max_nesting_depth")
            || format!("{err:?}").contains("max_nesting_depth"),
        "{err:?}"
    );
}

#[test]
fn deep_dictionaries_are_refused_by_name() {
    let err = read("deep_dicts.pdf").expect_err("too deep");
    assert!(err.to_string().contains("max_nesting_depth"), "{err:?}");
}

/// Found by the `pdf` fuzz target: `pdf_oxide` 0.3.78 slices a string inside a
/// multi-byte character while counting pages. The panic is caught and named.
#[test]
fn a_library_panic_is_an_error() {
    let err = read("pdf_oxide_char_boundary.pdf").expect_err("the library panics");
    assert!(matches!(err, policy_pdf::Error::Panic { .. }), "{err:?}");
}

#[test]
fn honest_files_are_not_too_deep() {
    for name in [
        "000_division_table.pdf",
        "001_ledger_table.pdf",
        "002_implementation_plan.pdf",
    ] {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../fixtures")
            .join(name);
        let bytes = std::fs::read(path).expect("fixtures are readable");
        assert!(
            policy_pdf::read(&bytes, &Limits::default()).is_ok(),
            "{name}"
        );
    }
}
