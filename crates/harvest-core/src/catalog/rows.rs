//! The row types of the catalogue (one place for all of them) and the macros that write the
//! common row shapes. The areas (`time.rs`, `projects_people.rs`, ...) hold the rows
//! themselves; `mod.rs` puts them in their public order.

/// HTTP method of an action. Writes are rows like reads: the request pipeline sends a JSON body
/// (multipart when a file is attached) for their `Location::Body` parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    Get,
    Post,
    Patch,
    Delete,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }

    /// Safe to retry after a transient failure without risking a duplicate side effect.
    pub fn is_idempotent(self) -> bool {
        matches!(self, Method::Get | Method::Delete)
    }

    /// Changes something in Harvest (every method but `GET`).
    pub fn is_write(self) -> bool {
        self != Method::Get
    }
}

/// Which server an action talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Host {
    /// `base_url` (`https://api.harvestapp.com/v2`), with `Harvest-Account-Id`.
    Api,
    /// `id_url` (`https://id.getharvest.com`): account discovery, no account id needed.
    Id,
}

impl Host {
    pub fn as_str(self) -> &'static str {
        match self {
            Host::Api => "api",
            Host::Id => "id",
        }
    }
}

/// Where a parameter travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Location {
    Path,
    Query,
    /// JSON body member, for write actions.
    Body,
    /// Read by the connector itself to drive pagination (`cursor`, `limit`); never sent as is.
    Paging,
}

impl Location {
    pub fn as_str(self) -> &'static str {
        match self {
            Location::Path => "path",
            Location::Query => "query",
            Location::Body => "body",
            Location::Paging => "paging",
        }
    }
}

/// The most records one call may collect with `limit`.
pub const MAX_LIMIT: i64 = 100_000;
/// Harvest's page size ceiling (and default, except `GET /invoices`).
pub const MAX_PER_PAGE: i64 = 2000;
/// Highest `page` accepted (a cursor's page number has at most 9 digits too).
pub const MAX_PAGE: i64 = 999_999_999;
/// Harvest refuses report periods longer than this (`to` minus `from`, in days).
pub const MAX_REPORT_DAYS: i64 = 365;

