//! Writes of invoicing: invoices and estimates with their line items (`_destroy` deletes
//! one), imports of tracked time and expenses, messages and their `event_type` state
//! changes, and payments.

use hyper::StatusCode;
use serde_json::{json, Value};

use super::super::calendar::{Date, Timestamp};
use super::super::context::Ctx;
use super::super::fields::{self, label, opt, req, Field, Ty};
use super::super::lists::{date_of, parent_id};
use super::super::reply::{ApiError, Reply};
use super::super::store::lock;
use super::super::store::{at_path, id_of, Kind, Record, Row, Tables};
use super::{
    always, bool_of, copy, defaults, f64_of, full_name, given_id, input, me, number, reference,
    round2, stamp, str_of, unprocessable, user_ref, Entity, Op, Table, CLIENT_REF, PROJECT_REF,
};

const PAYMENT_TERMS: &[&str] = &[
    "upon receipt",
    "net 15",
    "net 30",
    "net 45",
    "net 60",
    "custom",
];
/// PATCH lists every term but `custom` (§14).
const UPDATE_PAYMENT_TERMS: &[&str] = &["upon receipt", "net 15", "net 30", "net 45", "net 60"];
const SUMMARY_TYPES_TIME: &[&str] = &["project", "task", "people", "detailed"];
const SUMMARY_TYPES_EXPENSES: &[&str] = &["project", "category", "people", "detailed"];

macro_rules! document_fields {
    ($client:ident, $terms:expr, $($extra:expr),* $(,)?) => {
        &[
            $client("client_id", Ty::Int),
            opt("number", Ty::Text),
            opt("purchase_order", Ty::Text),
            opt("tax", Ty::Decimal),
            opt("tax2", Ty::Decimal),
            opt("discount", Ty::Decimal),
            opt("subject", Ty::Text),
            opt("notes", Ty::Text),
            opt("currency", Ty::Text),
            opt("issue_date", Ty::Date),
            opt("line_items", Ty::Any),
            $($extra),*
        ]
    };
}

const INVOICE_CREATE: &[Field] = document_fields!(
    req,
    PAYMENT_TERMS,
    opt("estimate_id", Ty::Int),
    opt("retainer_id", Ty::Int),
    opt("due_date", Ty::Date),
    opt("payment_term", Ty::OneOf(PAYMENT_TERMS)),
    opt("payment_options", Ty::Texts),
    opt("line_items_import", Ty::Any),
);
const INVOICE_UPDATE: &[Field] = document_fields!(
    opt,
    UPDATE_PAYMENT_TERMS,
    opt("estimate_id", Ty::Int),
    opt("retainer_id", Ty::Int),
    opt("due_date", Ty::Date),
    opt("payment_term", Ty::OneOf(UPDATE_PAYMENT_TERMS)),
    opt("payment_options", Ty::Texts),
);
const ESTIMATE_CREATE: &[Field] = document_fields!(req, PAYMENT_TERMS,);
const ESTIMATE_UPDATE: &[Field] = document_fields!(opt, PAYMENT_TERMS,);

const DOCUMENT_TEXTS: &[&str] = &[
    "number",
    "purchase_order",
    "tax",
    "tax2",
    "discount",
    "subject",
    "notes",
    "currency",
    "issue_date",
];

/// Which document a line item belongs to: estimates have no project and whole quantities.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Document {
    Invoice,
    Estimate,
}

fn item_problem(position: usize, message: &str) -> ApiError {
    unprocessable(format!("Line items {position}: {message}"))
}

