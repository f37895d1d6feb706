//! The document's `links` (what a client, or schemathesis's stateful phase, may call next with
//! what an answer gave) name real operations, real parameters, and values the answer has.

mod support;

use serde_json::Value;
use support::openapi::OpenApi;

/// Follows a local `$ref`.
fn resolve<'a>(doc: &'a Value, v: &'a Value) -> &'a Value {
    match v["$ref"].as_str().and_then(|r| r.strip_prefix('#')) {
        Some(pointer) => doc.pointer(pointer).unwrap_or(v),
        None => v,
    }
}

/// Whether the schema `schema` describes a value at `pointer` (`/items/0/id`): each step a
/// property (through `allOf`) or an array index.
fn schema_has(doc: &Value, schema: &Value, pointer: &[&str]) -> bool {
    let schema = resolve(doc, schema);
    let Some((first, rest)) = pointer.split_first() else {
        return true;
    };
    if let Some(all) = schema["allOf"].as_array() {
        return all.iter().any(|s| schema_has(doc, s, pointer));
    }
    if first.parse::<usize>().is_ok() && schema["items"].is_object() {
        return schema_has(doc, &schema["items"], rest);
    }
    match schema["properties"].get(*first) {
        Some(p) => schema_has(doc, p, rest),
        None => false,
    }
}

/// Every operation: (operationId, its path item, the operation).
fn operations(doc: &Value) -> Vec<(String, &Value, &Value)> {
    let mut out = Vec::new();
    for item in doc["paths"]
        .as_object()
        .into_iter()
        .flat_map(|m| m.values())
    {
        for method in ["get", "put", "post", "patch", "delete"] {
            let op = &item[method];
            if let Some(id) = op["operationId"].as_str() {
                out.push((id.to_string(), item, op));
            }
        }
    }
    out
}

/// The names of `op`'s parameters (its own and its path's).
fn parameter_names(doc: &Value, item: &Value, op: &Value) -> Vec<String> {
    let own = op["parameters"].as_array().into_iter().flatten();
    let shared = item["parameters"].as_array().into_iter().flatten();
    own.chain(shared)
        .filter_map(|p| resolve(doc, p)["name"].as_str().map(str::to_string))
        .collect()
}

/// Checks one runtime expression of a link from `response` (its schema and headers).
fn check_expression(doc: &Value, response: &Value, expr: &str) -> Result<(), String> {
    if let Some(pointer) = expr.strip_prefix("$response.body#") {
        let schema = &response["content"]["application/json"]["schema"];
        let steps: Vec<&str> = pointer.split('/').skip(1).collect();
        if schema_has(doc, schema, &steps) {
            return Ok(());
        }
        return Err(format!("{expr}: the answer's schema has no {pointer}"));
    }
    if let Some(name) = expr.strip_prefix("$response.header.") {
        if response["headers"].get(name).is_some() {
            return Ok(());
        }
        return Err(format!("{expr}: the answer declares no header {name}"));
    }
    Err(format!("{expr}: not an expression on the answer"))
}

#[test]
fn every_link_names_an_operation_its_parameters_and_what_the_answer_has() {
    let api = OpenApi::load();
    let doc = api.doc();
    let ops = operations(doc);
    let mut problems = Vec::new();
    let mut count = 0;
    for (source, _, op) in &ops {
        for (status, response) in op["responses"].as_object().into_iter().flatten() {
            let response = resolve(doc, response);
            for (name, link) in response["links"].as_object().into_iter().flatten() {
                count += 1;
                let at = format!("{source} {status} {name}");
                let target = link["operationId"].as_str().unwrap_or_default();
                let Some((_, item, target_op)) = ops.iter().find(|(id, _, _)| id == target) else {
                    problems.push(format!("{at}: no operation {target}"));
                    continue;
                };
                let names = parameter_names(doc, item, target_op);
                for (param, expr) in link["parameters"].as_object().into_iter().flatten() {
                    let param = param.rsplit('.').next().unwrap_or(param);
                    if !names.iter().any(|n| n == param) {
                        problems.push(format!("{at}: {target} has no parameter {param}"));
                    }
                    if let Err(e) = check_expression(doc, response, expr.as_str().unwrap_or("")) {
                        problems.push(format!("{at}: {e}"));
                    }
                }
                if let Some(body) = link["requestBody"].as_object() {
                    let schema = &target_op["requestBody"]["content"]["application/json"]["schema"];
                    for (field, value) in body {
                        if !schema_has(doc, schema, &[field.as_str()]) {
                            problems.push(format!("{at}: {target}'s body has no field {field}"));
                        }
                        let exprs: Vec<&str> = match value {
                            Value::String(s) => vec![s.as_str()],
                            Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
                            _ => Vec::new(),
                        };
                        for e in exprs.into_iter().filter(|e| e.starts_with('$')) {
                            if let Err(e) = check_expression(doc, response, e) {
                                problems.push(format!("{at}: {e}"));
                            }
                        }
                    }
                }
                // A link that writes needs the version the answer gave.
                let writes = target_op["parameters"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .any(|p| p["$ref"] == "#/components/parameters/IfMatch");
                if writes && link["parameters"]["If-Match"] != "$response.header.ETag" {
                    problems.push(format!("{at}: {target} needs If-Match from the ETag"));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(count >= 70, "only {count} links");
}

#[test]
fn every_create_links_to_the_reading_of_what_it_made() {
    let api = OpenApi::load();
    let doc = api.doc();
    let ops = operations(doc);
    // Creates whose answer is the new resource, and the operation that reads it.
    for (create, read) in [
        ("createArticle", "getArticle"),
        ("createUser", "getUser"),
        ("createPlan", "getPlan"),
        ("amendPlan", "getPlan"),
        ("recordQuarterlySubmission", "getQuarterlySubmission"),
        ("createFraudReport", "getFraudReport"),
        ("uploadMedia", "getMedia"),
        ("createBanner", "getBanner"),
    ] {
        let (_, _, op) = ops.iter().find(|(id, _, _)| id == create).unwrap();
        let links = &op["responses"]["201"]["links"];
        let reads = links
            .as_object()
            .into_iter()
            .flatten()
            .any(|(_, l)| l["operationId"] == read);
        assert!(reads, "{create}'s 201 has no link to {read}");
    }
}

#[test]
fn the_checks_catch_a_wrong_link() {
    let api = OpenApi::load();
    let doc = api.doc();
    let created = resolve(doc, &doc["paths"]["/plans"]["post"]["responses"]["201"]);
    assert!(check_expression(doc, created, "$response.body#/id").is_ok());
    assert!(check_expression(doc, created, "$response.header.ETag").is_ok());
    assert!(check_expression(doc, created, "$response.body#/nope").is_err());
    assert!(check_expression(doc, created, "$response.header.Location").is_err());
    let listed = &doc["paths"]["/plans"]["get"]["responses"]["200"];
    assert!(check_expression(doc, listed, "$response.body#/items/0/id").is_ok());
    assert!(check_expression(doc, listed, "$response.body#/items/0/nope").is_err());
}