/// The accepted type of a parameter, with its range or format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamType {
    /// A Harvest record id: a positive 64-bit integer, or a string of ASCII digits.
    Id,
    /// An integer within an inclusive range.
    Integer { min: i64, max: i64 },
    /// `true` or `false` (a JSON boolean); sent as `true`/`false`.
    Bool,
    /// One of these strings (matched ignoring ASCII case, sent as listed).
    Enum(&'static [&'static str]),
    /// A calendar date `YYYY-MM-DD` (Python: also `datetime.date`); sent as is.
    Date,
    /// A report date: `YYYY-MM-DD` or `YYYYMMDD` (Python: also `datetime.date`); sent as
    /// `YYYYMMDD`.
    ReportDate,
    /// An ISO-8601 date-time with a zone (`Z` or `±HH:MM`) (Python: also `datetime.datetime`,
    /// naive meaning UTC); sent in UTC as `YYYY-MM-DDTHH:MM:SSZ`.
    DateTime,
    /// Free text of 1 to `max_len` characters, without control characters.
    Text { max_len: usize },
    /// Text of up to `max_len` characters that may span lines (notes, addresses); empty clears.
    Multiline { max_len: usize },
    /// A decimal number: a JSON number or a string like `"12.50"` (Python: also
    /// `decimal.Decimal`); sent as a JSON number. `non_negative` refuses values below zero.
    Decimal { non_negative: bool },
    /// A time of day, `8:00am`, `8:00 pm` or `17:30`; sent as Harvest writes it (`5:30pm`).
    TimeOfDay,
    /// An email address (`name@example.com`).
    Email,
    /// An ISO 4217 currency code (`USD`, `eur`); sent in upper case.
    Currency,
    /// A list of values of one type (ids, enum values, labels); empty is a value (it clears).
    List(&'static ParamType),
    /// A mapping with these fields (an external reference, an import request).
    Object(&'static [Param]),
    /// A list of mappings of one shape (line items, recipients).
    Items(&'static ItemShape),
    /// A file to upload with `multipart/form-data`: a path (Python: also `os.PathLike`,
    /// `bytes`, or `(filename, bytes)`).
    File,
    /// `meta.next_cursor` of an earlier call of the same entity and action.
    Cursor,
    /// How many records to collect across pages, 1..=`MAX_LIMIT`.
    Limit,
}

impl ParamType {
    /// JSON-schema type name.
    pub fn json_type(self) -> &'static str {
        match self {
            ParamType::Id | ParamType::Integer { .. } | ParamType::Limit => "integer",
            ParamType::Bool => "boolean",
            ParamType::Decimal { .. } => "number",
            ParamType::List(_) | ParamType::Items(_) => "array",
            ParamType::Object(_) => "object",
            ParamType::Enum(_)
            | ParamType::Date
            | ParamType::ReportDate
            | ParamType::DateTime
            | ParamType::Text { .. }
            | ParamType::Multiline { .. }
            | ParamType::TimeOfDay
            | ParamType::Email
            | ParamType::Currency
            | ParamType::File
            | ParamType::Cursor => "string",
        }
    }

    /// A stable machine name of the type (the generators of types and docs key on it).
    pub fn kind(self) -> &'static str {
        match self {
            ParamType::Id => "id",
            ParamType::Integer { .. } => "integer",
            ParamType::Bool => "boolean",
            ParamType::Enum(_) => "enum",
            ParamType::Date => "date",
            ParamType::ReportDate => "report_date",
            ParamType::DateTime => "datetime",
            ParamType::Text { .. } => "text",
            ParamType::Multiline { .. } => "multiline",
            ParamType::Decimal { .. } => "decimal",
            ParamType::TimeOfDay => "time",
            ParamType::Email => "email",
            ParamType::Currency => "currency",
            ParamType::List(_) => "list",
            ParamType::Object(_) => "object",
            ParamType::Items(_) => "items",
            ParamType::File => "file",
            ParamType::Cursor => "cursor",
            ParamType::Limit => "limit",
        }
    }

    /// Inclusive numeric range, for the integer types.
    pub fn range(self) -> Option<(i64, i64)> {
        match self {
            ParamType::Id => Some((1, i64::MAX)),
            ParamType::Integer { min, max } => Some((min, max)),
            ParamType::Limit => Some((1, MAX_LIMIT)),
            _ => None,
        }
    }

    /// Short human (and LLM) readable description of what is accepted.
    pub fn describe(self) -> String {
        match self {
            ParamType::Id => "positive integer id".to_string(),
            ParamType::Integer { min, max } => format!("integer {min}..{max}"),
            ParamType::Bool => "boolean true or false".to_string(),
            ParamType::Enum(values) => format!("one of {}", values.join(", ")),
            ParamType::Date => "date YYYY-MM-DD".to_string(),
            ParamType::ReportDate => "date YYYY-MM-DD or YYYYMMDD".to_string(),
            ParamType::DateTime => {
                "ISO-8601 date-time with zone, e.g. 2024-01-31T09:00:00Z".to_string()
            }
            ParamType::Text { max_len } => format!("text of 1..{max_len} characters"),
            ParamType::Multiline { max_len } => {
                format!("text of up to {max_len} characters, new lines allowed")
            }
            ParamType::Decimal { non_negative: true } => {
                "decimal number of 0 or more, e.g. 1.5".to_string()
            }
            ParamType::Decimal {
                non_negative: false,
            } => "decimal number, e.g. 10.0".to_string(),
            ParamType::TimeOfDay => "time of day like 8:00am, 5:30pm or 17:30".to_string(),
            ParamType::Email => "email address".to_string(),
            ParamType::Currency => "ISO 4217 currency code, e.g. USD".to_string(),
            ParamType::List(item) => format!("list of {}", item.describe()),
            ParamType::Object(fields) => format!("mapping with {}", field_list(fields)),
            ParamType::Items(shape) => {
                let mut text = format!("list of mappings with {}", field_list(shape.fields));
                if shape.updates_by_id {
                    text.push_str(
                        " (with id: changes that item, and {id, _destroy: true} removes it; \
                         without id: a new item)",
                    );
                }
                text
            }
            ParamType::File => "file path (or bytes)".to_string(),
            ParamType::Cursor => "meta.next_cursor of an earlier call".to_string(),
            ParamType::Limit => format!("integer 1..{MAX_LIMIT}"),
        }
    }
}