/// Creates, updates (`id`) or deletes (`id` + `_destroy`) the document's line items.
fn apply_line_items(
    tables: &mut Tables,
    document: &mut Record,
    items: &Value,
    kind: Document,
    creating: bool,
) -> Result<(), ApiError> {
    let items = items
        .as_array()
        .ok_or_else(|| unprocessable("Line items must be an array"))?;
    let mut current: Vec<Value> = document
        .get("line_items")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    for (position, item) in items.iter().enumerate() {
        let item = item
            .as_object()
            .ok_or_else(|| item_problem(position, "must be an object"))?;
        let existing = match item.get("id").filter(|v| !v.is_null()) {
            None => None,
            Some(id) => {
                let id = fields::check(
                    &Record::from_iter([("id".to_owned(), id.clone())]),
                    &[req("id", Ty::Int)],
                    true,
                )?["id"]
                    .as_u64();
                let found = current.iter().position(|line| line["id"].as_u64() == id);
                if creating || found.is_none() {
                    return Err(item_problem(position, "no line item has this id"));
                }
                found
            }
        };
        if let Some(index) = existing {
            if fields::check(item, &[opt("_destroy", Ty::Bool)], false)?
                .get("_destroy")
                .and_then(Value::as_bool)
                == Some(true)
            {
                current.remove(index);
                continue;
            }
        }
        let quantity = match kind {
            Document::Invoice => opt("quantity", Ty::Decimal),
            Document::Estimate => opt("quantity", Ty::Int),
        };
        let accepted = fields::check(
            item,
            &[
                Field {
                    required: existing.is_none(),
                    ..opt("kind", Ty::Text)
                },
                opt("description", Ty::Text),
                quantity,
                opt("unit_price", Ty::Decimal),
                opt("taxed", Ty::Bool),
                opt("taxed2", Ty::Bool),
                opt("project_id", Ty::Int),
            ],
            true,
        )
        .map_err(|e| match e {
            ApiError::Unprocessable(message) => item_problem(position, &message),
            other => other,
        })?;
        let mut line = match existing {
            Some(index) => current[index].as_object().cloned().unwrap_or_default(),
            None => {
                let mut line = Record::new();
                line.insert("id".to_owned(), Value::from(tables.new_id()));
                line.extend([
                    ("description".to_owned(), json!("")),
                    ("quantity".to_owned(), json!(1.0)),
                    ("unit_price".to_owned(), json!(0.0)),
                    ("taxed".to_owned(), Value::Bool(false)),
                    ("taxed2".to_owned(), Value::Bool(false)),
                ]);
                if kind == Document::Invoice {
                    line.insert("project".to_owned(), Value::Null);
                }
                line
            }
        };
        copy(
            &mut line,
            &accepted,
            &[
                "kind",
                "description",
                "quantity",
                "unit_price",
                "taxed",
                "taxed2",
            ],
        );
        if let Some(project_id) = given_id(&accepted, "project_id") {
            if kind == Document::Estimate {
                return Err(item_problem(
                    position,
                    "estimate line items have no project",
                ));
            }
            let embedded = reference(
                tables,
                Kind::Projects,
                project_id,
                "project_id",
                PROJECT_REF,
            )?;
            line.insert("project".to_owned(), embedded);
        }
        let amount =
            f64_of(&line, "quantity").unwrap_or(0.0) * f64_of(&line, "unit_price").unwrap_or(0.0);
        line.insert("amount".to_owned(), number(round2(amount)));
        match existing {
            Some(index) => current[index] = Value::Object(line),
            None => current.push(Value::Object(line)),
        }
    }
    document.insert("line_items".to_owned(), Value::Array(current));
    Ok(())
}

/// Amounts from line items, discount and the two taxes (on taxed items, after discount).
fn total(document: &mut Record, paid: f64) {
    let items = document
        .get("line_items")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let amount_of = |item: &Value| item["amount"].as_f64().unwrap_or(0.0);
    let subtotal: f64 = items.iter().map(amount_of).sum();
    let percent = |name: &str| f64_of(document, name).unwrap_or(0.0) / 100.0;
    let after_discount = 1.0 - percent("discount");
    let taxed = |flag: &str| -> f64 {
        items
            .iter()
            .filter(|i| i[flag].as_bool() == Some(true))
            .map(amount_of)
            .sum::<f64>()
            * after_discount
    };
    let discount_amount = round2(subtotal * percent("discount"));
    let tax_amount = round2(taxed("taxed") * percent("tax"));
    let tax2_amount = round2(taxed("taxed2") * percent("tax2"));
    let amount = round2(subtotal - discount_amount + tax_amount + tax2_amount);
    document.insert("discount_amount".to_owned(), number(discount_amount));
    document.insert("tax_amount".to_owned(), number(tax_amount));
    document.insert("tax2_amount".to_owned(), number(tax2_amount));
    document.insert("amount".to_owned(), number(amount));
    if document.contains_key("due_amount") {
        document.insert("due_amount".to_owned(), number(round2(amount - paid)));
    }
}

fn next_number(tables: &Tables, kind: Kind) -> String {
    let highest = tables
        .rows(kind)
        .iter()
        .filter_map(|row| str_of(&row.record, "number")?.parse::<u64>().ok())
        .max()
        .unwrap_or(1000);
    (highest + 1).to_string()
}

fn creator(tables: &Tables) -> Result<Value, ApiError> {
    user_ref(tables, me(tables), "creator")
}

