//! Invoicing and estimates: invoices, their messages and payments, estimates, item categories.

use super::body_fields::*;
use super::common::*;
use super::rows::*;

/// A state change: `POST /<documents>/{id}/messages` with a fixed `event_type` and nothing else
/// (Harvest sends no email for it; it answers with the message recording the event).
macro_rules! state_change {
    ($name:literal, $path:literal, $event:literal, $description:literal) => {
        Action {
            fixed_body: &[("event_type", $event)],
            ..write!($name, Post, 201, $path, [ID], $description)
        }
    };
}

const INVOICE_PAYMENT_TERM: Param = body!(
    "payment_term",
    ParamType::Enum(&[
        "upon receipt",
        "net 15",
        "net 30",
        "net 45",
        "net 60",
        "custom"
    ]),
    "When the invoice is due; custom (the default) uses due_date."
);
const INVOICE_PAYMENT_TERM_CHANGE: Param = body!(
    "payment_term",
    ParamType::Enum(&["upon receipt", "net 15", "net 30", "net 45", "net 60"]),
    "When the invoice is due."
);
const DUE_DATE: Param = body!(
    "due_date",
    ParamType::Date,
    "Due date; honoured only with payment_term custom."
);
const RETAINER: Param = body!(
    "retainer_id",
    ParamType::Id,
    "Id of a retainer this invoice adds funds to."
);
const ESTIMATE_FIELD: Param = body!(
    "estimate_id",
    ParamType::Id,
    "Id of the estimate this invoice comes from."
);

pub(super) const INVOICES: Entity = Entity {
    name: "invoices",
    description: "Invoices sent to clients.",
    actions: &[
        list!(
            "list",
            "/invoices",
            "invoices",
            Pages,
            [
                CLIENT_FILTER,
                PROJECT_FILTER,
                UPDATED_SINCE,
                ISSUED_FROM,
                ISSUED_TO,
                param!(
                    "state",
                    Query,
                    ParamType::Enum(&["draft", "open", "paid", "closed"]),
                    false,
                    "Only invoices in this state (open = sent and not yet paid)."
                ),
            ],
            "List invoices, most recent issue_date first."
        ),
        get!("get", "/invoices/{id}", [ID], "Get one invoice by id."),
        Action {
            rules: &[Rule::Exclusive(&[&["line_items"], &["line_items_import"]])],
            ..create!(
                "/invoices",
                [
                    body!("client_id", ParamType::Id, required, "Id of the client."),
                    RETAINER,
                    ESTIMATE_FIELD,
                    NUMBER,
                    PURCHASE_ORDER,
                    TAX,
                    TAX2,
                    DISCOUNT,
                    SUBJECT,
                    DOC_NOTES,
                    CURRENCY_FIELD,
                    ISSUE_DATE,
                    DUE_DATE,
                    INVOICE_PAYMENT_TERM,
                    PAYMENT_OPTIONS,
                    INVOICE_LINE_ITEMS_NEW,
                    LINE_ITEMS_IMPORT,
                ],
                "Create a draft invoice: free-form line_items, or line_items_import from \
                 tracked time and expenses."
            )
        },
        update!(
            "/invoices/{id}",
            [
                ID,
                CLIENT_FIELD,
                RETAINER,
                ESTIMATE_FIELD,
                NUMBER,
                PURCHASE_ORDER,
                TAX,
                TAX2,
                DISCOUNT,
                SUBJECT,
                DOC_NOTES,
                CURRENCY_FIELD,
                ISSUE_DATE,
                DUE_DATE,
                INVOICE_PAYMENT_TERM_CHANGE,
                PAYMENT_OPTIONS,
                INVOICE_LINE_ITEMS_CHANGE,
            ],
            "Change an invoice, including adding, changing or removing line items."
        ),
        delete!("/invoices/{id}", [ID], "Delete an invoice."),
        state_change!(
            "mark_sent",
            "/invoices/{id}/messages",
            "send",
            "Mark a draft invoice as sent (no email is sent)."
        ),
        state_change!(
            "mark_draft",
            "/invoices/{id}/messages",
            "draft",
            "Return an open invoice to draft."
        ),
        state_change!(
            "close",
            "/invoices/{id}/messages",
            "close",
            "Close an open invoice (written off, not paid)."
        ),
        state_change!(
            "reopen",
            "/invoices/{id}/messages",
            "re-open",
            "Re-open a closed invoice."
        ),
    ],
};

