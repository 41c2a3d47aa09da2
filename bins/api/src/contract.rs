//! Makes the generated OpenAPI document say what the API answers.
//!
//! Handlers declare the payload of a success (`body = KeywordDto`, `body = [KeywordDto]`) and the
//! errors particular to them (409, 402, 422); this module rewrites the document once, at start-up,
//! so that every operation of `/api/schema/` carries
//! - success bodies inside the envelope the API really sends: `{success, data, message?,
//!   request_id}`, or for a paginated list (an operation with a `page_size` parameter)
//!   `{success, count, next, previous, results, request_id}`;
//! - the error answers every route of its kind can give (400 for input, 401 and 403 behind auth,
//!   404 for addressed objects, 413/415 for bodies, 429 for throttled writes, 500/503 always),
//!   each as the error envelope whose `code` lists exactly [`Code::ALL`].
//!
//! List handlers declare their paging, search and ordering parameters with a type made by
//! [`list_params!`], whose `ordering` enumerates the fields the list sorts by.

use crate::error::Code;
use serde_json::{Map, Value, json};
use utoipa::openapi::path::{Parameter, ParameterBuilder, ParameterIn};
use utoipa::openapi::schema::{ObjectBuilder, SchemaType, Type};
use utoipa::openapi::{Required, Schema};

/// `field` and `-field` for every field of a list's ordering allow-list.
pub fn ordering_values<F>(allowed: &[(&str, F)]) -> Vec<String> {
    allowed
        .iter()
        .flat_map(|(n, _)| [n.to_string(), format!("-{n}")])
        .collect()
}

fn query(name: &str, description: &str, schema: Schema) -> Parameter {
    ParameterBuilder::new()
        .name(name)
        .parameter_in(ParameterIn::Query)
        .required(Required::False)
        .description(Some(description))
        .schema(Some(schema))
        .build()
}

/// The paging, search and ordering parameters of a list. `orderings`: the accepted values of
/// `ordering` (empty: the list has a fixed order and takes none).
pub fn list_parameters(orderings: Vec<String>, search: bool) -> Vec<Parameter> {
    let int = || {
        Schema::Object(
            ObjectBuilder::new()
                .schema_type(SchemaType::Type(Type::Integer))
                .format(Some(utoipa::openapi::SchemaFormat::KnownFormat(
                    utoipa::openapi::KnownFormat::Int64,
                )))
                .build(),
        )
    };
    let mut out = vec![
        query("page", "1-based page; below 1 reads as 1.", int()),
        query(
            "page_size",
            "Rows per page (default 25); clamped to 1..=200.",
            int(),
        ),
    ];
    if search {
        out.push(query(
            "search",
            "Case-insensitive substring of the main text field.",
            Schema::Object(
                ObjectBuilder::new()
                    .schema_type(SchemaType::Type(Type::String))
                    .build(),
            ),
        ));
    }
    out.extend(ordering_parameter(orderings));
    out
}

/// The `ordering` parameter alone (for exports that sort but do not page); none when the
/// allow-list is empty.
pub fn ordering_parameter(orderings: Vec<String>) -> Option<Parameter> {
    let mut out = None;
    if !orderings.is_empty() {
        // An empty value means the default order.
        let mut values = vec![String::new()];
        values.extend(orderings);
        out = Some(query(
            "ordering",
            "`field` or `-field` (descending); anything else is 400 `validation_failed`.",
            Schema::Object(
                ObjectBuilder::new()
                    .schema_type(SchemaType::Type(Type::String))
                    .enum_values(Some(values))
                    .build(),
            ),
        ));
    }
    out
}

/// Declares a list's query parameters as a type for `#[utoipa::path(params(...))]`:
/// `list_params!(KeywordList, ordering_values(KEYWORD_ORDERING))`, with a fixed order
/// `list_params!(SectorList, vec!["name".into()])`, with none `list_params!(PromptList, vec![])`;
/// `search` after the orderings when the list reads `search` through `ListParams` (lists with a
/// filter type declare it there).
#[macro_export]
macro_rules! list_params {
    ($name:ident, $orderings:expr) => {
        $crate::list_params!(@make $name, $orderings, false);
    };
    ($name:ident, $orderings:expr, search) => {
        $crate::list_params!(@make $name, $orderings, true);
    };
    (@make $name:ident, $orderings:expr, $search:expr) => {
        /// Paging and ordering of this list (documentation only; read by `ListParams`).
        pub struct $name;
        impl utoipa::IntoParams for $name {
            fn into_params(
                _: impl Fn() -> Option<utoipa::openapi::path::ParameterIn>,
            ) -> Vec<utoipa::openapi::path::Parameter> {
                $crate::contract::list_parameters($orderings, $search)
            }
        }
    };
}

const METHODS: [&str; 5] = ["get", "put", "post", "patch", "delete"];

/// The error envelope's schema.
fn error_schema() -> Value {
    let codes: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
    json!({
        "type": "object",
        "required": ["success", "error", "code", "request_id"],
        "properties": {
            "success": {"type": "boolean", "const": false},
            "error": {"type": "string", "description": "A sentence for people."},
            "code": {"type": "string", "enum": codes, "description": "Stable; see the error table of docs/API.md."},
            "errors": {"type": "object", "description": "Validation failures: field (or JSON path, or parameter) to messages; some codes carry details (`needed`, `available`, `run_id`)."},
            "request_id": {"type": "string"}
        }
    })
}

fn object_envelope(data: Value) -> Value {
    json!({
        "type": "object",
        "required": ["success", "data", "request_id"],
        "properties": {
            "success": {"type": "boolean", "const": true},
            "data": data,
            "message": {"type": "string"},
            "request_id": {"type": "string"}
        }
    })
}