/// Common to invoices and estimates: client, texts, line items and the new-record defaults.
fn build_document(
    tables: &mut Tables,
    document: &mut Record,
    accepted: &Record,
    op: &Op,
    kind: Document,
) -> Result<(), ApiError> {
    let table = match kind {
        Document::Invoice => Kind::Invoices,
        Document::Estimate => Kind::Estimates,
    };
    if let Some(client_id) = given_id(accepted, "client_id") {
        let client = reference(tables, Kind::Clients, client_id, "client_id", CLIENT_REF)?;
        document.insert("client".to_owned(), client);
        if op.creating {
            let currency = tables
                .record(Kind::Clients, client_id)
                .and_then(|c| c.get("currency"))
                .cloned()
                .unwrap_or(json!("USD"));
            document.insert("currency".to_owned(), currency);
        }
    }
    copy(document, accepted, DOCUMENT_TEXTS);
    if op.creating {
        let today = Value::String(tables.today().to_string());
        let key = format!(
            "{:040x}",
            u128::from(id_of(document)).wrapping_mul(0x9E37_79B9_7F4A_7C15_F39C)
        );
        let number = next_number(tables, table);
        defaults(
            document,
            &[
                ("client_key", Value::String(key)),
                ("number", Value::String(number)),
                ("purchase_order", json!("")),
                ("tax", Value::Null),
                ("tax2", Value::Null),
                ("discount", Value::Null),
                ("subject", Value::Null),
                ("notes", Value::Null),
                ("state", json!("draft")),
                ("issue_date", today),
                ("sent_at", Value::Null),
                ("creator", creator(tables)?),
                ("line_items", json!([])),
            ],
        );
    }
    if let Some(items) = accepted.get("line_items").filter(|v| !v.is_null()) {
        apply_line_items(tables, document, items, kind, op.creating)?;
    }
    Ok(())
}

fn due_date(issue: Date, term: &str, custom: Option<Date>) -> Date {
    match term {
        "net 15" => issue.add_days(15),
        "net 30" => issue.add_days(30),
        "net 45" => issue.add_days(45),
        "net 60" => issue.add_days(60),
        "custom" => custom.unwrap_or(issue),
        _ => issue,
    }
}

fn paid_so_far(tables: &Tables, invoice_id: u64) -> f64 {
    tables
        .rows(Kind::InvoicePayments)
        .iter()
        .filter(|row| row.parent == Some(invoice_id))
        .filter_map(|row| f64_of(&row.record, "amount"))
        .sum()
}

fn build_invoice(
    tables: &mut Tables,
    invoice: &mut Record,
    accepted: &Record,
    op: &Op,
) -> Result<(), ApiError> {
    let importing = accepted.get("line_items_import").filter(|v| !v.is_null());
    if importing.is_some() && accepted.get("line_items").is_some_and(|v| !v.is_null()) {
        return Err(unprocessable(
            "Pass either line_items or line_items_import, not both",
        ));
    }
    build_document(tables, invoice, accepted, op, Document::Invoice)?;
    copy(invoice, accepted, &["payment_term", "payment_options"]);
    if let Some(estimate) = given_id(accepted, "estimate_id") {
        reference(tables, Kind::Estimates, estimate, "estimate_id", &["id"])?;
        invoice.insert("estimate".to_owned(), json!({ "id": estimate }));
    }
    if let Some(retainer) = given_id(accepted, "retainer_id") {
        invoice.insert("retainer".to_owned(), json!({ "id": retainer }));
    }
    if op.creating {
        defaults(
            invoice,
            &[
                ("due_amount", json!(0.0)),
                ("period_start", Value::Null),
                ("period_end", Value::Null),
                ("payment_term", json!("custom")),
                ("paid_at", Value::Null),
                ("closed_at", Value::Null),
                ("recurring_invoice_id", Value::Null),
                ("paid_date", Value::Null),
                ("payment_options", json!([])),
                ("estimate", Value::Null),
                ("retainer", Value::Null),
            ],
        );
    }
    if let Some(import) = importing {
        import_tracked(tables, invoice, import)?;
    }
    // `due_date` is honoured only with `payment_term: custom`; otherwise it follows the term.
    let issue = invoice
        .get("issue_date")
        .and_then(date_of)
        .unwrap_or(Date(0));
    let term = str_of(invoice, "payment_term")
        .unwrap_or("custom")
        .to_owned();
    let custom = accepted.get("due_date").and_then(date_of).or_else(|| {
        invoice
            .get("due_date")
            .and_then(date_of)
            .filter(|_| !op.creating)
    });
    invoice.insert(
        "due_date".to_owned(),
        Value::String(due_date(issue, &term, custom).to_string()),
    );
    let paid = paid_so_far(tables, id_of(invoice));
    total(invoice, paid);
    Ok(())
}