/// `kind*, description, quantity`: the fields of a nested shape, `*` marking required ones.
fn field_list(fields: &[Param]) -> String {
    fields
        .iter()
        .map(|f| format!("{}{}", f.name, if f.required { "*" } else { "" }))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The shape of the mappings of an `Items` list.
#[derive(Debug, PartialEq, Eq)]
pub struct ItemShape {
    pub fields: &'static [Param],
    /// Harvest's nested-attributes convention (invoice and estimate line items on update): an
    /// item with `id` changes that item (its required fields may be left out), `{id,
    /// _destroy: true}` removes it, an item without `id` is new.
    pub updates_by_id: bool,
}

#[derive(Debug, PartialEq, Eq)]
pub struct Param {
    /// Name as the caller passes it (and as Harvest receives it).
    pub name: &'static str,
    /// Other keys accepted for the same parameter (`from_` for `from`, since `from` is a
    /// Python keyword).
    pub aliases: &'static [&'static str],
    pub location: Location,
    pub ty: ParamType,
    pub required: bool,
    pub description: &'static str,
}

/// How a list endpoint paginates (harvest-api.md §3.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paging {
    /// `page=N`: later pages can be fetched concurrently.
    Pages,
    /// Opaque cursors in `links.next`: pages come one after another.
    Cursor,
    /// A single response, no pagination.
    Single,
}

impl Paging {
    pub fn as_str(self) -> &'static str {
        match self {
            Paging::Pages => "pages",
            Paging::Cursor => "cursor",
            Paging::Single => "single",
        }
    }
}

/// What a successful response holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResponseShape {
    /// Harvest's list envelope (or another object holding an array); records under
    /// `record_key`.
    List {
        record_key: &'static str,
        paging: Paging,
    },
    /// A single JSON object, returned as is.
    Object,
}

/// A rule across several parameters of one action, checked before anything is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// Parameters from two of these groups cannot be combined (`paid_at` or `paid_date`).
    Exclusive(&'static [&'static [&'static str]]),
    /// At least one of these must be given (a `false` boolean or an empty list does not count).
    AnyOf(&'static [&'static str]),
    /// Time logged by duration (`duration`) or by start and end times (`timestamps`): never
    /// both, and only the form the account uses (`company.wants_timestamp_timers`), which the
    /// client looks up once before the first such write.
    TimeForm {
        duration: &'static str,
        timestamps: &'static [&'static str],
    },
}

#[derive(Debug)]
pub struct Action {
    pub name: &'static str,
    pub method: Method,
    pub host: Host,
    /// Path below the host's root, with `{name}` placeholders for path parameters.
    pub path: &'static str,
    pub params: &'static [Param],
    pub response: ResponseShape,
    /// The success status Harvest answers with (200 for reads and updates, 201 for creates).
    pub expected_status: u16,
    pub description: &'static str,
    /// Body members every request of this action carries (a state change's `event_type`).
    pub fixed_body: &'static [(&'static str, &'static str)],
    pub rules: &'static [Rule],
}

impl Action {
    pub fn param(&self, key: &str) -> Option<&'static Param> {
        self.params
            .iter()
            .find(|p| p.name == key || p.aliases.contains(&key))
    }

    /// The endpoint is under `/reports/`, which Harvest rate-limits separately.
    pub fn is_report(&self) -> bool {
        self.host == Host::Api && self.path.starts_with("/reports/")
    }

    /// Whether the caller can send body members (a `PATCH` with none has nothing to change).
    pub fn takes_body(&self) -> bool {
        self.params.iter().any(|p| p.location == Location::Body)
    }

    /// Pagination style, for list actions.
    pub fn paging(&self) -> Option<Paging> {
        match self.response {
            ResponseShape::List { paging, .. } => Some(paging),
            ResponseShape::Object => None,
        }
    }
}

#[derive(Debug)]
pub struct Entity {
    pub name: &'static str,
    pub description: &'static str,
    pub actions: &'static [Action],
}

impl Entity {
    pub fn action(&self, name: &str) -> Option<&'static Action> {
        self.actions.iter().find(|a| a.name == name)
    }

    pub fn action_names(&self) -> Vec<&'static str> {
        self.actions.iter().map(|a| a.name).collect()
    }
}

