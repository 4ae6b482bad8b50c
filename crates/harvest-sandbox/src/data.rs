//! The sandbox's deterministic Harvest account.
//!
//! Nothing is stored: every record is computed from its index in O(1), so an
//! account with 50 000 time entries costs nothing to create and a page of
//! them costs only what is serialized. The same options always give the same
//! records. Relations are consistent: a time entry's user is assigned to its
//! project, its task is one of the project's task assignments, its client
//! owns the project, and a billed entry points at an invoice of that client.
//!
//! Shapes (field names, nesting, order, nullability) follow the recorded
//! responses in `harvest-fixtures/` (e.g. `GET_time_entries.real-2024.json`).

use std::ops::Range;

use serde::Serialize;

use super::calendar::{Date, Timestamp, SECONDS_PER_DAY};

/// Time entry ids start above 2^31 like real ones (2 380 504 951 seen in 2024).
pub(crate) const TIME_ENTRY_BASE_ID: u64 = 2_380_504_951;
const USER_BASE_ID: u64 = 4_955_600;
const CLIENT_BASE_ID: u64 = 15_058_200;
const CONTACT_BASE_ID: u64 = 7_140_700;
const PROJECT_BASE_ID: u64 = 41_068_200;
const TASK_BASE_ID: u64 = 22_630_600;
const USER_ASSIGNMENT_BASE_ID: u64 = 469_091_000;
const TASK_ASSIGNMENT_BASE_ID: u64 = 451_231_000;
const EXPENSE_BASE_ID: u64 = 15_296_400;
const EXPENSE_CATEGORY_BASE_ID: u64 = 4_195_900;
const INVOICE_BASE_ID: u64 = 13_150_400;
const INVOICE_LINE_ITEM_BASE_ID: u64 = 53_341_600;
const INVOICE_MESSAGE_BASE_ID: u64 = 27_835_200;
const INVOICE_PAYMENT_BASE_ID: u64 = 10_112_800;
const INVOICE_ITEM_CATEGORY_BASE_ID: u64 = 1_466_200;
const ESTIMATE_BASE_ID: u64 = 1_439_800;
const ESTIMATE_LINE_ITEM_BASE_ID: u64 = 53_334_100;
const ESTIMATE_MESSAGE_BASE_ID: u64 = 2_666_200;
const ESTIMATE_ITEM_CATEGORY_BASE_ID: u64 = 1_378_700;
const ROLE_BASE_ID: u64 = 618_100;
const BILLABLE_RATE_BASE_ID: u64 = 1_836_400;
const COST_RATE_BASE_ID: u64 = 825_300;

/// Assignment ids leave room for this many users/tasks per project.
const ASSIGNMENT_SLOTS: u64 = 4;
const MAX_USERS_PER_PROJECT: usize = 3;
const MAX_TASKS_PER_PROJECT: usize = 4;

/// "Today" of the sandbox account: fixed, so every run sees the same data.
pub(crate) fn anchor_date() -> Date {
    Date::from_ymd(2024, 6, 28)
}

const COMPANY_NAME: &str = "Sandbox Consulting LLC";
const FIRST_NAMES: [&str; 16] = [
    "Kim", "Bob", "Jim", "Jane", "Greg", "Alice", "Carlos", "Priya", "Mei", "Omar", "Sofia",
    "Lars", "Aisha", "Tom", "Nina", "Ravi",
];
const LAST_NAMES: [&str; 16] = [
    "Allen", "Powell", "Crossley", "Smith", "Doe", "Nakamura", "Okafor", "Larsen", "Garcia",
    "Kowalski", "Haddad", "Brown", "Singh", "Rossi", "Dubois", "Meyer",
];
const TIMEZONES: [&str; 6] = [
    "Eastern Time (US & Canada)",
    "Mountain Time (US & Canada)",
    "Pacific Time (US & Canada)",
    "London",
    "Berlin",
    "Tokyo",
];
const CLIENT_NAMES: [&str; 12] = [
    "ACME Corporation",
    "ABC Corp",
    "123 Industries",
    "Globex",
    "Initech",
    "Umbrella Health",
    "Stark Logistics",
    "Wayne Foods",
    "Tyrell Labs",
    "Soylent Co",
    "Hooli",
    "Vandelay Imports",
];
const CURRENCIES: [&str; 6] = ["USD", "EUR", "CAD", "USD", "GBP", "USD"];
const PROJECT_NAMES: [&str; 12] = [
    "Website Redesign",
    "Online Store - Phase 1",
    "Marketing Website",
    "Task Force",
    "Mobile App",
    "Data Migration",
    "Brand Refresh",
    "Support Retainer",
    "API Integration",
    "Analytics Dashboard",
    "Security Audit",
    "Onboarding Portal",
];
const TASK_NAMES: [&str; 12] = [
    "Design",
    "Programming",
    "Project Management",
    "Research",
    "Marketing",
    "Business Development",
    "Testing",
    "Meetings",
    "Writing",
    "Support",
    "Graphic Design",
    "Code Review",
];
const ROLE_NAMES: [&str; 12] = [
    "Developer",
    "Designer",
    "Founder",
    "Sales",
    "Marketing",
    "Support",
    "Operations",
    "Finance",
    "QA",
    "Management",
    "Research",
    "Legal",
];
const ITEM_CATEGORY_NAMES: [&str; 12] = [
    "Service",
    "Product",
    "Hours",
    "Expense",
    "Travel",
    "Hosting",
    "Licenses",
    "Consulting",
    "Training",
    "Support",
    "Design",
    "Materials",
];
/// (name, unit_name, unit_price in cents)
const EXPENSE_CATEGORIES: [(&str, Option<&str>, Option<i64>); 8] = [
    ("Meals", None, None),
    ("Lodging", None, None),
    ("Transportation", None, None),
    ("Mileage", Some("mile"), Some(65)),
    ("Entertainment", None, None),
    ("Software", None, None),
    ("Hardware", None, None),
    ("Per Diem", Some("day"), Some(5_000)),
];
const NOTES: [Option<&str>; 10] = [
    Some("Coding"),
    Some("Brainstorming"),
    Some("Initial meeting"),
    None,
    Some("Adding CSS styling"),
    Some("Importing products"),
    Some("Planning meetings"),
    Some("Bug fixes"),
    Some("Code review"),
    Some("Client call"),
];
const INVOICE_STATES: [&str; 4] = ["open", "paid", "draft", "closed"];
const ESTIMATE_STATES: [&str; 4] = ["sent", "accepted", "draft", "declined"];
const APPROVAL_STATUSES: [&str; 3] = ["unsubmitted", "submitted", "approved"];