fn billed_mark(invoice: &Record) -> Value {
    json!({ "id": id_of(invoice), "number": invoice["number"] })
}

/// A `from`/`to` window of an import (either end open).
type Window = (Option<Date>, Option<Date>);

/// `line_items_import`: one line per project of its uninvoiced billable time (and one of its
/// uninvoiced billable expenses) in the window; what it imports becomes billed and locked.
fn import_tracked(
    tables: &mut Tables,
    invoice: &mut Record,
    import: &Value,
) -> Result<(), ApiError> {
    let project_ids: Vec<u64> = import
        .get("project_ids")
        .and_then(Value::as_array)
        .map(|ids| ids.iter().filter_map(Value::as_u64).collect())
        .unwrap_or_default();
    if project_ids.is_empty() {
        return Err(unprocessable(
            "Line items import project ids can't be blank",
        ));
    }
    let window = |part: &str, summaries: &[&str]| -> Result<Option<Window>, ApiError> {
        let Some(spec) = import.get(part).filter(|v| !v.is_null()) else {
            return Ok(None);
        };
        let summary = spec.get("summary_type").and_then(Value::as_str);
        if !summary.is_some_and(|s| summaries.contains(&s)) {
            return Err(unprocessable(format!(
                "{} summary type is not included in the list",
                label(part)
            )));
        }
        Ok(Some((
            spec.get("from").and_then(date_of),
            spec.get("to").and_then(date_of),
        )))
    };
    let time = window("time", SUMMARY_TYPES_TIME)?;
    let expenses = window("expenses", SUMMARY_TYPES_EXPENSES)?;
    let mark = billed_mark(invoice);
    let inside = |record: &Record, (from, to): Window| {
        let date = record.get("spent_date").and_then(date_of);
        date.is_some_and(|d| from.is_none_or(|f| d >= f) && to.is_none_or(|t| d <= t))
    };
    let mut lines = Vec::new();
    for project_id in project_ids {
        let project_record = tables
            .record(Kind::Projects, project_id)
            .cloned()
            .ok_or_else(|| unprocessable("Project must exist"))?;
        if let Some(window) = time {
            let data = tables.data();
            let entries = tables.time_entries_where(
                |core| {
                    data.project_id(core.project) == project_id && core.billable && !core.is_billed
                },
                |e| {
                    at_path(e, &["project", "id"]).and_then(Value::as_u64) == Some(project_id)
                        && bool_of(e, "billable")
                        && !bool_of(e, "is_billed")
                        && !bool_of(e, "is_running")
                        && inside(e, window)
                },
            );
            if !entries.is_empty() {
                let hours: f64 = entries.iter().filter_map(|e| f64_of(e, "hours")).sum();
                let rate = entries
                    .iter()
                    .find_map(|e| f64_of(e, "billable_rate"))
                    .unwrap_or(0.0);
                lines.push(json!({
                    "kind": "Service",
                    "description": format!("{}: tracked time", project_record["name"].as_str().unwrap_or("")),
                    "quantity": round2(hours),
                    "unit_price": rate,
                    "taxed": false,
                    "taxed2": false,
                    "project_id": project_id,
                }));
                for mut entry in entries {
                    entry.insert("is_billed".to_owned(), Value::Bool(true));
                    entry.insert("invoice".to_owned(), mark.clone());
                    entry.insert("is_locked".to_owned(), Value::Bool(true));
                    entry.insert(
                        "locked_reason".to_owned(),
                        json!("Item Invoiced and Locked for this Time Period"),
                    );
                    tables.put_time_entry(entry);
                }
            }
        }
        if let Some(window) = expenses {
            let mut cost = 0.0;
            for row in tables.rows_mut(Kind::Expenses) {
                let e = &mut row.record;
                if at_path(e, &["project", "id"]).and_then(Value::as_u64) == Some(project_id)
                    && bool_of(e, "billable")
                    && !bool_of(e, "is_billed")
                    && inside(e, window)
                {
                    cost += f64_of(e, "total_cost").unwrap_or(0.0);
                    e.insert("is_billed".to_owned(), Value::Bool(true));
                    e.insert("invoice".to_owned(), mark.clone());
                    e.insert("is_locked".to_owned(), Value::Bool(true));
                    e.insert("locked_reason".to_owned(), json!("Expense is invoiced."));
                }
            }
            if cost > 0.0 {
                lines.push(json!({
                    "kind": "Product",
                    "description": format!("{}: expenses", project_record["name"].as_str().unwrap_or("")),
                    "quantity": 1,
                    "unit_price": round2(cost),
                    "taxed": false,
                    "taxed2": false,
                    "project_id": project_id,
                }));
            }
        }
    }
    apply_line_items(
        tables,
        invoice,
        &Value::Array(lines),
        Document::Invoice,
        true,
    )
}

