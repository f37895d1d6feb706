//! Validates JSON values and HTTP answers against `contract/openapi.yaml`.
//!
//! Shared by the contract's own tests and the reference server's (`#[path]` include), so both
//! check against the one document that other backends implement.
#![allow(dead_code)]

use serde_json::{json, Value};

/// The parsed OpenAPI document.
pub struct OpenApi {
    doc: Value,
}

impl OpenApi {
    pub fn load() -> OpenApi {
        let text = include_str!("../../openapi.yaml");
        let doc: Value = serde_norway::from_str(text).expect("openapi.yaml parses");
        OpenApi { doc }
    }

    pub fn doc(&self) -> &Value {
        &self.doc
    }

    /// Validates `value` against the schema at `pointer` (e.g. `/components/schemas/Article`).
    pub fn check_pointer(&self, pointer: &str, value: &Value) -> Result<(), String> {
        let schema = json!({
            "$ref": format!("#{pointer}"),
            "components": self.doc["components"].clone(),
        });
        let validator = jsonschema::options()
            .with_draft(jsonschema::Draft::Draft202012)
            .should_validate_formats(true)
            .build(&schema)
            .map_err(|e| format!("schema {pointer} does not compile: {e}"))?;
        let errors: Vec<String> = validator
            .iter_errors(value)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        if errors.is_empty() {
            Ok(())
        } else {
            Err(format!("{pointer}: {}\nvalue: {value}", errors.join("; ")))
        }
    }

    /// Validates `value` against `components/schemas/<name>`.
    pub fn check_schema(&self, name: &str, value: &Value) -> Result<(), String> {
        if self.doc["components"]["schemas"].get(name).is_none() {
            return Err(format!("openapi.yaml has no schema {name}"));
        }
        self.check_pointer(&format!("/components/schemas/{name}"), value)
    }

    /// Checks an answer of `method path_template` (e.g. `get`, `/articles/{id}`): the status is
    /// documented for that operation, the content type is the documented one, and the body
    /// validates against the documented schema.
    pub fn check_response(
        &self,
        method: &str,
        path_template: &str,
        status: u16,
        content_type: Option<&str>,
        body: Option<&Value>,
    ) -> Result<(), String> {
        let op = &self.doc["paths"][path_template][method.to_ascii_lowercase()];
        if op.is_null() {
            return Err(format!(
                "openapi.yaml has no operation {method} {path_template}"
            ));
        }
        let mut response = &op["responses"][status.to_string()];
        if response.is_null() {
            return Err(format!(
                "{method} {path_template} answered {status}, which openapi.yaml does not document"
            ));
        }
        if let Some(r) = response.get("$ref").and_then(Value::as_str) {
            let name = r.trim_start_matches("#/components/responses/");
            response = &self.doc["components"]["responses"][name];
        }
        let Some(content) = response.get("content").and_then(Value::as_object) else {
            return match body {
                None | Some(Value::Null) => Ok(()),
                Some(b) => Err(format!(
                    "{method} {path_template} {status} documents no body, got {b}"
                )),
            };
        };
        let ct = content_type
            .ok_or_else(|| format!("{method} {path_template} {status} has no Content-Type"))?;
        let media = ct.split(';').next().unwrap_or("").trim();
        let Some(entry) = content.get(media) else {
            return Err(format!(
                "{method} {path_template} {status}: Content-Type {media} is not documented ({:?})",
                content.keys().collect::<Vec<_>>()
            ));
        };
        let body = body.ok_or_else(|| format!("{method} {path_template} {status}: no body"))?;
        let schema = &entry["schema"];
        let check = json!({ "allOf": [schema], "components": self.doc["components"].clone() });
        let validator = jsonschema::options()
            .with_draft(jsonschema::Draft::Draft202012)
            .should_validate_formats(true)
            .build(&check)
            .map_err(|e| {
                format!("schema of {method} {path_template} {status} does not compile: {e}")
            })?;
        let errors: Vec<String> = validator
            .iter_errors(body)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        if errors.is_empty() {
            Ok(())
        } else {
            Err(format!(
                "{method} {path_template} {status}: {}\nbody: {body}",
                errors.join("; ")
            ))
        }
    }
}
