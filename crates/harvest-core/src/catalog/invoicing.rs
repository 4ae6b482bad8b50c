//! Invoicing and estimates: invoices, their messages and payments, estimates, item categories.

use super::common::*;
use super::rows::*;

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
    ],
};

pub(super) const INVOICE_PAYMENTS: Entity = Entity {
    name: "invoice_payments",
    description: "Payments recorded against one invoice.",
    actions: &[list!(
        "list",
        "/invoices/{invoice_id}/payments",
        "invoice_payments",
        Cursor,
        [INVOICE_ID, UPDATED_SINCE],
        "List the payments of an invoice."
    )],
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
    ],
};

pub(super) const ESTIMATE_MESSAGES: Entity = Entity {
    name: "estimate_messages",
    description: "Messages (emails and state-change events) of one estimate.",
    actions: &[list!(
        "list",
        "/estimates/{estimate_id}/messages",
        "estimate_messages",
        Cursor,
        [ESTIMATE_ID, UPDATED_SINCE],
        "List the messages of an estimate."
    )],
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
    ],
};