/// Deleting an invoice releases what it billed.
fn unbill(tables: &mut Tables, invoice: &Record) -> Result<(), ApiError> {
    let id = id_of(invoice);
    let release = |record: &mut Record, approved_reason: &str| {
        let approved = str_of(record, "approval_status") == Some("approved");
        record.insert("is_billed".to_owned(), Value::Bool(false));
        record.insert("invoice".to_owned(), Value::Null);
        record.insert("is_locked".to_owned(), Value::Bool(approved));
        record.insert(
            "locked_reason".to_owned(),
            if approved {
                json!(approved_reason)
            } else {
                Value::Null
            },
        );
    };
    let billed = tables.time_entries_where(
        |core| core.is_billed,
        |e| at_path(e, &["invoice", "id"]).and_then(Value::as_u64) == Some(id),
    );
    for mut entry in billed {
        release(&mut entry, "Item Approved and Locked for this Time Period");
        tables.put_time_entry(entry);
    }
    for row in tables.rows_mut(Kind::Expenses) {
        if at_path(&row.record, &["invoice", "id"]).and_then(Value::as_u64) == Some(id) {
            release(&mut row.record, "Expense is approved.");
        }
    }
    tables.remove_where(Kind::InvoiceMessages, |row| row.parent == Some(id));
    tables.remove_where(Kind::InvoicePayments, |row| row.parent == Some(id));
    Ok(())
}

pub(crate) static INVOICES: Entity = Entity {
    table: Table::Rows(Kind::Invoices),
    parent: None,
    create: INVOICE_CREATE,
    update: INVOICE_UPDATE,
    build: build_invoice,
    on_delete: unbill,
    embedded_as: None,
};

fn build_estimate(
    tables: &mut Tables,
    estimate: &mut Record,
    accepted: &Record,
    op: &Op,
) -> Result<(), ApiError> {
    build_document(tables, estimate, accepted, op, Document::Estimate)?;
    if op.creating {
        defaults(
            estimate,
            &[("accepted_at", Value::Null), ("declined_at", Value::Null)],
        );
    }
    total(estimate, 0.0);
    Ok(())
}

fn drop_estimate_messages(tables: &mut Tables, estimate: &Record) -> Result<(), ApiError> {
    let id = id_of(estimate);
    tables.remove_where(Kind::EstimateMessages, |row| row.parent == Some(id));
    Ok(())
}

pub(crate) static ESTIMATES: Entity = Entity {
    table: Table::Rows(Kind::Estimates),
    parent: None,
    create: ESTIMATE_CREATE,
    update: ESTIMATE_UPDATE,
    build: build_estimate,
    on_delete: drop_estimate_messages,
    embedded_as: None,
};

// --- messages and state changes ------------------------------------------------------------

const INVOICE_EVENTS: &[&str] = &["close", "draft", "re-open", "send"];
const ESTIMATE_EVENTS: &[&str] = &["accept", "decline", "re-open", "send"];

const INVOICE_MESSAGE_FIELDS: &[Field] = &[
    opt("event_type", Ty::OneOf(INVOICE_EVENTS)),
    opt("recipients", Ty::Any),
    opt("subject", Ty::Text),
    opt("body", Ty::Text),
    opt("include_link_to_client_invoice", Ty::Bool),
    opt("attach_pdf", Ty::Bool),
    opt("send_me_a_copy", Ty::Bool),
    opt("thank_you", Ty::Bool),
];

const ESTIMATE_MESSAGE_FIELDS: &[Field] = &[
    opt("event_type", Ty::OneOf(ESTIMATE_EVENTS)),
    opt("recipients", Ty::Any),
    opt("subject", Ty::Text),
    opt("body", Ty::Text),
    opt("send_me_a_copy", Ty::Bool),
];