pub(super) const INVOICE_MESSAGES: Entity = Entity {
    name: "invoice_messages",
    description: "Messages (emails and state-change events) of one invoice.",
    actions: &[
        list!(
            "list",
            "/invoices/{invoice_id}/messages",
            "invoice_messages",
            Cursor,
            [INVOICE_ID, UPDATED_SINCE],
            "List the messages of an invoice."
        ),
        get!(
            "template",
            "/invoices/{invoice_id}/messages/new",
            [
                INVOICE_ID,
                param!(
                    "thank_you",
                    Query,
                    ParamType::Bool,
                    false,
                    "true: the thank-you message template."
                ),
                param!(
                    "reminder",
                    Query,
                    ParamType::Bool,
                    false,
                    "true: the reminder message template."
                ),
            ],
            "Get the subject and body Harvest would use for a new message about an invoice \
             (nothing is created or sent)."
        ),
        Action {
            rules: &[Rule::AnyOf(&["recipients", "send_me_a_copy"])],
            ..create!(
                "/invoices/{invoice_id}/messages",
                [
                    INVOICE_ID,
                    body!("recipients", RECIPIENTS, "Who receives the email."),
                    SUBJECT,
                    MESSAGE_BODY,
                    body!(
                        "attach_pdf",
                        ParamType::Bool,
                        "true: attach the invoice as a PDF."
                    ),
                    SEND_ME_A_COPY,
                    body!("thank_you", ParamType::Bool, "true: a thank-you message."),
                ],
                "Email an invoice (needs recipients or send_me_a_copy); for state changes use \
                 invoices.mark_sent, mark_draft, close or reopen."
            )
        },
        delete!(
            "/invoices/{invoice_id}/messages/{id}",
            [INVOICE_ID, SUB_ID],
            "Delete a message of an invoice."
        ),
    ],
};

pub(super) const INVOICE_PAYMENTS: Entity = Entity {
    name: "invoice_payments",
    description: "Payments recorded against one invoice.",
    actions: &[
        list!(
            "list",
            "/invoices/{invoice_id}/payments",
            "invoice_payments",
            Cursor,
            [INVOICE_ID, UPDATED_SINCE],
            "List the payments of an invoice."
        ),
        Action {
            rules: &[Rule::Exclusive(&[&["paid_at"], &["paid_date"]])],
            ..create!(
                "/invoices/{invoice_id}/payments",
                [
                    INVOICE_ID,
                    body!("amount", AMOUNT, required, "Amount paid."),
                    body!(
                        "paid_at",
                        ParamType::DateTime,
                        "When it was paid (date-time; or paid_date)."
                    ),
                    body!(
                        "paid_date",
                        ParamType::Date,
                        "When it was paid (date; or paid_at)."
                    ),
                    body!("notes", NOTES, "Notes about the payment."),
                    body!(
                        "send_thank_you",
                        ParamType::Bool,
                        "Email a thank-you once fully paid (default true)."
                    ),
                ],
                "Record a payment against an invoice."
            )
        },
        delete!(
            "/invoices/{invoice_id}/payments/{id}",
            [INVOICE_ID, SUB_ID],
            "Delete a payment of an invoice."
        ),
    ],
};

pub(super) const INVOICE_ITEM_CATEGORIES: Entity = Entity {
    name: "invoice_item_categories",
    description: "Invoice item categories (kinds of invoice line items).",
    actions: &[
        list!(
            "list",
            "/invoice_item_categories",
            "invoice_item_categories",
            Cursor,
            [UPDATED_SINCE],
            "List invoice item categories."
        ),
        get!(
            "get",
            "/invoice_item_categories/{id}",
            [ID],
            "Get one invoice item category by id."
        ),
        create!(
            "/invoice_item_categories",
            [body!("name", NAME, required, "Name of the category.")],
            "Create an invoice item category."
        ),
        update!(
            "/invoice_item_categories/{id}",
            [ID, body!("name", NAME, "Name of the category.")],
            "Rename an invoice item category."
        ),
        delete!(
            "/invoice_item_categories/{id}",
            [ID],
            "Delete an invoice item category (only when it is not used)."
        ),
    ],
};