fn list_envelope(items: Value) -> Value {
    json!({
        "type": "object",
        "required": ["success", "count", "next", "previous", "results", "request_id"],
        "properties": {
            "success": {"type": "boolean", "const": true},
            "count": {"type": "integer", "minimum": 0},
            "next": {"type": ["string", "null"]},
            "previous": {"type": ["string", "null"]},
            "results": {"type": "array", "items": items},
            "request_id": {"type": "string"}
        }
    })
}

fn default_description(status: &str) -> &'static str {
    match status {
        "400" => "validation_failed, invalid_json or invalid_csv",
        "401" => "authentication_required, invalid_token or token_expired",
        "402" => "insufficient_credits",
        "403" => "permission_denied, account_inactive or plan_limit_reached",
        "404" => "not_found (also another account's object)",
        "409" => "conflict, already_exists or run_in_progress",
        "413" => "payload_too_large",
        "415" => "unsupported_media_type",
        "422" => "invalid_state",
        "429" => "rate_limited (Retry-After, X-Throttle-*)",
        "500" => "internal_error",
        "503" => "unavailable (Retry-After)",
        _ => "error",
    }
}

fn is_json_or_empty(resp: &Value) -> Option<Option<Value>> {
    match resp.get("content").and_then(Value::as_object) {
        None => Some(None),
        Some(c) if c.is_empty() => Some(None),
        Some(c) => c.get("application/json").map(|m| m.get("schema").cloned()),
    }
}

/// A PUT body: the resource's update schema with the fields a full update must carry required
/// (and not null).
fn put_body(op: &mut Map<String, Value>, put_bodies: &[(String, &'static [&'static str])]) {
    let Some(schema) = op
        .get_mut("requestBody")
        .and_then(|b| b.pointer_mut("/content/application~1json/schema"))
    else {
        return;
    };
    let Some(name) = schema
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| r.strip_prefix("#/components/schemas/"))
    else {
        return;
    };
    if let Some((_, required)) = put_bodies.iter().find(|(n, _)| n == name) {
        let props: Map<String, Value> = required
            .iter()
            .map(|f| ((*f).to_owned(), json!({"type": "string"})))
            .collect();
        *schema = json!({
            "allOf": [{"$ref": format!("#/components/schemas/{name}")}],
            "required": required,
            "properties": props,
        });
    }
}

fn shape_operation(path: &str, method: &str, op: &mut Map<String, Value>, secured_default: bool) {
    let params = op
        .get("parameters")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let is_list = params
        .iter()
        .any(|p| p.get("name").and_then(Value::as_str) == Some("page_size"));
    let has_body = op.contains_key("requestBody");
    let secured = match op.get("security").and_then(Value::as_array) {
        Some(s) => {
            !s.is_empty()
                && s.iter()
                    .any(|r| r.as_object().is_some_and(|o| !o.is_empty()))
        }
        None => secured_default,
    };
    let responses = op
        .entry("responses")
        .or_insert_with(|| json!({}))
        .as_object_mut();
    let Some(responses) = responses else { return };

    for (status, resp) in responses.iter_mut() {
        let Some(resp) = resp.as_object_mut() else {
            continue;
        };
        if status == "204" {
            resp.remove("content");
        } else if status.starts_with('2') {
            let wrapped = match is_json_or_empty(&Value::Object(resp.clone())) {
                None => continue, // CSV, files, event streams: not enveloped
                Some(schema) => {
                    let schema = schema.unwrap_or_else(|| json!({}));
                    if is_list {
                        let items = match schema.get("type").and_then(Value::as_str) {
                            Some("array") => schema.get("items").cloned().unwrap_or(json!({})),
                            _ => schema,
                        };
                        list_envelope(items)
                    } else {
                        object_envelope(schema)
                    }
                }
            };
            resp.insert(
                "content".into(),
                json!({"application/json": {"schema": wrapped}}),
            );
        } else if status.starts_with('4') || status.starts_with('5') {
            resp.insert(
                "content".into(),
                json!({"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}),
            );
        }
    }

    let mut add = |status: &str| {
        responses.entry(status.to_owned()).or_insert_with(|| {
            json!({
                "description": default_description(status),
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
            })
        });
    };
    if !params.is_empty() || has_body {
        add("400");
    }
    if secured {
        add("401");
        add("403");
        if method != "get" {
            add("429");
        }
    }
    if path.contains('{') || (secured && (!params.is_empty() || has_body)) {
        add("404");
    }
    if has_body {
        add("413");
        add("415");
    }
    add("500");
    add("503");
}

/// Rewrites a generated document (see the module documentation).
pub fn shape(mut doc: Value) -> Value {
    let secured_default = doc
        .get("security")
        .and_then(Value::as_array)
        .is_some_and(|s| !s.is_empty());
    let put_bodies = crate::routes::put_bodies();
    if let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) {
        for (path, item) in paths.iter_mut() {
            for method in METHODS {
                if let Some(op) = item.get_mut(method).and_then(Value::as_object_mut) {
                    if method == "put" {
                        put_body(op, &put_bodies);
                    }
                    shape_operation(path, method, op, secured_default);
                }
            }
        }
    }
    let components = doc
        .as_object_mut()
        .map(|d| d.entry("components").or_insert_with(|| json!({})));
    if let Some(schemas) = components.and_then(|c| {
        c.as_object_mut()
            .map(|c| c.entry("schemas").or_insert_with(|| json!({})))
    }) && let Some(schemas) = schemas.as_object_mut()
    {
        schemas.insert("Error".into(), error_schema());
    }
    doc
}