fn recipients(value: Option<&Value>) -> Result<Vec<Value>, ApiError> {
    let Some(value) = value.filter(|v| !v.is_null()) else {
        return Ok(Vec::new());
    };
    let items = value
        .as_array()
        .ok_or_else(|| unprocessable("Recipients must be an array"))?;
    items
        .iter()
        .map(|item| {
            let email = item
                .get("email")
                .and_then(Value::as_str)
                .filter(|e| e.contains('@'))
                .ok_or_else(|| unprocessable("Recipients email is invalid"))?;
            Ok(json!({
                "name": item.get("name").and_then(Value::as_str).unwrap_or(""),
                "email": email,
            }))
        })
        .collect()
}

/// The message record common to both kinds, from the sender (the authenticated user).
fn message_base(tables: &mut Tables, accepted: &Record, recipients: Vec<Value>) -> Record {
    let sender = tables
        .record(Kind::Users, me(tables))
        .cloned()
        .unwrap_or_default();
    let (name, email) = (
        full_name(&sender),
        sender.get("email").cloned().unwrap_or(Value::Null),
    );
    let mut message = Record::new();
    message.insert("id".to_owned(), Value::from(tables.new_id()));
    message.extend([
        ("sent_by".to_owned(), json!(name)),
        ("sent_by_email".to_owned(), email.clone()),
        ("sent_from".to_owned(), json!(name)),
        ("sent_from_email".to_owned(), email),
        ("recipients".to_owned(), Value::Array(recipients)),
        (
            "send_me_a_copy".to_owned(),
            Value::Bool(bool_of(accepted, "send_me_a_copy")),
        ),
        (
            "event_type".to_owned(),
            accepted.get("event_type").cloned().unwrap_or(Value::Null),
        ),
        (
            "subject".to_owned(),
            accepted.get("subject").cloned().unwrap_or(Value::Null),
        ),
        (
            "body".to_owned(),
            accepted.get("body").cloned().unwrap_or(Value::Null),
        ),
    ]);
    message
}

fn moment(now: Timestamp) -> Value {
    Value::String(now.to_string())
}

/// `POST /v2/invoices/{id}/messages`: sends a message, or with `event_type` changes state:
/// `send` (draft → open), `close` (open → closed), `re-open` (closed → open),
/// `draft` (open → draft).
pub(crate) fn create_invoice_message(ctx: &Ctx<'_>) -> Result<Reply, ApiError> {
    let body = input(ctx)?;
    let mut tables = lock(ctx.store);
    let invoice_id = parent_id(ctx, &tables, Kind::Invoices)?;
    let accepted = fields::check(&body, INVOICE_MESSAGE_FIELDS, true)?;
    let to = recipients(accepted.get("recipients"))?;
    let now = tables.now();
    let mut invoice = tables
        .record(Kind::Invoices, invoice_id)
        .cloned()
        .ok_or(ApiError::NotFound)?;
    let state = str_of(&invoice, "state").unwrap_or("").to_owned();
    let event = str_of(&accepted, "event_type").map(str::to_owned);
    let refuse = |wanted: &str| {
        unprocessable(format!(
            "This invoice is {state}: only a {wanted} invoice can be changed this way"
        ))
    };
    match event.as_deref() {
        None => {
            if to.is_empty() && !bool_of(&accepted, "send_me_a_copy") {
                return Err(unprocessable("Recipients can't be blank"));
            }
            if state == "draft" {
                invoice.insert("state".to_owned(), json!("open"));
                invoice.insert("sent_at".to_owned(), moment(now));
            }
            if accepted.get("include_link_to_client_invoice") == Some(&Value::Bool(false)) {
                invoice.insert("payment_options".to_owned(), json!([]));
            }
        }
        Some("send") if state == "draft" => {
            invoice.insert("state".to_owned(), json!("open"));
            invoice.insert("sent_at".to_owned(), moment(now));
        }
        Some("send") => return Err(refuse("draft")),
        Some("close") if state == "open" => {
            invoice.insert("state".to_owned(), json!("closed"));
            invoice.insert("closed_at".to_owned(), moment(now));
        }
        Some("close") => return Err(refuse("open")),
        Some("re-open") if state == "closed" => {
            invoice.insert("state".to_owned(), json!("open"));
            invoice.insert("closed_at".to_owned(), Value::Null);
        }
        Some("re-open") => return Err(refuse("closed")),
        Some("draft") if state == "open" => {
            invoice.insert("state".to_owned(), json!("draft"));
            invoice.insert("sent_at".to_owned(), Value::Null);
        }
        Some(_) => return Err(refuse("open")),
    }
    stamp(&mut invoice, now, false);
    tables.replace(Kind::Invoices, invoice);
    let mut message = message_base(&mut tables, &accepted, to);
    message.extend([
        (
            "include_link_to_client_invoice".to_owned(),
            Value::Bool(false),
        ),
        (
            "attach_pdf".to_owned(),
            Value::Bool(bool_of(&accepted, "attach_pdf")),
        ),
        (
            "thank_you".to_owned(),
            Value::Bool(bool_of(&accepted, "thank_you")),
        ),
        ("reminder".to_owned(), Value::Bool(false)),
        ("send_reminder_on".to_owned(), Value::Null),
    ]);
    stamp(&mut message, now, true);
    tables.insert(
        Kind::InvoiceMessages,
        Row {
            parent: Some(invoice_id),
            record: message.clone(),
        },
    );
    Ok(ctx.reply(StatusCode::CREATED, &message))
}