// ---------------------------------------------------------------------------
// Row shapes

macro_rules! param {
    ($name:literal, $location:ident, $ty:expr, $required:literal, $description:literal) => {
        Param {
            name: $name,
            aliases: &[],
            location: Location::$location,
            ty: $ty,
            required: $required,
            description: $description,
        }
    };
}

/// A paginated `GET` list; `per_page`, `cursor` and `limit` are appended to its parameters, and
/// `page` to a page-numbered one.
macro_rules! list {
    ($name:literal, $path:literal, $key:literal, Pages, [$($param:expr),* $(,)?], $description:expr) => {
        Action {
            name: $name,
            method: Method::Get,
            host: Host::Api,
            path: $path,
            params: &[$($param,)* $crate::catalog::common::PER_PAGE, $crate::catalog::common::PAGE, $crate::catalog::common::CURSOR, $crate::catalog::common::LIMIT],
            response: ResponseShape::List {
                record_key: $key,
                paging: Paging::Pages,
            },
            expected_status: 200,
            description: $description,
            fixed_body: &[],
            rules: &[],
        }
    };
    ($name:literal, $path:literal, $key:literal, $paging:ident, [$($param:expr),* $(,)?], $description:expr) => {
        Action {
            name: $name,
            method: Method::Get,
            host: Host::Api,
            path: $path,
            params: &[$($param,)* $crate::catalog::common::PER_PAGE, $crate::catalog::common::CURSOR, $crate::catalog::common::LIMIT],
            response: ResponseShape::List {
                record_key: $key,
                paging: Paging::$paging,
            },
            expected_status: 200,
            description: $description,
            fixed_body: &[],
            rules: &[],
        }
    };
}

/// A `GET` of one object.
macro_rules! get {
    ($name:literal, $path:literal, [$($param:expr),* $(,)?], $description:expr) => {
        Action {
            name: $name,
            method: Method::Get,
            host: Host::Api,
            path: $path,
            params: &[$($param),*],
            response: ResponseShape::Object,
            expected_status: 200,
            description: $description,
            fixed_body: &[],
            rules: &[],
        }
    };
}

/// A write of one record: Harvest answers with the record (an empty body for `DELETE`).
/// Rules and fixed body members are added with struct update syntax
/// (`Action { rules: &[...], ..write!(...) }`).
macro_rules! write {
    ($name:literal, $method:ident, $status:literal, $path:literal, [$($param:expr),* $(,)?], $description:expr) => {
        Action {
            name: $name,
            method: Method::$method,
            host: Host::Api,
            path: $path,
            params: &[$($param),*],
            response: ResponseShape::Object,
            expected_status: $status,
            description: $description,
            fixed_body: &[],
            rules: &[],
        }
    };
}

/// `POST` a new record (201 with the record).
macro_rules! create {
    ($path:literal, [$($param:expr),* $(,)?], $description:expr) => {
        write!("create", Post, 201, $path, [$($param),*], $description)
    };
}

/// `PATCH` a record (200 with the record); refused before sending when nothing would change.
macro_rules! update {
    ($path:literal, [$($param:expr),* $(,)?], $description:expr) => {
        write!("update", Patch, 200, $path, [$($param),*], $description)
    };
}

/// `DELETE` a record (200, empty body).
macro_rules! delete {
    ($path:literal, [$($param:expr),* $(,)?], $description:expr) => {
        write!("delete", Delete, 200, $path, [$($param),*], $description)
    };
}

/// A body member of a write: `body!("name", Text { max_len: 255 }, required, "...")`.
macro_rules! body {
    ($name:literal, $ty:expr, required, $description:literal) => {
        param!($name, Body, $ty, true, $description)
    };
    ($name:literal, $ty:expr, $description:literal) => {
        param!($name, Body, $ty, false, $description)
    };
}

/// A `/reports/...` entity: one `list` action.
macro_rules! report {
    ($name:literal, $path:literal, [$($param:expr),* $(,)?], $description:literal) => {
        Entity {
            name: $name,
            description: $description,
            actions: &[list!("list", $path, "results", Pages, [$($param),*], $description)],
        }
    };
}
