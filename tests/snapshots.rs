//! One JSON snapshot per seed and fixture, and one of the decoded blocks per
//! fixture. A snapshot is a claim that the output is right: review before accepting.

use crate::util::{error_chain, extract, relative, root};

fn document_or_error(path: &std::path::Path) -> serde_json::Value {
    match extract(path) {
        Ok(doc) => serde_json::to_value(doc).expect("documents serialize"),
        Err(e) => serde_json::json!({ "error": { "kind": e.kind(), "message": error_chain(&e) } }),
    }
}

#[test]
fn seeds() {
    insta::glob!("..", "seeds/*.txt", |path| {
        insta::assert_json_snapshot!(document_or_error(path));
    });
}

#[test]
fn fixtures() {
    insta::glob!(
        "..",
        "fixtures/{*,real/real*,doc/*}.{docx,pdf,txt,html,md,doc}",
        |path| {
            insta::assert_json_snapshot!(document_or_error(path));
        }
    );
}

#[test]
fn fixture_blocks() {
    insta::glob!(
        "..",
        "fixtures/{*,real/real*,doc/*}.{docx,pdf,txt,html,md,doc}",
        |path| {
            let bytes = std::fs::read(path).expect("fixtures are readable");
            let value = match policy_kit::decode(
                &bytes,
                &relative(path),
                &policy_kit::Options::default(),
            ) {
                Ok(decoded) => serde_json::to_value(&decoded).expect("blocks serialize"),
                Err(e) => {
                    serde_json::json!({ "error": { "kind": e.kind(), "message": error_chain(&e) } })
                }
            };
            insta::assert_json_snapshot!(value);
        }
    );
}

#[test]
fn every_fixture_is_snapshotted() {
    // insta::glob! fails on a pattern that matches nothing; this guards the folders themselves.
    assert!(root().join("seeds").read_dir().expect("seeds/").count() >= 5);
    assert!(
        root()
            .join("fixtures")
            .read_dir()
            .expect("fixtures/")
            .count()
            >= 10
    );
}