/// `POST /v2/estimates/{id}/messages`: sends (draft → sent), or with `event_type`:
/// `send` (draft → sent), `accept` / `decline` (sent → accepted / declined),
/// `re-open` (accepted or declined → sent).
pub(crate) fn create_estimate_message(ctx: &Ctx<'_>) -> Result<Reply, ApiError> {
    let body = input(ctx)?;
    let mut tables = lock(ctx.store);
    let estimate_id = parent_id(ctx, &tables, Kind::Estimates)?;
    let accepted = fields::check(&body, ESTIMATE_MESSAGE_FIELDS, true)?;
    let to = recipients(accepted.get("recipients"))?;
    let now = tables.now();
    let mut estimate = tables
        .record(Kind::Estimates, estimate_id)
        .cloned()
        .ok_or(ApiError::NotFound)?;
    let state = str_of(&estimate, "state").unwrap_or("").to_owned();
    let refuse = |wanted: &str| {
        unprocessable(format!(
            "This estimate is {state}: only a {wanted} estimate can be changed this way"
        ))
    };
    let mut set = |key: &str, value: Value| {
        estimate.insert(key.to_owned(), value);
    };
    match str_of(&accepted, "event_type") {
        None => {
            if to.is_empty() {
                return Err(unprocessable("Recipients can't be blank"));
            }
            if state == "draft" {
                set("state", json!("sent"));
                set("sent_at", moment(now));
            }
        }
        Some("send") if state == "draft" => {
            set("state", json!("sent"));
            set("sent_at", moment(now));
        }
        Some("send") => return Err(refuse("draft")),
        Some("accept") if state == "sent" => {
            set("state", json!("accepted"));
            set("accepted_at", moment(now));
        }
        Some("decline") if state == "sent" => {
            set("state", json!("declined"));
            set("declined_at", moment(now));
        }
        Some("accept" | "decline") => return Err(refuse("sent")),
        Some("re-open") if state == "accepted" || state == "declined" => {
            set("state", json!("sent"));
            set("accepted_at", Value::Null);
            set("declined_at", Value::Null);
        }
        Some(_) => return Err(refuse("accepted or declined")),
    }
    stamp(&mut estimate, now, false);
    tables.replace(Kind::Estimates, estimate);
    let mut message = message_base(&mut tables, &accepted, to);
    stamp(&mut message, now, true);
    tables.insert(
        Kind::EstimateMessages,
        Row {
            parent: Some(estimate_id),
            record: message.clone(),
        },
    );
    Ok(ctx.reply(StatusCode::CREATED, &message))
}

/// Messages are deleted without touching the state they changed.
pub(crate) static INVOICE_MESSAGES: Entity = Entity {
    table: Table::Rows(Kind::InvoiceMessages),
    parent: Some(Kind::Invoices),
    create: &[],
    update: &[],
    build: no_build,
    on_delete: always,
    embedded_as: None,
};

pub(crate) static ESTIMATE_MESSAGES: Entity = Entity {
    table: Table::Rows(Kind::EstimateMessages),
    parent: Some(Kind::Estimates),
    create: &[],
    update: &[],
    build: no_build,
    on_delete: always,
    embedded_as: None,
};

/// For entities that are only ever deleted through the generic path.
fn no_build(_: &mut Tables, _: &mut Record, _: &Record, _: &Op) -> Result<(), ApiError> {
    Err(ApiError::RouteNotFound)
}

// --- payments --------------------------------------------------------------------------------

const PAYMENT_FIELDS: &[Field] = &[
    req("amount", Ty::Decimal),
    opt("paid_at", Ty::Datetime),
    opt("paid_date", Ty::Date),
    opt("notes", Ty::Text),
    opt("send_thank_you", Ty::Bool),
];

