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

/// A filter parameter that takes one of `values`, or blank for "all" (the first option of
/// every `filter_options/` field).
pub fn blank_or(values: impl IntoIterator<Item = &'static str>) -> Schema {
    let mut all = vec![String::new()];
    all.extend(values.into_iter().map(str::to_owned));
    Schema::Object(
        ObjectBuilder::new()
            .schema_type(SchemaType::Type(Type::String))
            .enum_values(Some(all))
            .build(),
    )
}

/// `fn $name() -> Schema`: [`blank_or`] the wire values of a text enum, for
/// `#[param(schema_with = ...)]` on a filter that reads blank as "all".
macro_rules! blank_or_fn {
    ($($name:ident => $t:ty;)+) => {
        $(
            #[doc = concat!("Blank, or a `", stringify!($t), "`.")]
            pub fn $name() -> Schema {
                blank_or(<$t>::ALL.iter().map(|v| v.as_str()))
            }
        )+
    };
}

blank_or_fn! {
    blank_or_taxonomy_type => content::model::TaxonomyType;
    blank_or_task_status => content::model::TaskStatus;
    blank_or_content_type => content::model::ContentType;
    blank_or_content_structure => content::model::ContentStructure;
    blank_or_image_type => content::model::ImageType;
    blank_or_image_status => content::model::ImageStatus;
    blank_or_content_status => content::model::ContentStatus;
    blank_or_site_status => content::model::SiteStatus;
    blank_or_content_source => content::model::ContentSource;
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

/// Text without NUL: PostgreSQL cannot store U+0000, so every text input refuses it.
pub const NO_NUL: &str = "^[^\\u0000]*$";

/// White space as `str::trim` and `char::is_whitespace` see it (Unicode's White_Space), as a
/// regular-expression class body.
const WS: &str = "\\t-\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";

/// Control characters (`char::is_control`), as a regular-expression class body.
const CTRL: &str = "\\u0000-\\u001f\\u007f-\\u009f";

/// An address as `kernel::text::looks_like_email` accepts it.
const EMAIL: &str = "[^\\u0000@\\t-\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]+@[^\\u0000@\\t-\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000.]([^\\u0000@\\t-\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*\\.)+[^\\u0000@\\t-\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*[^\\u0000@\\t-\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000.]";

/// The text rules handlers enforce, named by a field's `format` in the derive
/// (`#[schema(format = "not-blank")]`) and written out here as the JSON Schema a client can
/// check: `(format, schema keywords that replace it)`.
fn text_rule(format: &str) -> Option<Value> {
    let not_blank = format!("^[^\\u0000]*[^\\u0000{WS}][^\\u0000]*$");
    Some(match format {
        // Some character that is not white space (handlers trim, then refuse what is empty).
        "not-blank" => json!({"pattern": not_blank}),
        // 8 to 128 characters, not only digits.
        "password" => {
            json!({"pattern": "^[^\\u0000]*[^\\u00000-9][^\\u0000]*$", "minLength": 8, "maxLength": 128})
        }
        // One `@`, something before it, a dotted domain after it, no white space.
        // (Surrounding white space is trimmed.)
        "email" => json!({"pattern": format!("^[{WS}]*{EMAIL}[{WS}]*$"), "maxLength": 254}),
        "email-or-blank" => {
            json!({"pattern": format!("^[{WS}]*({EMAIL})?[{WS}]*$"), "maxLength": 254})
        }
        // ISO 3166 alpha-2, or nothing.
        "country-or-blank" => json!({"pattern": "^([A-Za-z]{2})?$"}),
        "country" => json!({"pattern": "^[A-Za-z]{2}$"}),
        // A domain or URL: no white space.
        "no-space" => json!({"pattern": format!("^[^\\u0000{WS}]*$")}),
        // Comma-separated ids (blank parts skipped).
        "id-list" => {
            let part = format!("[{WS}]*([+-]?[0-9]{{1,18}})?[{WS}]*");
            json!({"pattern": format!("^{part}(,{part})*$")})
        }
        // A cluster id, or `null`/`none` for "no cluster" (blank: no filter).
        "cluster-filter" => json!({"pattern": format!(
            "^[{WS}]*([+-]?[0-9]{{1,18}}|[Nn][Uu][Ll][Ll]|[Nn][Oo][Nn][Ee])?[{WS}]*$"
        )}),
        // The AI settings (surrounding white space is trimmed; blank means the platform's).
        "ai-provider" => json!({"pattern": format!("^[{WS}]*(offline|openai)?[{WS}]*$")}),
        "image-format" => json!({"pattern": format!("^[{WS}]*(png|webp)?[{WS}]*$")}),
        "image-size" => {
            let side = format!(
                "[{WS}]*[+]?0*(6[4-9]|[7-9][0-9]|[1-9][0-9]{{2}}|[1-3][0-9]{{3}}|40[0-8][0-9]|409[0-6])[{WS}]*"
            );
            json!({"pattern": format!("^[{WS}]*({side}[xX]{side})?[{WS}]*$")})
        }
        "model-name" => json!({"pattern": format!("^[{WS}]*([^{WS}{CTRL}]{{1,200}})?[{WS}]*$")}),
        // An http(s) URL with a host, without query, fragment or credentials.
        "api-root" => json!({"pattern": format!(
            "^[{WS}]*(https?://[^/:?#@{WS}{CTRL}][^?#@{WS}{CTRL}]*)?[{WS}]*$"
        )}),
        // Empty (removes the key), or no surrounding white space and no control characters.
        "api-key" => json!({"pattern": format!("^([^{WS}{CTRL}]([^{CTRL}]*[^{WS}{CTRL}])?)?$")}),
        // A WordPress site's address: http(s), a host name whose last label starts with a
        // letter or a dotted IPv4 address, an optional port, a path; no credentials, query or
        // fragment (surrounding white space is trimmed).
        "site-url" => {
            let octet = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
            let host =
                format!("(([A-Za-z0-9-]+\\.)*[A-Za-z][A-Za-z0-9-]*|({octet}\\.){{3}}{octet})");
            let port = "(:(6553[0-5]|655[0-2][0-9]|65[0-4][0-9]{2}|6[0-4][0-9]{3}|[1-5][0-9]{4}|[0-9]{1,4}))?";
            json!({"pattern": format!(
                "^[{WS}]*https?://{host}{port}(/[^?#{WS}{CTRL}]*)?[{WS}]*$"
            )})
        }
        // An RFC 3339 date and time (what `DateTime::parse_from_rfc3339` reads): real calendar
        // days (29 February in leap years only), seconds, an optional fraction, `Z` or an offset.
        "rfc3339" => {
            let y = "[0-9]{4}";
            let leap =
                "([0-9]{2}(0[48]|[2468][048]|[13579][26])|(0[48]|[2468][048]|[13579][26])00)";
            let date = format!(
                "({y}-(0[13578]|1[02])-(0[1-9]|[12][0-9]|3[01])|{y}-(0[469]|11)-(0[1-9]|[12][0-9]|30)|{y}-02-(0[1-9]|1[0-9]|2[0-8])|{leap}-02-29)"
            );
            let time = "([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,9})?";
            let zone = "(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])";
            json!({"pattern": format!("^{date}T{time}{zone}$")})
        }
        // A local time of day, HH:MM.
        "hh-mm" => json!({"pattern": format!("^[{WS}]*([01][0-9]|2[0-3]):[0-5][0-9][{WS}]*$")}),
        // Lower-case letters, digits and single dashes.
        "slug" => json!({"pattern": format!("^[{WS}]*[a-z0-9]+(-[a-z0-9]+)*[{WS}]*$")}),
        // A keyword: not blank, no control characters but white space (which is collapsed).
        "keyword" => {
            let ok = "\\u0000-\\u0008\\u000e-\\u001f\\u007f-\\u0084\\u0086-\\u009f";
            json!({"pattern": format!("^[^{ok}]*[^{ok}{WS}][^{ok}]*$")})
        }
        // An IANA zone name.
        "time-zone" => {
            json!({"enum": chrono_tz::TZ_VARIANTS.iter().map(|z| z.name()).collect::<Vec<_>>()})
        }
        _ => return None,
    })
}

/// Gives every free text of a schema the rule the API enforces: a named rule (see
/// [`text_rule`]) where the field declares one, otherwise [`NO_NUL`] (a string with a format,
/// enum or pattern of its own keeps it).
fn text_patterns(schema: &mut Value) {
    let Some(obj) = schema.as_object_mut() else {
        return;
    };
    let is_string = match obj.get("type") {
        Some(Value::String(t)) => t == "string",
        Some(Value::Array(ts)) => ts.iter().any(|t| t == "string"),
        _ => false,
    };
    if obj.get("format").and_then(Value::as_str) == Some("non-zero") {
        obj.insert("format".into(), Value::from("int64"));
        obj.insert("not".into(), json!({"const": 0}));
    }
    if is_string {
        let rule = obj
            .get("format")
            .and_then(Value::as_str)
            .and_then(text_rule);
        if let Some(Value::Object(rule)) = rule {
            obj.remove("format");
            obj.extend(rule);
        } else if !obj.contains_key("format")
            && !obj.contains_key("enum")
            && !obj.contains_key("const")
            && !obj.contains_key("pattern")
        {
            obj.insert("pattern".into(), Value::from(NO_NUL));
        }
    }
    for key in ["properties", "$defs"] {
        if let Some(props) = obj.get_mut(key).and_then(Value::as_object_mut) {
            props.values_mut().for_each(text_patterns);
        }
    }
    for key in ["items", "additionalProperties", "not"] {
        if let Some(inner) = obj.get_mut(key) {
            text_patterns(inner);
        }
    }
    for key in ["allOf", "anyOf", "oneOf", "prefixItems"] {
        if let Some(list) = obj.get_mut(key).and_then(Value::as_array_mut) {
            list.iter_mut().for_each(text_patterns);
        }
    }
}

/// A body is required when its schema requires a field; one whose fields are all optional may
/// be left out, and reads as `{}` (an empty PATCH changes nothing, as in DRF).
fn body_required(op: &mut Map<String, Value>, schemas: &Map<String, Value>) {
    let Some(body) = op.get_mut("requestBody") else {
        return;
    };
    let Some(schema) = body.pointer("/content/application~1json/schema").cloned() else {
        return;
    };
    let schema = &schema;
    let resolved = schema
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| r.strip_prefix("#/components/schemas/"))
        .and_then(|n| schemas.get(n))
        .unwrap_or(schema);
    let requires = |s: &Value| {
        s.get("required")
            .and_then(Value::as_array)
            .is_some_and(|r| !r.is_empty())
    };
    let required = requires(resolved)
        || resolved
            .get("allOf")
            .and_then(Value::as_array)
            .is_some_and(|all| all.iter().any(requires))
        || requires(schema);
    body["required"] = Value::Bool(required);
}