/// splitmix64: a cheap, well-mixed hash of an index.
fn mix(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn hash(salt: u64, index: usize) -> u64 {
    mix(salt ^ mix(index as u64))
}

/// Hex digits derived from an index (statement keys, client keys).
fn hex_key(salt: u64, index: usize, len: usize) -> String {
    let mut out = String::with_capacity(len + 16);
    let mut round = 0u64;
    while out.len() < len {
        out.push_str(&format!("{:016x}", hash(salt.wrapping_add(round), index)));
        round += 1;
    }
    out.truncate(len);
    out
}

/// The k-th name of a list, numbered once the list wraps around.
fn cycled_name(names: &[&str], k: usize) -> String {
    let base = names[k % names.len()];
    match k / names.len() {
        0 => base.to_owned(),
        round => format!("{base} {}", round + 1),
    }
}

fn money(cents: i64) -> f64 {
    cents as f64 / 100.0
}

fn hours(hundredths: u32) -> f64 {
    f64::from(hundredths) / 100.0
}

/// A moment shortly (under three days) after `created`.
fn shortly_after(salt: u64, k: usize, created: Timestamp) -> Timestamp {
    created.plus_seconds((hash(salt ^ 0x5555, k) % (3 * SECONDS_PER_DAY as u64)) as i64)
}

// ---------------------------------------------------------------------------
// Record shapes

#[derive(Clone, Debug, Serialize)]
pub(crate) struct IdName {
    pub id: u64,
    pub name: String,
}

#[derive(Clone, Debug, Serialize)]
pub(crate) struct ClientRef {
    pub id: u64,
    pub name: String,
    pub currency: &'static str,
}

#[derive(Clone, Debug, Serialize)]
pub(crate) struct ProjectRef {
    pub id: u64,
    pub name: String,
    pub code: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub(crate) struct InvoiceRef {
    pub id: u64,
    pub number: String,
}

#[derive(Clone, Debug, Serialize)]
pub(crate) struct User {
    pub id: u64,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub telephone: String,
    pub timezone: &'static str,
    pub has_access_to_all_future_projects: bool,
    pub is_contractor: bool,
    pub is_active: bool,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    pub weekly_capacity: u32,
    pub default_hourly_rate: f64,
    pub cost_rate: f64,
    pub roles: Vec<String>,
    pub access_roles: Vec<&'static str>,
    pub avatar_url: String,
}

#[derive(Clone, Debug, Serialize)]
pub(crate) struct Teammate {
    pub id: u64,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
}

#[derive(Clone, Debug, Serialize)]
pub(crate) struct Client {
    pub id: u64,
    pub name: String,
    pub is_active: bool,
    pub address: Option<String>,
    pub statement_key: String,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    pub currency: &'static str,
}

#[derive(Clone, Debug, Serialize)]
pub(crate) struct Contact {
    pub id: u64,
    pub title: Option<&'static str>,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub phone_office: String,
    pub phone_mobile: String,
    pub fax: String,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    pub client: IdName,
}

#[derive(Clone, Debug, Serialize)]
pub(crate) struct Project {
    pub id: u64,
    pub name: String,
    pub code: Option<String>,
    pub is_active: bool,
    pub bill_by: &'static str,
    pub budget: Option<f64>,
    pub budget_by: &'static str,
    pub budget_is_monthly: bool,
    pub notify_when_over_budget: bool,
    pub over_budget_notification_percentage: f64,
    pub over_budget_notification_date: Option<Date>,
    pub show_budget_to_all: bool,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    pub starts_on: Option<Date>,
    pub ends_on: Option<Date>,
    pub is_billable: bool,
    pub is_fixed_fee: bool,
    pub notes: String,
    pub client: ClientRef,
    pub cost_budget: Option<f64>,
    pub cost_budget_include_expenses: bool,
    pub hourly_rate: Option<f64>,
    pub fee: Option<f64>,
}

#[derive(Clone, Debug, Serialize)]
pub(crate) struct Task {
    pub id: u64,
    pub name: String,
    pub billable_by_default: bool,
    pub default_hourly_rate: f64,
    pub is_default: bool,
    pub is_active: bool,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

/// Embedded in time entries and expenses without `project`/`user`; listed with them.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct UserAssignment {
    pub id: u64,
    pub is_project_manager: bool,
    pub is_active: bool,
    pub use_default_rates: bool,
    pub budget: Option<f64>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    pub hourly_rate: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project: Option<ProjectRef>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user: Option<IdName>,
}

/// Embedded in time entries without `project`/`task`; listed with them (and
/// with `task` only inside project assignments).
#[derive(Clone, Debug, Serialize)]
pub(crate) struct TaskAssignment {
    pub id: u64,
    pub billable: bool,
    pub is_active: bool,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    pub hourly_rate: Option<f64>,
    pub budget: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project: Option<ProjectRef>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub task: Option<IdName>,
}

#[derive(Clone, Debug, Serialize)]
pub(crate) struct ExternalReference {
    pub id: String,
    pub group_id: String,
    pub account_id: String,
    pub permalink: String,
    pub service: &'static str,
    pub service_icon_url: &'static str,
}

#[derive(Clone, Debug, Serialize)]
pub(crate) struct TimeEntry {
    pub id: u64,
    pub spent_date: Date,
    pub hours: f64,
    pub hours_without_timer: f64,
    pub rounded_hours: f64,
    pub notes: Option<&'static str>,
    pub is_locked: bool,
    pub locked_reason: Option<&'static str>,
    pub is_closed: bool,
    pub approval_status: &'static str,
    pub is_billed: bool,
    pub timer_started_at: Option<Timestamp>,
    pub started_time: Option<String>,
    pub ended_time: Option<String>,
    pub is_running: bool,
    pub billable: bool,
    pub budgeted: bool,
    pub billable_rate: Option<f64>,
    pub cost_rate: Option<f64>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    pub user: IdName,
    pub client: ClientRef,
    pub project: ProjectRef,
    pub task: IdName,
    pub user_assignment: UserAssignment,
    pub task_assignment: TaskAssignment,
    pub invoice: Option<InvoiceRef>,
    pub external_reference: Option<ExternalReference>,
}

#[derive(Clone, Debug, Serialize)]
pub(crate) struct ExpenseCategoryRef {
    pub id: u64,
    pub name: String,
    pub unit_price: Option<f64>,
    pub unit_name: Option<&'static str>,
}

#[derive(Clone, Debug, Serialize)]
pub(crate) struct Receipt {
    pub url: String,
    pub file_name: String,
    pub file_size: u64,
    pub content_type: &'static str,
}

#[derive(Clone, Debug, Serialize)]
pub(crate) struct Expense {
    pub id: u64,
    pub notes: Option<String>,
    pub total_cost: f64,
    pub units: f64,
    pub is_closed: bool,
    pub approval_status: &'static str,
    pub is_locked: bool,
    pub is_billed: bool,
    pub locked_reason: Option<&'static str>,
    pub spent_date: Date,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    pub billable: bool,
    pub receipt: Option<Receipt>,
    pub user: IdName,
    pub user_assignment: UserAssignment,
    pub project: ProjectRef,
    pub expense_category: ExpenseCategoryRef,
    pub client: ClientRef,
    pub invoice: Option<InvoiceRef>,
}

#[derive(Clone, Debug, Serialize)]
pub(crate) struct ExpenseCategory {
    pub id: u64,
    pub name: String,
    pub unit_name: Option<&'static str>,
    pub unit_price: Option<f64>,
    pub is_active: bool,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

#[derive(Clone, Debug, Serialize)]
pub(crate) struct InvoiceLineItem {
    pub id: u64,
    pub kind: &'static str,
    pub description: String,
    pub quantity: f64,
    pub unit_price: f64,
    pub amount: f64,
    pub taxed: bool,
    pub taxed2: bool,
    pub project: Option<ProjectRef>,
}

#[derive(Clone, Debug, Serialize)]
pub(crate) struct Invoice {
    pub id: u64,
    pub client_key: String,
    pub number: String,
    pub purchase_order: String,
    pub amount: f64,
    pub due_amount: f64,
    pub tax: Option<f64>,
    pub tax_amount: f64,
    pub tax2: Option<f64>,
    pub tax2_amount: f64,
    pub discount: Option<f64>,
    pub discount_amount: f64,
    pub subject: String,
    pub notes: String,
    pub state: &'static str,
    pub period_start: Option<Date>,
    pub period_end: Option<Date>,
    pub issue_date: Date,
    pub due_date: Date,
    pub payment_term: &'static str,
    pub sent_at: Option<Timestamp>,
    pub paid_at: Option<Timestamp>,
    pub closed_at: Option<Timestamp>,
    pub recurring_invoice_id: Option<u64>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    pub paid_date: Option<Date>,
    pub currency: &'static str,
    pub payment_options: Vec<&'static str>,
    pub client: IdName,
    pub estimate: Option<IdOnly>,
    pub retainer: Option<IdOnly>,
    pub creator: IdName,
    pub line_items: Vec<InvoiceLineItem>,
}

#[derive(Clone, Debug, Serialize)]
pub(crate) struct IdOnly {
    pub id: u64,
}

#[derive(Clone, Debug, Serialize)]
pub(crate) struct Recipient {
    pub name: String,
    pub email: String,
}

#[derive(Clone, Debug, Serialize)]
pub(crate) struct InvoiceMessage {
    pub id: u64,
    pub sent_by: String,
    pub sent_by_email: String,
    pub sent_from: String,
    pub sent_from_email: String,
    pub include_link_to_client_invoice: bool,
    pub send_me_a_copy: bool,
    pub thank_you: bool,
    pub reminder: bool,
    pub send_reminder_on: Option<Date>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    pub attach_pdf: bool,
    pub event_type: Option<&'static str>,
    pub recipients: Vec<Recipient>,
    pub subject: String,
    pub body: String,
}

#[derive(Clone, Debug, Serialize)]
pub(crate) struct InvoiceMessageTemplate {
    pub invoice_id: u64,
    pub subject: String,
    pub body: String,
    pub reminder: bool,
    pub thank_you: bool,
}

#[derive(Clone, Debug, Serialize)]
pub(crate) struct PaymentGateway {
    pub id: u64,
    pub name: &'static str,
}

#[derive(Clone, Debug, Serialize)]
pub(crate) struct InvoicePayment {
    pub id: u64,
    pub amount: f64,
    pub paid_at: Timestamp,
    pub paid_date: Date,
    pub recorded_by: String,
    pub recorded_by_email: String,
    pub notes: String,
    pub transaction_id: Option<String>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    pub payment_gateway: Option<PaymentGateway>,
}

#[derive(Clone, Debug, Serialize)]
pub(crate) struct InvoiceItemCategory {
    pub id: u64,
    pub name: String,
    pub use_as_service: bool,
    pub use_as_expense: bool,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

#[derive(Clone, Debug, Serialize)]
pub(crate) struct EstimateLineItem {
    pub id: u64,
    pub kind: &'static str,
    pub description: String,
    pub quantity: f64,
    pub unit_price: f64,
    pub amount: f64,
    pub taxed: bool,
    pub taxed2: bool,
}

#[derive(Clone, Debug, Serialize)]
pub(crate) struct Estimate {
    pub id: u64,
    pub client_key: String,
    pub number: String,
    pub purchase_order: String,
    pub amount: f64,
    pub tax: Option<f64>,
    pub tax_amount: f64,
    pub tax2: Option<f64>,
    pub tax2_amount: f64,
    pub discount: Option<f64>,
    pub discount_amount: f64,
    pub subject: String,
    pub notes: String,
    pub state: &'static str,
    pub issue_date: Date,
    pub sent_at: Option<Timestamp>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    pub accepted_at: Option<Timestamp>,
    pub declined_at: Option<Timestamp>,
    pub currency: &'static str,
    pub client: IdName,
    pub creator: IdName,
    pub line_items: Vec<EstimateLineItem>,
}

#[derive(Clone, Debug, Serialize)]
pub(crate) struct EstimateMessage {
    pub id: u64,
    pub sent_by: String,
    pub sent_by_email: String,
    pub sent_from: String,
    pub sent_from_email: String,
    pub send_me_a_copy: bool,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    pub recipients: Vec<Recipient>,
    pub event_type: Option<&'static str>,
    pub subject: String,
    pub body: String,
}

#[derive(Clone, Debug, Serialize)]
pub(crate) struct EstimateItemCategory {
    pub id: u64,
    pub name: String,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

#[derive(Clone, Debug, Serialize)]
pub(crate) struct Role {
    pub id: u64,
    pub name: String,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    pub user_ids: Vec<u64>,
}

/// A billable rate or a cost rate (same shape).
#[derive(Clone, Debug, Serialize)]
pub(crate) struct Rate {
    pub id: u64,
    pub amount: f64,
    pub start_date: Date,
    pub end_date: Option<Date>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

#[derive(Clone, Debug, Serialize)]
pub(crate) struct Company {
    pub base_uri: String,
    pub full_domain: String,
    pub name: &'static str,
    pub is_active: bool,
    pub week_start_day: &'static str,
    pub wants_timestamp_timers: bool,
    pub time_format: &'static str,
    pub date_format: &'static str,
    pub plan_type: &'static str,
    pub expense_feature: bool,
    pub invoice_feature: bool,
    pub estimate_feature: bool,
    pub approval_feature: bool,
    pub team_feature: bool,
    pub clock: &'static str,
    pub currency_code_display: &'static str,
    pub currency_symbol_display: &'static str,
    pub decimal_symbol: &'static str,
    pub thousands_separator: &'static str,
    pub color_scheme: &'static str,
    pub weekly_capacity: u32,
}

/// The cheap, filterable facts of one time entry (no strings, no allocation).
#[derive(Clone, Copy, Debug)]
pub(crate) struct EntryCore {
    pub index: usize,
    pub id: u64,
    pub user: usize,
    pub user_slot: usize,
    pub project: usize,
    pub client: usize,
    pub task: usize,
    pub task_slot: usize,
    pub spent_date: Date,
    pub hours: u32,
    pub is_running: bool,
    pub billable: bool,
    pub is_billed: bool,
    pub approval: usize,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    pub external_reference: Option<u64>,
}

impl EntryCore {
    pub(crate) fn approval_status(&self) -> &'static str {
        APPROVAL_STATUSES[self.approval]
    }

    pub(crate) fn external_reference_id(&self) -> Option<String> {
        self.external_reference.map(|n| n.to_string())
    }
}

/// The cheap, filterable facts of one expense.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ExpenseCore {
    pub user: usize,
    pub user_slot: usize,
    pub project: usize,
    pub client: usize,
    pub category: usize,
    pub spent_date: Date,
    pub total_cents: i64,
    pub units: i64,
    pub billable: bool,
    pub is_billed: bool,
    pub approval: usize,
}

// ---------------------------------------------------------------------------
// The account

/// The generated account. `records` is the size of every list entity (and of
/// every per-parent list, e.g. messages per invoice); `time_entries` the
/// number of time entries.
#[derive(Debug, Clone)]
pub(crate) struct Dataset {
    records: usize,
    time_entries: usize,
    entries_per_day: usize,
    account_id: String,
}

impl Dataset {
    pub(crate) fn new(records_per_entity: usize, time_entries: usize, account_id: &str) -> Dataset {
        // At least three a day, and never more than ~2 years of history.
        let entries_per_day = time_entries.div_ceil(730).max(3);
        Dataset {
            records: records_per_entity.max(1),
            time_entries,
            entries_per_day,
            account_id: account_id.to_owned(),
        }
    }

    #[cfg(test)]
    pub(crate) fn records(&self) -> usize {
        self.records
    }

    pub(crate) fn time_entry_count(&self) -> usize {
        self.time_entries
    }

    /// Days of time-entry history before the anchor date.
    fn history_days(&self) -> i64 {
        (self.time_entries / self.entries_per_day) as i64 + 1
    }

    /// Creation time of the k-th record of a master-data entity (users,
    /// clients, projects, ...): newest first, one every two days, all older
    /// than the oldest time entry so that nothing is tracked before it exists.
    fn created_at(&self, salt: u64, k: usize) -> Timestamp {
        let seconds_of_day = 28_800 + (hash(salt, k) % 36_000) as i64;
        anchor_date()
            .add_days(-(self.history_days() + 30 + 2 * k as i64))
            .at_midnight()
            .plus_seconds(seconds_of_day)
    }

    /// Last update: anywhere between creation and the anchor date, so that
    /// `updated_since` selects a meaningful subset.
    fn updated_at(&self, salt: u64, k: usize, created: Timestamp) -> Timestamp {
        let span = (anchor_date().at_midnight().0 - created.0).max(1) as u64;
        created.plus_seconds((hash(salt ^ 0x5555, k) % span) as i64)
    }

    fn index_of(&self, id: u64, base: u64, len: usize) -> Option<usize> {
        let offset = usize::try_from(id.checked_sub(base)?).ok()?;
        (offset < len).then_some(offset)
    }

    // --- company ----------------------------------------------------------

    pub(crate) fn company(&self) -> Company {
        let subdomain = format!("sandbox{}", self.account_id.to_ascii_lowercase());
        let subdomain: String = subdomain
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect();
        Company {
            base_uri: format!("https://{subdomain}.harvestapp.com"),
            full_domain: format!("{subdomain}.harvestapp.com"),
            name: COMPANY_NAME,
            is_active: true,
            week_start_day: "Monday",
            wants_timestamp_timers: false,
            time_format: "decimal",
            date_format: "%Y-%m-%d",
            plan_type: "sponsored",
            expense_feature: true,
            invoice_feature: true,
            estimate_feature: true,
            approval_feature: true,
            team_feature: true,
            clock: "24h",
            currency_code_display: "iso_code_none",
            currency_symbol_display: "symbol_before",
            decimal_symbol: ".",
            thousands_separator: ",",
            color_scheme: "orange",
            weekly_capacity: 126_000,
        }
    }

    pub(crate) fn company_name(&self) -> &'static str {
        COMPANY_NAME
    }

    // --- users ------------------------------------------------------------

    pub(crate) fn user_count(&self) -> usize {
        self.records
    }

    /// The authenticated user (`/v2/users/me`): the account's administrator.
    pub(crate) fn me(&self) -> usize {
        0
    }

    fn user_first_name(&self, u: usize) -> &'static str {
        FIRST_NAMES[u % FIRST_NAMES.len()]
    }

    fn user_last_name(&self, u: usize) -> &'static str {
        LAST_NAMES[(u * 5 + u / LAST_NAMES.len()) % LAST_NAMES.len()]
    }

    pub(crate) fn user_name(&self, u: usize) -> String {
        format!("{} {}", self.user_first_name(u), self.user_last_name(u))
    }

    pub(crate) fn user_email(&self, u: usize) -> String {
        let suffix = if u < FIRST_NAMES.len() {
            String::new()
        } else {
            u.to_string()
        };
        format!(
            "{}.{}{suffix}@example.com",
            self.user_first_name(u).to_ascii_lowercase(),
            self.user_last_name(u).to_ascii_lowercase()
        )
    }

    pub(crate) fn user_id(&self, u: usize) -> u64 {
        USER_BASE_ID + u as u64
    }

    pub(crate) fn user_index(&self, id: u64) -> Option<usize> {
        self.index_of(id, USER_BASE_ID, self.user_count())
    }

    pub(crate) fn user_ref(&self, u: usize) -> IdName {
        IdName {
            id: self.user_id(u),
            name: self.user_name(u),
        }
    }

    pub(crate) fn user_is_contractor(&self, u: usize) -> bool {
        u % 5 == 4
    }

    pub(crate) fn user_is_active(&self, u: usize) -> bool {
        u == 0 || u % 7 != 6
    }

    fn user_access_roles(&self, u: usize) -> Vec<&'static str> {
        if u == 0 {
            vec!["administrator"]
        } else if self.user_is_manager(u) {
            vec!["manager", "project_creator", "time_and_expenses_manager"]
        } else {
            vec!["member"]
        }
    }

    fn user_is_manager(&self, u: usize) -> bool {
        u % 4 == 1
    }

    fn user_cost_rate(&self, u: usize) -> i64 {
        50 + 10 * (u % 4) as i64
    }

    pub(crate) fn user_avatar_url(&self, u: usize) -> String {
        format!(
            "https://cache.harvestapp.com/assets/profile_images/sandbox_{}.png?{}",
            u % 8,
            1_498_516_481 + u
        )
    }

    pub(crate) fn user_weekly_capacity(&self, _u: usize) -> u32 {
        126_000
    }

    pub(crate) fn user(&self, u: usize) -> User {
        let created = self.created_at(0x5553, u);
        User {
            id: self.user_id(u),
            first_name: self.user_first_name(u).to_owned(),
            last_name: self.user_last_name(u).to_owned(),
            email: self.user_email(u),
            telephone: String::new(),
            timezone: TIMEZONES[u % TIMEZONES.len()],
            has_access_to_all_future_projects: u % 3 == 0,
            is_contractor: self.user_is_contractor(u),
            is_active: self.user_is_active(u),
            created_at: created,
            updated_at: self.updated_at(0x5553, u, created),
            weekly_capacity: self.user_weekly_capacity(u),
            default_hourly_rate: (100 + 25 * (u % 5)) as f64,
            cost_rate: self.user_cost_rate(u) as f64,
            roles: vec![cycled_name(&ROLE_NAMES, u % self.role_count())],
            access_roles: self.user_access_roles(u),
            avatar_url: self.user_avatar_url(u),
        }
    }

    pub(crate) fn users(&self) -> impl Iterator<Item = User> + '_ {
        (0..self.user_count()).map(|u| self.user(u))
    }

    /// Managers (and the administrator) manage every plain member.
    pub(crate) fn teammates(&self, u: usize) -> Vec<Teammate> {
        if u != 0 && !self.user_is_manager(u) {
            return Vec::new();
        }
        (0..self.user_count())
            .filter(|&v| v != u && v != 0 && !self.user_is_manager(v))
            .map(|v| Teammate {
                id: self.user_id(v),
                first_name: self.user_first_name(v).to_owned(),
                last_name: self.user_last_name(v).to_owned(),
                email: self.user_email(v),
            })
            .collect()
    }

    fn rate(&self, base: u64, salt: u64, u: usize, j: usize, amount: i64) -> Rate {
        let per_user = self.records;
        let start = Date::from_ymd(2019, 1, 1).add_days(120 * j as i64);
        let end = (j + 1 < per_user).then(|| start.add_days(119));
        let created = start
            .at_midnight()
            .plus_seconds(32_400 + (hash(salt, u) % 3600) as i64);
        Rate {
            id: base + (u * per_user + j) as u64,
            amount: amount as f64,
            start_date: start,
            end_date: end,
            created_at: created,
            updated_at: created.plus_seconds(8),
        }
    }

    /// Oldest first, as Harvest orders rates.
    pub(crate) fn billable_rates(&self, u: usize) -> Vec<Rate> {
        (0..self.records)
            .map(|j| {
                self.rate(
                    BILLABLE_RATE_BASE_ID,
                    0x4252,
                    u,
                    j,
                    80 + 5 * j as i64 + 10 * (u % 5) as i64,
                )
            })
            .collect()
    }

    pub(crate) fn cost_rates(&self, u: usize) -> Vec<Rate> {
        (0..self.records)
            .map(|j| {
                self.rate(
                    COST_RATE_BASE_ID,
                    0x4352,
                    u,
                    j,
                    40 + 2 * j as i64 + self.user_cost_rate(u),
                )
            })
            .collect()
    }

    // --- roles ------------------------------------------------------------

    pub(crate) fn role_count(&self) -> usize {
        self.records
    }

    pub(crate) fn role(&self, k: usize) -> Role {
        let created = self.created_at(0x524f, k);
        Role {
            id: ROLE_BASE_ID + k as u64,
            name: cycled_name(&ROLE_NAMES, k),
            created_at: created,
            updated_at: self.updated_at(0x524f, k, created),
            // Users u with u % roles == k (each user has exactly one role).
            user_ids: (k..self.user_count())
                .step_by(self.role_count())
                .map(|u| self.user_id(u))
                .collect(),
        }
    }

    pub(crate) fn roles(&self) -> impl Iterator<Item = Role> + '_ {
        (0..self.role_count()).map(|k| self.role(k))
    }

    // --- clients and contacts ---------------------------------------------

    pub(crate) fn client_count(&self) -> usize {
        self.records
    }

    pub(crate) fn client_id(&self, c: usize) -> u64 {
        CLIENT_BASE_ID + c as u64
    }

    pub(crate) fn client_index(&self, id: u64) -> Option<usize> {
        self.index_of(id, CLIENT_BASE_ID, self.client_count())
    }

    pub(crate) fn client_name(&self, c: usize) -> String {
        cycled_name(&CLIENT_NAMES, c)
    }

    pub(crate) fn client_currency(&self, c: usize) -> &'static str {
        CURRENCIES[c % CURRENCIES.len()]
    }

    pub(crate) fn client_ref(&self, c: usize) -> ClientRef {
        ClientRef {
            id: self.client_id(c),
            name: self.client_name(c),
            currency: self.client_currency(c),
        }
    }

    fn client_id_name(&self, c: usize) -> IdName {
        IdName {
            id: self.client_id(c),
            name: self.client_name(c),
        }
    }

    pub(crate) fn client(&self, c: usize) -> Client {
        let created = self.created_at(0x434c, c);
        Client {
            id: self.client_id(c),
            name: self.client_name(c),
            is_active: c % 6 != 5,
            address: (c % 4 != 3).then(|| format!("{} Main St.\r\nAnytown, LA 7{:04}", 100 + c, c)),
            statement_key: hex_key(0x434c, c, 32),
            created_at: created,
            updated_at: self.updated_at(0x434c, c, created),
            currency: self.client_currency(c),
        }
    }

    pub(crate) fn clients(&self) -> impl Iterator<Item = Client> + '_ {
        (0..self.client_count()).map(|c| self.client(c))
    }

    pub(crate) fn contact_count(&self) -> usize {
        self.records
    }

    pub(crate) fn contact_client(&self, k: usize) -> usize {
        k % self.client_count()
    }

    pub(crate) fn contact(&self, k: usize) -> Contact {
        let created = self.created_at(0x434f, k);
        let first = FIRST_NAMES[(k + 7) % FIRST_NAMES.len()];
        let last = LAST_NAMES[(k + 3) % LAST_NAMES.len()];
        Contact {
            id: CONTACT_BASE_ID + k as u64,
            title: [Some("CEO"), Some("CTO"), Some("Accountant"), None][k % 4],
            first_name: first.to_owned(),
            last_name: last.to_owned(),
            email: format!(
                "{}.{}@client{}.example.com",
                first.to_ascii_lowercase(),
                last.to_ascii_lowercase(),
                self.contact_client(k)
            ),
            phone_office: format!("+1 555 01{:02}", k % 100),
            phone_mobile: String::new(),
            fax: String::new(),
            created_at: created,
            updated_at: self.updated_at(0x434f, k, created),
            client: self.client_id_name(self.contact_client(k)),
        }
    }

    // --- projects and tasks -------------------------------------------------

    pub(crate) fn project_count(&self) -> usize {
        self.records
    }

    pub(crate) fn project_id(&self, p: usize) -> u64 {
        PROJECT_BASE_ID + p as u64
    }

    pub(crate) fn project_index(&self, id: u64) -> Option<usize> {
        self.index_of(id, PROJECT_BASE_ID, self.project_count())
    }

    /// Only the first half of the clients have projects (the rest are
    /// prospects), so some clients legitimately have none.
    pub(crate) fn project_client(&self, p: usize) -> usize {
        p % self.client_count().div_ceil(2)
    }

    pub(crate) fn project_name(&self, p: usize) -> String {
        cycled_name(&PROJECT_NAMES, p)
    }

    pub(crate) fn project_code(&self, p: usize) -> Option<String> {
        (p % 5 != 3).then(|| format!("P{:03}", p + 1))
    }

    /// `[CODE] Name`, as reports show projects.
    pub(crate) fn project_report_name(&self, p: usize) -> String {
        match self.project_code(p) {
            Some(code) => format!("[{code}] {}", self.project_name(p)),
            None => self.project_name(p),
        }
    }

    pub(crate) fn project_is_active(&self, p: usize) -> bool {
        p % 8 != 7
    }

    pub(crate) fn project_is_billable(&self, p: usize) -> bool {
        p % 10 != 9
    }

    pub(crate) fn project_is_fixed_fee(&self, p: usize) -> bool {
        self.project_is_billable(p) && p % 6 == 5
    }

    /// Whole currency units per hour.
    pub(crate) fn project_hourly_rate(&self, p: usize) -> i64 {
        100 + 25 * (p % 3) as i64
    }

    pub(crate) fn project_budget_by(&self, p: usize) -> &'static str {
        [
            "project",
            "project_cost",
            "task",
            "none",
            "person",
            "task_fees",
        ][p % 6]
    }

    pub(crate) fn project_budget_is_monthly(&self, p: usize) -> bool {
        p % 7 == 2
    }

    /// Hours for time budgets, currency units for money budgets.
    pub(crate) fn project_budget(&self, p: usize) -> Option<i64> {
        match self.project_budget_by(p) {
            "none" => None,
            "project_cost" | "task_fees" => Some(20_000 + 5_000 * (p % 4) as i64),
            _ => Some(200 + 50 * (p % 5) as i64),
        }
    }

    pub(crate) fn project_ref(&self, p: usize) -> ProjectRef {
        ProjectRef {
            id: self.project_id(p),
            name: self.project_name(p),
            code: self.project_code(p),
        }
    }

    pub(crate) fn project(&self, p: usize) -> Project {
        let created = self.created_at(0x5052, p);
        let billable = self.project_is_billable(p);
        let budget_by = self.project_budget_by(p);
        let budget = self.project_budget(p);
        let money_budget = matches!(budget_by, "project_cost" | "task_fees");
        let fixed_fee = self.project_is_fixed_fee(p);
        Project {
            id: self.project_id(p),
            name: self.project_name(p),
            code: self.project_code(p),
            is_active: self.project_is_active(p),
            bill_by: if billable {
                ["Project", "Tasks", "People"][p % 3]
            } else {
                "none"
            },
            budget: if money_budget {
                None
            } else {
                budget.map(|b| b as f64)
            },
            budget_by,
            budget_is_monthly: self.project_budget_is_monthly(p),
            notify_when_over_budget: p % 2 == 0,
            over_budget_notification_percentage: 80.0,
            over_budget_notification_date: None,
            show_budget_to_all: p % 3 == 1,
            created_at: created,
            updated_at: self.updated_at(0x5052, p, created),
            starts_on: Some(created.date()),
            ends_on: None,
            is_billable: billable,
            is_fixed_fee: fixed_fee,
            notes: String::new(),
            client: self.client_ref(self.project_client(p)),
            cost_budget: if money_budget {
                budget.map(|b| b as f64)
            } else {
                None
            },
            cost_budget_include_expenses: money_budget && p % 2 == 1,
            hourly_rate: billable.then(|| self.project_hourly_rate(p) as f64),
            fee: fixed_fee.then_some(10_000.0 + 1_000.0 * (p % 5) as f64),
        }
    }

    pub(crate) fn task_count(&self) -> usize {
        self.records
    }

    pub(crate) fn task_id(&self, t: usize) -> u64 {
        TASK_BASE_ID + t as u64
    }

    pub(crate) fn task_index(&self, id: u64) -> Option<usize> {
        self.index_of(id, TASK_BASE_ID, self.task_count())
    }

    pub(crate) fn task_name(&self, t: usize) -> String {
        cycled_name(&TASK_NAMES, t)
    }

    pub(crate) fn task_ref(&self, t: usize) -> IdName {
        IdName {
            id: self.task_id(t),
            name: self.task_name(t),
        }
    }

    pub(crate) fn task(&self, t: usize) -> Task {
        let created = self.created_at(0x5441, t);
        let billable = t % 4 != 3;
        Task {
            id: self.task_id(t),
            name: self.task_name(t),
            billable_by_default: billable,
            default_hourly_rate: if billable { 100.0 } else { 0.0 },
            is_default: t < 4,
            is_active: t % 9 != 8,
            created_at: created,
            updated_at: self.updated_at(0x5441, t, created),
        }
    }

    pub(crate) fn tasks(&self) -> impl Iterator<Item = Task> + '_ {
        (0..self.task_count()).map(|t| self.task(t))
    }

    // --- assignments --------------------------------------------------------

    pub(crate) fn project_user_count(&self) -> usize {
        self.user_count().min(MAX_USERS_PER_PROJECT)
    }

    /// Slot 0 is always the administrator (`me`); the other slots rotate
    /// through the remaining users.
    pub(crate) fn project_user(&self, p: usize, slot: usize) -> usize {
        if slot == 0 || self.user_count() == 1 {
            0
        } else {
            1 + (p + slot - 1) % (self.user_count() - 1)
        }
    }

    pub(crate) fn project_task_count(&self) -> usize {
        self.task_count().min(MAX_TASKS_PER_PROJECT)
    }

    pub(crate) fn project_task(&self, p: usize, slot: usize) -> usize {
        (p + slot) % self.task_count()
    }

    /// The last task slot of a project is not billable (like "Research").
    fn task_assignment_billable(&self, p: usize, slot: usize) -> bool {
        self.project_is_billable(p) && slot != MAX_TASKS_PER_PROJECT - 1
    }

    fn user_assignment_id(&self, p: usize, slot: usize) -> u64 {
        USER_ASSIGNMENT_BASE_ID + p as u64 * ASSIGNMENT_SLOTS + slot as u64
    }

    fn task_assignment_id(&self, p: usize, slot: usize) -> u64 {
        TASK_ASSIGNMENT_BASE_ID + p as u64 * ASSIGNMENT_SLOTS + slot as u64
    }

    /// The assignment as embedded in time entries (no nested project/user);
    /// see [`Dataset::user_assignment`] for the listed form.
    fn user_assignment_embedded(&self, p: usize, slot: usize) -> UserAssignment {
        let created = self.created_at(0x5541, p).plus_seconds(60 * slot as i64);
        let u = self.project_user(p, slot);
        UserAssignment {
            id: self.user_assignment_id(p, slot),
            is_project_manager: slot == 0,
            is_active: self.project_is_active(p) && self.user_is_active(u),
            use_default_rates: slot != 2,
            budget: None,
            created_at: created,
            updated_at: self.updated_at(0x5541, p * 4 + slot, created),
            hourly_rate: (slot == 2).then(|| self.project_hourly_rate(p) as f64),
            project: None,
            user: None,
        }
    }

    pub(crate) fn user_assignment(&self, p: usize, slot: usize) -> UserAssignment {
        UserAssignment {
            project: Some(self.project_ref(p)),
            user: Some(self.user_ref(self.project_user(p, slot))),
            ..self.user_assignment_embedded(p, slot)
        }
    }

    /// Every user assignment, newest project first.
    pub(crate) fn user_assignments(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        (0..self.project_count())
            .flat_map(move |p| (0..self.project_user_count()).map(move |slot| (p, slot)))
    }

    fn task_assignment_embedded(&self, p: usize, slot: usize) -> TaskAssignment {
        let created = self
            .created_at(0x5441_5341, p)
            .plus_seconds(60 * slot as i64);
        let billable = self.task_assignment_billable(p, slot);
        TaskAssignment {
            id: self.task_assignment_id(p, slot),
            billable,
            is_active: self.project_is_active(p),
            created_at: created,
            updated_at: self.updated_at(0x5441_5341, p * 4 + slot, created),
            hourly_rate: Some(self.project_hourly_rate(p) as f64),
            budget: None,
            project: None,
            task: None,
        }
    }

    pub(crate) fn task_assignment(&self, p: usize, slot: usize) -> TaskAssignment {
        TaskAssignment {
            project: Some(self.project_ref(p)),
            task: Some(self.task_ref(self.project_task(p, slot))),
            ..self.task_assignment_embedded(p, slot)
        }
    }

    pub(crate) fn task_assignments(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        (0..self.project_count())
            .flat_map(move |p| (0..self.project_task_count()).map(move |slot| (p, slot)))
    }

    // --- time entries -------------------------------------------------------

    pub(crate) fn time_entry_index(&self, id: u64) -> Option<usize> {
        self.index_of(id, TIME_ENTRY_BASE_ID, self.time_entries)
    }

    /// Indices of the entries whose spent_date lies in `[from, to]`; entries are
    /// ordered newest first with a fixed number per day, so this is arithmetic.
    pub(crate) fn time_entry_range(&self, from: Option<Date>, to: Option<Date>) -> Range<usize> {
        let anchor = anchor_date().0;
        let per_day = self.entries_per_day as i64;
        let clamp = |value: i64| value.clamp(0, self.time_entries as i64) as usize;
        let start = to.map_or(0, |to| {
            clamp((anchor - to.0).max(0).saturating_mul(per_day))
        });
        let end = from.map_or(self.time_entries, |from| {
            clamp((anchor - from.0 + 1).max(0).saturating_mul(per_day))
        });
        start..end.max(start)
    }

    pub(crate) fn entry_core(&self, i: usize) -> EntryCore {
        let h = hash(0x5445, i);
        let project = (h % self.project_count() as u64) as usize;
        let user_slot = ((h >> 12) % self.project_user_count() as u64) as usize;
        let task_slot = ((h >> 20) % self.project_task_count() as u64) as usize;
        let day_offset = (i / self.entries_per_day) as i64;
        let spent_date = anchor_date().add_days(-day_offset);
        let billable = self.task_assignment_billable(project, task_slot);
        // Time older than half the history (at most two months) is mostly invoiced, so even
        // a small account has billed entries to filter and to refuse edits of.
        let billed_from = (self.history_days() / 2).clamp(1, 61);
        let is_billed = billable && day_offset >= billed_from && (h >> 40) % 4 != 0;
        let approval = if day_offset > 30 {
            2
        } else if day_offset > 7 {
            1
        } else {
            0
        };
        let step = (43_200 / self.entries_per_day as i64).max(1);
        let created = spent_date
            .at_midnight()
            .plus_seconds(72_000 - step * (i % self.entries_per_day) as i64);
        let updated = created
            .plus_seconds(((h >> 44) % 4) as i64 * SECONDS_PER_DAY + ((h >> 50) % 3600) as i64);
        EntryCore {
            index: i,
            id: TIME_ENTRY_BASE_ID + i as u64,
            user: self.project_user(project, user_slot),
            user_slot,
            project,
            client: self.project_client(project),
            task: self.project_task(project, task_slot),
            task_slot,
            spent_date,
            hours: if i == 0 {
                35
            } else {
                10 + ((h >> 28) % 790) as u32
            },
            is_running: i == 0,
            billable,
            is_billed,
            approval,
            created_at: created,
            updated_at: updated,
            external_reference: (i % 10 == 3).then_some(100_000 + i as u64),
        }
    }

    fn invoice_ref(&self, c: usize) -> InvoiceRef {
        // Invoice k belongs to client k, so client c's invoice is invoice c.
        InvoiceRef {
            id: self.invoice_id(c),
            number: self.invoice_number(c),
        }
    }

    pub(crate) fn time_entry(&self, i: usize) -> TimeEntry {
        let core = self.entry_core(i);
        let p = core.project;
        let h = hash(0x4e54, i);
        let locked_reason = if core.is_billed {
            Some("Item Invoiced and Approved and Locked for this Time Period")
        } else if core.approval == 2 {
            Some("Item Approved and Locked for this Time Period")
        } else {
            None
        };
        let rounded = core.hours.div_ceil(25) * 25;
        TimeEntry {
            id: core.id,
            spent_date: core.spent_date,
            hours: hours(core.hours),
            hours_without_timer: if core.is_running { 0.0 } else { hours(core.hours) },
            rounded_hours: hours(rounded),
            notes: NOTES[(h % NOTES.len() as u64) as usize],
            is_locked: locked_reason.is_some(),
            locked_reason,
            is_closed: core.approval == 2,
            approval_status: core.approval_status(),
            is_billed: core.is_billed,
            timer_started_at: core.is_running.then(|| core.created_at.plus_seconds(600)),
            started_time: None,
            ended_time: None,
            is_running: core.is_running,
            billable: core.billable,
            budgeted: self.project_budget_by(p) != "none",
            billable_rate: core.billable.then(|| self.project_hourly_rate(p) as f64),
            cost_rate: Some(self.user_cost_rate(core.user) as f64),
            created_at: core.created_at,
            updated_at: core.updated_at,
            user: self.user_ref(core.user),
            client: self.client_ref(core.client),
            project: self.project_ref(p),
            task: self.task_ref(core.task),
            user_assignment: self.user_assignment_embedded(p, core.user_slot),
            task_assignment: self.task_assignment_embedded(p, core.task_slot),
            invoice: core.is_billed.then(|| self.invoice_ref(core.client)),
            external_reference: core.external_reference.map(|n| ExternalReference {
                id: n.to_string(),
                group_id: "1001".to_owned(),
                account_id: "2002".to_owned(),
                permalink: format!("https://github.com/sandbox/harvest/issues/{n}"),
                service: "github.com",
                service_icon_url: "https://proxy.harvestfiles.net/production_harvestapp_public/assets/platform_icons/github.com.png",
            }),
        }
    }

    // --- expenses -----------------------------------------------------------

    pub(crate) fn expense_count(&self) -> usize {
        self.records
    }

    pub(crate) fn expense_core(&self, k: usize) -> ExpenseCore {
        let h = hash(0x4558, k);
        let project = k % self.project_count();
        let user_slot = k % self.project_user_count();
        let category = k % self.expense_category_count();
        let day_offset = 3 * k as i64 + 1;
        let (units, total_cents) = match self.expense_category_unit_price(category) {
            Some(price) => {
                let units = 10 + (k % 50) as i64;
                (units, units * price)
            }
            None => (1, 1_000 + (h % 20_000) as i64),
        };
        let billable = self.project_is_billable(project) && k % 5 != 4;
        ExpenseCore {
            user: self.project_user(project, user_slot),
            user_slot,
            project,
            client: self.project_client(project),
            category,
            spent_date: anchor_date().add_days(-day_offset),
            total_cents,
            units,
            billable,
            is_billed: billable && day_offset > 20 && k % 3 != 0,
            approval: if day_offset > 30 {
                2
            } else if day_offset > 7 {
                1
            } else {
                0
            },
        }
    }

    pub(crate) fn expense(&self, k: usize) -> Expense {
        let core = self.expense_core(k);
        let created = core
            .spent_date
            .at_midnight()
            .plus_seconds(54_000 + (k % 600) as i64);
        let locked_reason = if core.is_billed {
            Some("Expense is invoiced.")
        } else if core.approval == 2 {
            Some("Expense is approved.")
        } else {
            None
        };
        let id = EXPENSE_BASE_ID + k as u64;
        Expense {
            id,
            notes: Some(format!(
                "{} for {}",
                self.expense_category_name(core.category),
                self.client_name(core.client)
            )),
            total_cost: money(core.total_cents),
            units: core.units as f64,
            is_closed: core.approval == 2,
            approval_status: APPROVAL_STATUSES[core.approval],
            is_locked: locked_reason.is_some(),
            is_billed: core.is_billed,
            locked_reason,
            spent_date: core.spent_date,
            created_at: created,
            updated_at: shortly_after(0x4558, k, created),
            billable: core.billable,
            receipt: (k % 2 == 0).then(|| Receipt {
                url: format!("{}/expenses/{id}/receipt", self.company().base_uri),
                file_name: format!("receipt_{k}.pdf"),
                file_size: 20_000 + (k as u64 % 50) * 1_000,
                content_type: "application/pdf",
            }),
            user: self.user_ref(core.user),
            user_assignment: self.user_assignment_embedded(core.project, core.user_slot),
            project: self.project_ref(core.project),
            expense_category: ExpenseCategoryRef {
                id: self.expense_category_id(core.category),
                name: self.expense_category_name(core.category),
                unit_price: self.expense_category_unit_price(core.category).map(money),
                unit_name: self.expense_category_unit_name(core.category),
            },
            client: self.client_ref(core.client),
            invoice: core.is_billed.then(|| self.invoice_ref(core.client)),
        }
    }

    pub(crate) fn expense_category_count(&self) -> usize {
        self.records
    }

    pub(crate) fn expense_category_id(&self, k: usize) -> u64 {
        EXPENSE_CATEGORY_BASE_ID + k as u64
    }

    pub(crate) fn expense_category_name(&self, k: usize) -> String {
        let (name, _, _) = EXPENSE_CATEGORIES[k % EXPENSE_CATEGORIES.len()];
        match k / EXPENSE_CATEGORIES.len() {
            0 => name.to_owned(),
            round => format!("{name} {}", round + 1),
        }
    }

    fn expense_category_unit_price(&self, k: usize) -> Option<i64> {
        EXPENSE_CATEGORIES[k % EXPENSE_CATEGORIES.len()].2
    }

    fn expense_category_unit_name(&self, k: usize) -> Option<&'static str> {
        EXPENSE_CATEGORIES[k % EXPENSE_CATEGORIES.len()].1
    }

    pub(crate) fn expense_category(&self, k: usize) -> ExpenseCategory {
        let created = self.created_at(0x4543, k);
        ExpenseCategory {
            id: self.expense_category_id(k),
            name: self.expense_category_name(k),
            unit_name: self.expense_category_unit_name(k),
            unit_price: self.expense_category_unit_price(k).map(money),
            is_active: k % 7 != 6,
            created_at: created,
            updated_at: self.updated_at(0x4543, k, created),
        }
    }

    pub(crate) fn expense_categories(&self) -> impl Iterator<Item = ExpenseCategory> + '_ {
        (0..self.expense_category_count()).map(|k| self.expense_category(k))
    }

    // --- invoices -----------------------------------------------------------

    pub(crate) fn invoice_count(&self) -> usize {
        self.records
    }

    pub(crate) fn invoice_id(&self, k: usize) -> u64 {
        INVOICE_BASE_ID + k as u64
    }

    pub(crate) fn invoice_index(&self, id: u64) -> Option<usize> {
        self.index_of(id, INVOICE_BASE_ID, self.invoice_count())
    }

    fn invoice_number(&self, k: usize) -> String {
        (1001 + k).to_string()
    }

    pub(crate) fn invoice_client(&self, k: usize) -> usize {
        k % self.client_count()
    }

    /// Up to two projects of the invoice's client.
    pub(crate) fn invoice_projects(&self, k: usize) -> Vec<usize> {
        // Project p belongs to client p % H (H = clients with projects), so
        // client c owns c, c + H, c + 2H, ...
        let c = self.invoice_client(k);
        let with_projects = self.client_count().div_ceil(2);
        (c..self.project_count())
            .step_by(with_projects)
            .take(if c < with_projects { 2 } else { 0 })
            .collect()
    }

    fn invoice_issue_date(&self, k: usize) -> Date {
        anchor_date().add_days(-15 * k as i64 - 5)
    }

    pub(crate) fn invoice(&self, k: usize) -> Invoice {
        let c = self.invoice_client(k);
        let issue = self.invoice_issue_date(k);
        let state = INVOICE_STATES[k % INVOICE_STATES.len()];
        let projects = self.invoice_projects(k);
        let mut line_items: Vec<InvoiceLineItem> = projects
            .iter()
            .enumerate()
            .map(|(j, &p)| {
                let quantity = 5 + (hash(0x494c, k * 4 + j) % 30) as i64;
                let unit_price = self.project_hourly_rate(p);
                InvoiceLineItem {
                    id: INVOICE_LINE_ITEM_BASE_ID + (k * 4 + j) as u64,
                    kind: "Service",
                    description: format!(
                        "{} - {}",
                        self.project_name(p),
                        TASK_NAMES[j % TASK_NAMES.len()]
                    ),
                    quantity: quantity as f64,
                    unit_price: unit_price as f64,
                    amount: (quantity * unit_price) as f64,
                    taxed: k % 3 == 0,
                    taxed2: false,
                    project: Some(self.project_ref(p)),
                }
            })
            .collect();
        if line_items.is_empty() {
            line_items.push(InvoiceLineItem {
                id: INVOICE_LINE_ITEM_BASE_ID + (k * 4) as u64,
                kind: "Product",
                description: "Consulting package".to_owned(),
                quantity: 1.0,
                unit_price: 1_500.0,
                amount: 1_500.0,
                taxed: k % 3 == 0,
                taxed2: false,
                project: None,
            });
        }
        let subtotal_cents: i64 = line_items
            .iter()
            .map(|item| (item.amount * 100.0).round() as i64)
            .sum();
        let taxed = k % 3 == 0;
        let tax_cents = if taxed { subtotal_cents * 5 / 100 } else { 0 };
        let amount_cents = subtotal_cents + tax_cents;
        let created = issue.at_midnight().plus_seconds(32_400);
        let sent_at = (state != "draft").then(|| created.plus_seconds(3_600));
        let paid = state == "paid";
        let closed = state == "closed";
        let upon_receipt = k % 2 == 0;
        Invoice {
            id: self.invoice_id(k),
            client_key: hex_key(0x494b, k, 40),
            number: self.invoice_number(k),
            purchase_order: if k % 3 == 1 {
                format!("PO-{}", 5000 + k)
            } else {
                String::new()
            },
            amount: money(amount_cents),
            due_amount: if paid || closed {
                0.0
            } else {
                money(amount_cents)
            },
            tax: taxed.then_some(5.0),
            tax_amount: money(tax_cents),
            tax2: None,
            tax2_amount: 0.0,
            discount: None,
            discount_amount: 0.0,
            subject: format!("Services for {}", self.client_name(c)),
            notes: String::new(),
            state,
            period_start: Some(issue.add_days(-30)),
            period_end: Some(issue.add_days(-1)),
            issue_date: issue,
            due_date: if upon_receipt {
                issue
            } else {
                issue.add_days(30)
            },
            payment_term: if upon_receipt {
                "upon receipt"
            } else {
                "net 30"
            },
            sent_at,
            paid_at: paid.then(|| created.plus_seconds(10 * SECONDS_PER_DAY)),
            closed_at: closed.then(|| created.plus_seconds(30 * SECONDS_PER_DAY)),
            recurring_invoice_id: None,
            created_at: created,
            updated_at: created.plus_seconds(2 * SECONDS_PER_DAY),
            paid_date: paid.then(|| issue.add_days(10)),
            currency: self.client_currency(c),
            payment_options: if k % 2 == 1 {
                vec!["credit_card"]
            } else {
                Vec::new()
            },
            client: self.client_id_name(c),
            estimate: None,
            retainer: None,
            creator: self.user_ref(self.me()),
            line_items,
        }
    }

    fn recipient(&self, c: usize) -> Recipient {
        Recipient {
            name: "Billing Department".to_owned(),
            email: format!("billing@client{c}.example.com"),
        }
    }

    pub(crate) fn invoice_messages(&self, k: usize) -> Vec<InvoiceMessage> {
        let invoice_created = self
            .invoice_issue_date(k)
            .at_midnight()
            .plus_seconds(32_400);
        let me = self.me();
        (0..self.records)
            .map(|j| {
                let created = invoice_created.plus_seconds(SECONDS_PER_DAY * j as i64 + 600);
                let reminder = j % 3 == 2;
                InvoiceMessage {
                    id: INVOICE_MESSAGE_BASE_ID + (k * self.records + j) as u64,
                    sent_by: self.user_name(me),
                    sent_by_email: self.user_email(me),
                    sent_from: self.user_name(me),
                    sent_from_email: self.user_email(me),
                    include_link_to_client_invoice: false,
                    send_me_a_copy: j % 2 == 1,
                    thank_you: false,
                    reminder,
                    send_reminder_on: None,
                    created_at: created,
                    updated_at: created,
                    attach_pdf: true,
                    event_type: [None, Some("view"), None][j % 3],
                    recipients: vec![self.recipient(self.invoice_client(k))],
                    subject: if reminder {
                        format!(
                            "Past due invoice reminder: #{} from {COMPANY_NAME}",
                            self.invoice_number(k)
                        )
                    } else {
                        format!("Invoice #{} from {COMPANY_NAME}", self.invoice_number(k))
                    },
                    body: format!(
                        "Dear Customer,\r\n\r\nPlease find invoice {} attached.\r\n\r\nThank you!",
                        self.invoice_number(k)
                    ),
                }
            })
            .collect()
    }

    pub(crate) fn invoice_message_template(
        &self,
        k: usize,
        thank_you: bool,
        reminder: bool,
    ) -> InvoiceMessageTemplate {
        let number = self.invoice_number(k);
        let (subject, body) = if thank_you {
            (
                format!("Thank you for your payment of invoice #{number} from {COMPANY_NAME}"),
                format!("Dear Customer,\n\nThank you for paying invoice {number}.\n\nCheers,\n{COMPANY_NAME}\n"),
            )
        } else if reminder {
            (
                format!("Past due invoice reminder: #{number} from {COMPANY_NAME}"),
                format!("Dear Customer,\n\nThis is a friendly reminder that invoice {number} is past due.\n\nCheers,\n{COMPANY_NAME}\n"),
            )
        } else {
            (
                format!("Invoice #{number} from {COMPANY_NAME}"),
                format!("Dear Customer,\n\nPlease find invoice {number} attached.\n\nCheers,\n{COMPANY_NAME}\n"),
            )
        };
        InvoiceMessageTemplate {
            invoice_id: self.invoice_id(k),
            subject,
            body,
            reminder,
            thank_you,
        }
    }

    pub(crate) fn invoice_payments(&self, k: usize) -> Vec<InvoicePayment> {
        let invoice = self.invoice(k);
        let amount_cents = (invoice.amount * 100.0).round() as i64;
        let per_payment = amount_cents / self.records as i64;
        let me = self.me();
        (0..self.records)
            .map(|j| {
                let paid_date = invoice.issue_date.add_days(1 + j as i64);
                let created = paid_date.at_midnight().plus_seconds(50_000);
                InvoicePayment {
                    id: INVOICE_PAYMENT_BASE_ID + (k * self.records + j) as u64,
                    amount: money(per_payment),
                    paid_at: paid_date.at_midnight(),
                    paid_date,
                    recorded_by: self.user_name(me),
                    recorded_by_email: self.user_email(me),
                    notes: format!("Paid via check #{}", 4321 + j),
                    transaction_id: None,
                    created_at: created,
                    updated_at: created,
                    payment_gateway: (j % 2 == 0).then_some(PaymentGateway {
                        id: 1234,
                        name: "Linkpoint International",
                    }),
                }
            })
            .collect()
    }

    pub(crate) fn invoice_item_category_count(&self) -> usize {
        self.records
    }

    pub(crate) fn invoice_item_category(&self, k: usize) -> InvoiceItemCategory {
        let created = self.created_at(0x4949, k);
        InvoiceItemCategory {
            id: INVOICE_ITEM_CATEGORY_BASE_ID + k as u64,
            name: cycled_name(&ITEM_CATEGORY_NAMES, k),
            use_as_service: k % 2 == 0,
            use_as_expense: k % 2 == 1,
            created_at: created,
            updated_at: self.updated_at(0x4949, k, created),
        }
    }

    pub(crate) fn invoice_item_categories(&self) -> impl Iterator<Item = InvoiceItemCategory> + '_ {
        (0..self.invoice_item_category_count()).map(|k| self.invoice_item_category(k))
    }

    // --- estimates ----------------------------------------------------------

    pub(crate) fn estimate_count(&self) -> usize {
        self.records
    }

    pub(crate) fn estimate_client(&self, k: usize) -> usize {
        k % self.client_count()
    }

    fn estimate_issue_date(&self, k: usize) -> Date {
        anchor_date().add_days(-12 * k as i64 - 3)
    }

    pub(crate) fn estimate(&self, k: usize) -> Estimate {
        let c = self.estimate_client(k);
        let issue = self.estimate_issue_date(k);
        let state = ESTIMATE_STATES[k % ESTIMATE_STATES.len()];
        let created = issue.at_midnight().plus_seconds(36_000);
        let line_items: Vec<EstimateLineItem> = (0..1 + k % 2)
            .map(|j| {
                let quantity = 10 * (1 + (hash(0x454c, k * 2 + j) % 10) as i64);
                let unit_price = 100 + 50 * j as i64;
                EstimateLineItem {
                    id: ESTIMATE_LINE_ITEM_BASE_ID + (k * 2 + j) as u64,
                    kind: if j == 0 { "Service" } else { "Product" },
                    description: format!("Phase {} of {}", j + 1, self.client_name(c)),
                    quantity: quantity as f64,
                    unit_price: unit_price as f64,
                    amount: (quantity * unit_price) as f64,
                    taxed: false,
                    taxed2: false,
                }
            })
            .collect();
        let amount: f64 = line_items.iter().map(|item| item.amount).sum();
        let sent = state != "draft";
        Estimate {
            id: ESTIMATE_BASE_ID + k as u64,
            client_key: hex_key(0x454b, k, 40),
            number: (1001 + k).to_string(),
            purchase_order: String::new(),
            amount,
            tax: None,
            tax_amount: 0.0,
            tax2: None,
            tax2_amount: 0.0,
            discount: None,
            discount_amount: 0.0,
            subject: format!("Proposal for {}", self.client_name(c)),
            notes: String::new(),
            state,
            issue_date: issue,
            sent_at: sent.then(|| created.plus_seconds(600)),
            created_at: created,
            updated_at: created.plus_seconds(SECONDS_PER_DAY),
            accepted_at: (state == "accepted").then(|| created.plus_seconds(5 * SECONDS_PER_DAY)),
            declined_at: (state == "declined").then(|| created.plus_seconds(6 * SECONDS_PER_DAY)),
            currency: self.client_currency(c),
            client: self.client_id_name(c),
            creator: self.user_ref(self.me()),
            line_items,
        }
    }

    pub(crate) fn estimate_messages(&self, k: usize) -> Vec<EstimateMessage> {
        let created_base = self
            .estimate_issue_date(k)
            .at_midnight()
            .plus_seconds(36_600);
        let me = self.me();
        (0..self.records)
            .map(|j| {
                let created = created_base.plus_seconds(SECONDS_PER_DAY * j as i64);
                EstimateMessage {
                    id: ESTIMATE_MESSAGE_BASE_ID + (k * self.records + j) as u64,
                    sent_by: self.user_name(me),
                    sent_by_email: self.user_email(me),
                    sent_from: self.user_name(me),
                    sent_from_email: self.user_email(me),
                    send_me_a_copy: j % 2 == 0,
                    created_at: created,
                    updated_at: created,
                    recipients: vec![self.recipient(self.estimate_client(k))],
                    event_type: [None, Some("send"), Some("view")][j % 3],
                    subject: format!("Estimate #{} from {COMPANY_NAME}", 1001 + k),
                    body: format!(
                        "Estimate Summary\r\nEstimate ID: {}\r\n\r\nThank you!",
                        1001 + k
                    ),
                }
            })
            .collect()
    }

    pub(crate) fn estimate_item_category_count(&self) -> usize {
        self.records
    }

    pub(crate) fn estimate_item_category(&self, k: usize) -> EstimateItemCategory {
        let created = self.created_at(0x4549, k);
        EstimateItemCategory {
            id: ESTIMATE_ITEM_CATEGORY_BASE_ID + k as u64,
            name: cycled_name(&ITEM_CATEGORY_NAMES, k),
            created_at: created,
            updated_at: self.updated_at(0x4549, k, created),
        }
    }

    pub(crate) fn estimate_item_categories(
        &self,
    ) -> impl Iterator<Item = EstimateItemCategory> + '_ {
        (0..self.estimate_item_category_count()).map(|k| self.estimate_item_category(k))
    }

    // --- identity -----------------------------------------------------------

    pub(crate) fn account_id(&self) -> &str {
        &self.account_id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relations_are_consistent() {
        let data = Dataset::new(12, 500, "1");
        for i in 0..data.time_entry_count() {
            let core = data.entry_core(i);
            assert_eq!(data.project_client(core.project), core.client);
            assert_eq!(data.project_user(core.project, core.user_slot), core.user);
            assert_eq!(data.project_task(core.project, core.task_slot), core.task);
            assert_eq!(data.time_entry_index(core.id), Some(i));
            if i > 0 {
                assert!(data.entry_core(i - 1).spent_date >= core.spent_date);
            }
            if core.is_billed {
                assert_eq!(data.invoice_client(core.client), core.client);
            }
        }
    }

    #[test]
    fn invoices_and_roles_point_at_the_right_records() {
        for records in [1, 2, 5, 12, 23] {
            let data = Dataset::new(records, 10, "1");
            for k in 0..data.invoice_count() {
                let c = data.invoice_client(k);
                let expected: Vec<usize> = (0..data.project_count())
                    .filter(|&p| data.project_client(p) == c)
                    .take(2)
                    .collect();
                assert_eq!(
                    data.invoice_projects(k),
                    expected,
                    "records={records} invoice={k}"
                );
            }
            for k in 0..data.role_count() {
                let role = data.role(k);
                for u in 0..data.user_count() {
                    let has_role = data.user(u).roles.contains(&role.name);
                    assert_eq!(role.user_ids.contains(&data.user_id(u)), has_role);
                }
            }
        }
    }

    #[test]
    fn spent_date_range_is_exact() {
        let data = Dataset::new(4, 1000, "1");
        let from = anchor_date().add_days(-40);
        let to = anchor_date().add_days(-10);
        let range = data.time_entry_range(Some(from), Some(to));
        let scanned: Vec<usize> = (0..1000)
            .filter(|&i| {
                let d = data.entry_core(i).spent_date;
                d >= from && d <= to
            })
            .collect();
        assert_eq!(scanned.first().copied(), Some(range.start));
        assert_eq!(scanned.last().copied(), Some(range.end - 1));
        assert_eq!(scanned.len(), range.len());
        let future = anchor_date().add_days(5);
        assert!(data.time_entry_range(Some(future), None).is_empty());
    }

    #[test]
    fn tiny_accounts_stay_valid() {
        let data = Dataset::new(0, 10, "1");
        assert_eq!(data.records(), 1);
        for i in 0..10 {
            let entry = data.time_entry(i);
            assert_eq!(entry.project.id, data.project_id(0));
        }
        assert!(data.teammates(0).is_empty());
    }
}