/// `POST /v2/invoices/{id}/payments`: on a sent (open) invoice, at most what is due; the
/// invoice becomes paid when nothing is left.
pub(crate) fn create_payment(ctx: &Ctx<'_>) -> Result<Reply, ApiError> {
    let body = input(ctx)?;
    let mut tables = lock(ctx.store);
    let invoice_id = parent_id(ctx, &tables, Kind::Invoices)?;
    let accepted = fields::check(&body, PAYMENT_FIELDS, true)?;
    let amount = f64_of(&accepted, "amount").unwrap_or(0.0);
    if amount <= 0.0 {
        return Err(unprocessable("Amount must be greater than 0"));
    }
    let (paid_at, paid_date) = (accepted.get("paid_at"), accepted.get("paid_date"));
    if paid_at.is_some_and(|v| !v.is_null()) && paid_date.is_some_and(|v| !v.is_null()) {
        return Err(unprocessable("Pass either paid_at or paid_date, not both"));
    }
    let mut invoice = tables
        .record(Kind::Invoices, invoice_id)
        .cloned()
        .ok_or(ApiError::NotFound)?;
    if str_of(&invoice, "state") != Some("open") {
        return Err(unprocessable(
            "Payments can only be recorded on an open (sent and unpaid) invoice",
        ));
    }
    let due = f64_of(&invoice, "due_amount").unwrap_or(0.0);
    if amount > due + 0.005 {
        return Err(unprocessable(format!(
            "Amount can't be greater than the amount due ({due:.2})"
        )));
    }
    let now = tables.now();
    let paid_at = paid_at
        .and_then(Value::as_str)
        .and_then(Timestamp::parse_iso8601)
        .or_else(|| paid_date.and_then(date_of).map(Date::at_midnight))
        .unwrap_or(now);
    let sender = tables
        .record(Kind::Users, me(&tables))
        .cloned()
        .unwrap_or_default();
    let mut payment = Record::new();
    payment.insert("id".to_owned(), Value::from(tables.new_id()));
    payment.extend([
        ("amount".to_owned(), number(amount)),
        ("paid_at".to_owned(), moment(paid_at)),
        ("paid_date".to_owned(), json!(paid_at.date().to_string())),
        ("recorded_by".to_owned(), json!(full_name(&sender))),
        (
            "recorded_by_email".to_owned(),
            sender.get("email").cloned().unwrap_or(Value::Null),
        ),
        (
            "notes".to_owned(),
            accepted.get("notes").cloned().unwrap_or(json!("")),
        ),
        ("transaction_id".to_owned(), Value::Null),
        ("payment_gateway".to_owned(), Value::Null),
    ]);
    stamp(&mut payment, now, true);
    let left = round2(due - amount);
    invoice.insert("due_amount".to_owned(), number(left.max(0.0)));
    if left <= 0.005 {
        invoice.insert("state".to_owned(), json!("paid"));
        invoice.insert("paid_at".to_owned(), moment(paid_at));
        invoice.insert("paid_date".to_owned(), json!(paid_at.date().to_string()));
    }
    stamp(&mut invoice, now, false);
    tables.replace(Kind::Invoices, invoice);
    tables.insert(
        Kind::InvoicePayments,
        Row {
            parent: Some(invoice_id),
            record: payment.clone(),
        },
    );
    Ok(ctx.reply(StatusCode::CREATED, &payment))
}

/// A deleted payment is owed again (a paid invoice re-opens).
fn refund(tables: &mut Tables, payment: &Record) -> Result<(), ApiError> {
    let amount = f64_of(payment, "amount").unwrap_or(0.0);
    let id = id_of(payment);
    let Some(invoice_id) = tables
        .find(Kind::InvoicePayments, id)
        .and_then(|row| row.parent)
    else {
        return Ok(());
    };
    let now = tables.now();
    if let Some(row) = tables.find_mut(Kind::Invoices, invoice_id) {
        let invoice = &mut row.record;
        let due = f64_of(invoice, "due_amount").unwrap_or(0.0);
        invoice.insert("due_amount".to_owned(), number(round2(due + amount)));
        if str_of(invoice, "state") == Some("paid") {
            invoice.insert("state".to_owned(), json!("open"));
            invoice.insert("paid_at".to_owned(), Value::Null);
            invoice.insert("paid_date".to_owned(), Value::Null);
        }
        stamp(invoice, now, false);
    }
    Ok(())
}

pub(crate) static INVOICE_PAYMENTS: Entity = Entity {
    table: Table::Rows(Kind::InvoicePayments),
    parent: Some(Kind::Invoices),
    create: &[],
    update: &[],
    build: no_build,
    on_delete: refund,
    embedded_as: None,
};