/// A query string has no null: an absent optional parameter is simply not sent, so the `null`
/// the derive adds to an `Option`'s type would only invite clients to send `?x=` meaning nothing.
fn query_params_not_null(op: &mut Map<String, Value>) {
    let Some(params) = op.get_mut("parameters").and_then(Value::as_array_mut) else {
        return;
    };
    for p in params {
        if p.get("in").and_then(Value::as_str) == Some("header")
            && let Some(schema) = p.get_mut("schema")
        {
            text_patterns(schema);
        }
        if p.get("in").and_then(Value::as_str) != Some("query") {
            continue;
        }
        if let Some(schema) = p.get_mut("schema") {
            text_patterns(schema);
        }
        if let Some(types) = p.pointer_mut("/schema/type").and_then(Value::as_array_mut) {
            types.retain(|t| t != "null");
            if types.len() == 1 {
                let only = types[0].clone();
                p["schema"]["type"] = only;
            }
        }
    }
}

fn shape_operation(path: &str, method: &str, op: &mut Map<String, Value>, secured_default: bool) {
    query_params_not_null(op);
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
    // A body may name objects that do not exist (404, see `FieldErrors::unknown`).
    if path.contains('{') || has_body || (secured && !params.is_empty()) {
        add("404");
    }
    if has_body {
        add("413");
        add("415");
    }
    add("500");
    add("503");
}