pub(super) const ESTIMATES: Entity = Entity {
    name: "estimates",
    description: "Estimates (quotes) sent to clients.",
    actions: &[
        list!(
            "list",
            "/estimates",
            "estimates",
            Pages,
            [
                CLIENT_FILTER,
                UPDATED_SINCE,
                ISSUED_FROM,
                ISSUED_TO,
                param!(
                    "state",
                    Query,
                    ParamType::Enum(&["draft", "sent", "accepted", "declined"]),
                    false,
                    "Only estimates in this state."
                ),
            ],
            "List estimates, most recent issue_date first."
        ),
        get!("get", "/estimates/{id}", [ID], "Get one estimate by id."),
        create!(
            "/estimates",
            [
                body!("client_id", ParamType::Id, required, "Id of the client."),
                NUMBER,
                PURCHASE_ORDER,
                TAX,
                TAX2,
                DISCOUNT,
                SUBJECT,
                DOC_NOTES,
                CURRENCY_FIELD,
                ISSUE_DATE,
                ESTIMATE_LINE_ITEMS_NEW,
            ],
            "Create a draft estimate."
        ),
        update!(
            "/estimates/{id}",
            [
                ID,
                CLIENT_FIELD,
                NUMBER,
                PURCHASE_ORDER,
                TAX,
                TAX2,
                DISCOUNT,
                SUBJECT,
                DOC_NOTES,
                CURRENCY_FIELD,
                ISSUE_DATE,
                ESTIMATE_LINE_ITEMS_CHANGE,
            ],
            "Change an estimate, including adding, changing or removing line items."
        ),
        delete!("/estimates/{id}", [ID], "Delete an estimate."),
        state_change!(
            "mark_sent",
            "/estimates/{id}/messages",
            "send",
            "Mark a draft estimate as sent (no email is sent)."
        ),
        state_change!(
            "accept",
            "/estimates/{id}/messages",
            "accept",
            "Mark an estimate as accepted."
        ),
        state_change!(
            "decline",
            "/estimates/{id}/messages",
            "decline",
            "Mark an estimate as declined."
        ),
        state_change!(
            "reopen",
            "/estimates/{id}/messages",
            "re-open",
            "Re-open an accepted or declined estimate."
        ),
    ],
};

pub(super) const ESTIMATE_MESSAGES: Entity = Entity {
    name: "estimate_messages",
    description: "Messages (emails and state-change events) of one estimate.",
    actions: &[
        list!(
            "list",
            "/estimates/{estimate_id}/messages",
            "estimate_messages",
            Cursor,
            [ESTIMATE_ID, UPDATED_SINCE],
            "List the messages of an estimate."
        ),
        create!(
            "/estimates/{estimate_id}/messages",
            [
                ESTIMATE_ID,
                body!(
                    "recipients",
                    RECIPIENTS,
                    required,
                    "Who receives the email."
                ),
                SUBJECT,
                MESSAGE_BODY,
                SEND_ME_A_COPY,
            ],
            "Email an estimate; for state changes use estimates.mark_sent, accept, decline or \
         reopen."
        ),
        delete!(
            "/estimates/{estimate_id}/messages/{id}",
            [ESTIMATE_ID, SUB_ID],
            "Delete a message of an estimate."
        ),
    ],
};

pub(super) const ESTIMATE_ITEM_CATEGORIES: Entity = Entity {
    name: "estimate_item_categories",
    description: "Estimate item categories (kinds of estimate line items).",
    actions: &[
        list!(
            "list",
            "/estimate_item_categories",
            "estimate_item_categories",
            Cursor,
            [UPDATED_SINCE],
            "List estimate item categories."
        ),
        get!(
            "get",
            "/estimate_item_categories/{id}",
            [ID],
            "Get one estimate item category by id."
        ),
        create!(
            "/estimate_item_categories",
            [body!("name", NAME, required, "Name of the category.")],
            "Create an estimate item category."
        ),
        update!(
            "/estimate_item_categories/{id}",
            [ID, body!("name", NAME, "Name of the category.")],
            "Rename an estimate item category."
        ),
        delete!(
            "/estimate_item_categories/{id}",
            [ID],
            "Delete an estimate item category (only when it is not used)."
        ),
    ],
};
