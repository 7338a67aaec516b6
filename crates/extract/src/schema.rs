//! `policy-extract schema`: the JSON Schema of [`policy_kit::Document`], from the model types.

/// The schema as pretty JSON with a final newline: exactly `schema/document.schema.json`.
pub fn document_schema() -> anyhow::Result<String> {
    let schema = schemars::schema_for!(policy_kit::Document);
    let mut json = serde_json::to_string_pretty(&schema)?;
    json.push('\n');
    Ok(json)
}