/// The templates `save_prompt/` accepts, per prompt type (`ai::prompts::check_template`): not
/// blank, at most `MAX_TEMPLATE_CHARS`, `{{`/`}}` for literal braces, only the type's
/// placeholders, each required one used.
fn prompt_templates() -> Value {
    use ai::prompts::{MAX_TEMPLATE_CHARS, PromptFunction};
    let branches: Vec<Value> = PromptFunction::ALL
        .iter()
        .map(|f| {
            let names: Vec<&str> = f.variables().iter().map(|v| v.name).collect();
            // One piece of a template: a character that is not a brace, a closing brace, an
            // escaped `{{`, a known placeholder, or an opening brace that starts none.
            let piece = format!(
                "(?:[^{{}}\\u0000]|\\}}|\\{{\\{{|\\{{(?:{})\\}}|\\{{(?![{{]|[A-Za-z_][A-Za-z0-9_]*\\}}))",
                names.join("|")
            );
            // One pattern per required placeholder (which also makes the template not blank and
            // checks every piece); a type with none needs some piece that is not white space.
            let required: Vec<Value> = f
                .variables()
                .iter()
                .filter(|v| v.required)
                .map(|v| json!(format!("^{piece}*\\{{{}\\}}{piece}*$", v.name)))
                .collect();
            let first = piece.replacen("[^{}\\u0000]", &format!("[^{{}}\\u0000{WS}]"), 1);
            let text = match required.as_slice() {
                [] => json!({"pattern": format!("^[{WS}]*{first}{piece}*$")}),
                [one] => json!({"pattern": one}),
                [first, rest @ ..] => json!({
                    "pattern": first,
                    "allOf": rest.iter().map(|p| json!({"pattern": p})).collect::<Vec<_>>()
                }),
            };
            let mut value = json!({"type": "string", "maxLength": MAX_TEMPLATE_CHARS});
            if let (Value::Object(v), Value::Object(t)) = (&mut value, text) {
                v.extend(t);
            }
            json!({
                "properties": {
                    "prompt_type": {"const": f.as_str()},
                    "prompt_value": value
                }
            })
        })
        .collect();
    json!({"oneOf": branches})
}

/// Rules between fields that the derive cannot state: `(schema, keywords added to it)`.
fn cross_field_rules() -> Vec<(&'static str, Value)> {
    vec![
        ("SavePrompt", prompt_templates()),
        // The forms take their fields and no others.
        ("ImportForm", json!({"additionalProperties": false})),
        (
            // A featured image sits at 0 (the default); an in-article one names its slot.
            "ImageUploadForm",
            json!({"additionalProperties": false, "oneOf": [
                {"properties": {"image_type": {"const": "featured"}, "position": {"const": 0}}},
                {"properties": {"image_type": {"const": "in_article"},
                                "position": {"minimum": 1, "maximum": content::images::MAX_POSITION}},
                 "required": ["position"]}
            ]}),
        ),
        // Core mode (the default) needs the WordPress user and an application password.
        (
            "IntegrationBody",
            json!({"anyOf": [
                {"required": ["mode"], "properties": {"mode": {"const": "bridge"}}},
                {"required": ["username", "app_password"],
                 "properties": {"username": {"not": {"type": "null"}},
                                "app_password": {"not": {"type": "null"}}}}
            ]}),
        ),
        // A bulk update changes something.
        (
            "KeywordBulkUpdate",
            json!({"anyOf": [
                {"required": ["status"], "properties": {"status": {"not": {"type": "null"}}}},
                {"required": ["disabled"], "properties": {"disabled": {"not": {"type": "null"}}}},
                {"required": ["cluster_id"]}
            ]}),
        ),
        (
            "TaskBulkUpdateBody",
            json!({"anyOf": [
                {"required": ["status"], "properties": {"status": {"not": {"type": "null"}}}},
                {"required": ["cluster_id"]},
                {"required": ["content_type"], "properties": {"content_type": {"not": {"type": "null"}}}},
                {"required": ["content_structure"], "properties": {"content_structure": {"not": {"type": "null"}}}}
            ]}),
        ),
    ]
}

/// The media types an upload form's file part may have (the handler checks the bytes):
/// `(form schema, part, types)`, written as the multipart `encoding` of each operation taking it.
const UPLOAD_TYPES: [(&str, &str, &str); 1] = [(
    "ImageUploadForm",
    "file",
    "image/png, image/jpeg, image/webp",
)];

fn upload_encodings(op: &mut Map<String, Value>) {
    let Some(form) = op
        .get_mut("requestBody")
        .and_then(|b| b.pointer_mut("/content/multipart~1form-data"))
        .and_then(Value::as_object_mut)
    else {
        return;
    };
    let name = form
        .get("schema")
        .and_then(|s| s.get("$ref"))
        .and_then(Value::as_str)
        .and_then(|r| r.strip_prefix("#/components/schemas/"))
        .map(str::to_owned);
    for (schema, part, types) in UPLOAD_TYPES {
        if name.as_deref() == Some(schema) {
            form.insert("encoding".into(), json!({part: {"contentType": types}}));
        }
    }
}

/// Rewrites a generated document (see the module documentation).
pub fn shape(mut doc: Value) -> Value {
    let secured_default = doc
        .get("security")
        .and_then(Value::as_array)
        .is_some_and(|s| !s.is_empty());
    let put_bodies = crate::routes::put_bodies();
    if let Some(schemas) = doc
        .pointer_mut("/components/schemas")
        .and_then(Value::as_object_mut)
    {
        schemas.values_mut().for_each(text_patterns);
        for (name, rules) in cross_field_rules() {
            if let (Some(Value::Object(s)), Value::Object(rules)) = (schemas.get_mut(name), rules) {
                s.extend(rules);
            }
        }
    }
    let schemas = doc
        .pointer("/components/schemas")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    if let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) {
        for (path, item) in paths.iter_mut() {
            for method in METHODS {
                if let Some(op) = item.get_mut(method).and_then(Value::as_object_mut) {
                    if method == "put" {
                        put_body(op, &put_bodies);
                    }
                    body_required(op, &schemas);
                    upload_encodings(op);
                    if let Some(s) = op
                        .get_mut("requestBody")
                        .and_then(|b| b.pointer_mut("/content/application~1json/schema"))
                    {
                        text_patterns(s);
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
