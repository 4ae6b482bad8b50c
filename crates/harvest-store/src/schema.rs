//! The store's tables, derived from the catalogue: one per entity that has a plain `list`
//! (a listing of every record, with no required parameter, that is not a report), one column
//! per top-level record field, and a `<name>_id` column for each nested `{id, ...}` object.

use std::collections::HashMap;

use harvest_core::catalog::{self, Entity, FieldKind, ResponseShape};

/// Where a column's value comes from in the record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// The top-level field of that name: scalars as they are, objects and lists as JSON text.
    Field,
    /// The `id` of the nested object named `object` (set from it as the row is written:
    /// cheaper than a generated column's `json_extract` for every index at every insert).
    NestedId { object: &'static str },
}

/// A JSON value's type, as SQLite's `json_type` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonType {
    Null,
    Bool,
    Integer,
    Real,
    Text,
    Array,
    Object,
}

#[derive(Debug, Clone)]
pub struct Column {
    pub name: String,
    pub field: &'static str,
    pub kind: FieldKind,
    pub source: Source,
}

impl Column {
    /// Indexed: a reference to another record, or a date a period is filtered by. Not the
    /// assignments a time entry or expense names (`user_assignment_id`): nobody asks by
    /// them, and every index costs each synced row its upkeep.
    pub fn is_indexed(&self) -> bool {
        self.name != "id"
            && !self.name.ends_with("_assignment_id")
            && (self.name.ends_with("_id")
                || matches!(self.name.as_str(), "spent_date" | "issue_date"))
    }

    pub fn sql_type(&self) -> &'static str {
        match (self.source, self.kind) {
            (Source::NestedId { .. }, _) => "INTEGER",
            (_, FieldKind::Integer | FieldKind::Bool) => "INTEGER",
            (_, FieldKind::Number) => "REAL",
            (_, FieldKind::Text | FieldKind::Object | FieldKind::List) => "TEXT",
            (_, FieldKind::Any) => "",
        }
    }

    /// Whether a value of type `ty` is kept in this column as it is. The set is chosen so
    /// that the column's affinity never converts a value (an INTEGER column would turn `2.0`
    /// into `2`, a TEXT one `5` into `'5'`): a value of another type goes, as its JSON, to
    /// the row's `_extra` object, so every record reads back exactly as Harvest sent it.
    pub fn holds(&self, ty: JsonType) -> bool {
        use JsonType as J;
        ty == J::Null
            || match self.kind {
                FieldKind::Integer => ty == J::Integer,
                FieldKind::Number => ty == J::Real,
                FieldKind::Text => ty == J::Text,
                FieldKind::Bool => ty == J::Bool,
                FieldKind::Object => ty == J::Object,
                FieldKind::List => ty == J::Array,
                FieldKind::Any => matches!(ty, J::Integer | J::Real | J::Text),
            }
    }

    /// Whether the column holds JSON text (an object or a list).
    pub fn is_json(&self) -> bool {
        matches!(self.kind, FieldKind::Object | FieldKind::List) && self.source == Source::Field
    }

    /// SQL for the `json_type` name of the (non-null) value of this column, `sql` naming it.
    pub fn json_type_sql(&self, sql: &str) -> String {
        match self.kind {
            FieldKind::Integer => "'integer'".to_string(),
            FieldKind::Number => "'real'".to_string(),
            FieldKind::Text => "'text'".to_string(),
            FieldKind::Bool => format!("(CASE WHEN {sql} THEN 'true' ELSE 'false' END)"),
            FieldKind::Object => "'object'".to_string(),
            FieldKind::List => "'array'".to_string(),
            FieldKind::Any => format!("typeof({sql})"),
        }
    }

    /// What the column holds, for `entity_schema()`.
    pub fn describe(&self) -> String {
        match self.source {
            Source::NestedId { object } => format!("integer: {object}.id"),
            Source::Field => match self.kind {
                FieldKind::Object | FieldKind::List => {
                    format!("{} as JSON text", self.kind.as_str())
                }
                FieldKind::Bool => "boolean as 0/1".to_string(),
                kind => kind.as_str().to_string(),
            },
        }
    }
}

/// A text path the word index covers for `fuzzy` and `keyword`.
#[derive(Debug, Clone)]
pub struct TextPath {
    /// The field as a query names it (`notes`, `client.name`).
    pub path: &'static str,
    /// The top-level column it is in.
    pub column: usize,
}

#[derive(Debug)]
pub struct Table {
    pub entity: &'static Entity,
    pub record_key: &'static str,
    /// Whether the listing takes `updated_since` (an incremental pull); otherwise every
    /// sync is a full one.
    pub incremental: bool,
    /// In the catalogue's order: the record's top-level fields, then the `<name>_id` columns.
    pub columns: Vec<Column>,
    /// The record's own fields, by position in `columns`.
    pub stored: Vec<usize>,
    /// The `<name>_id` columns, by position in `columns`.
    pub ids: Vec<usize>,
    /// The text fields (and lists) of the record whose words the word index holds.
    pub text_paths: Vec<TextPath>,
    by_field: HashMap<&'static str, usize>,
}

impl Table {
    pub fn name(&self) -> &'static str {
        self.entity.name
    }

    /// The table rows live in; SQL reads the view named after the entity.
    pub fn data_table(&self) -> String {
        format!("_t_{}", self.entity.name)
    }

    /// The word index of `fuzzy` and `keyword` (a contentless FTS5 table), if any text path.
    pub fn words_table(&self) -> Option<String> {
        (!self.text_paths.is_empty()).then(|| format!("_w_{}", self.entity.name))
    }

    /// The column of top-level field `field` (not a `<name>_id` one).
    pub fn column_of(&self, field: &str) -> Option<usize> {
        self.by_field.get(field).copied()
    }

    /// The word index's number for `path`, if it covers it.
    pub fn text_path(&self, path: &str) -> Option<usize> {
        self.text_paths.iter().position(|t| t.path == path)
    }
}

/// Why `entity` has no table (None: it has one).
pub fn unsupported(entity: &Entity) -> Option<String> {
    let Some(list) = entity.action("list") else {
        return Some("it has no list action to sync from; use get".to_string());
    };
    if list.is_report() {
        return Some(
            "reports are computed by Harvest for a date range (from/to) and are not stored; \
             call list with from and to, or aggregate time_entries/expenses with \
             context_store_sql_query"
                .to_string(),
        );
    }
    if list.param("limit").is_none() {
        return Some(
            "its listing is one unpaged answer (not the account's records); call list".to_string(),
        );
    }
    if let Some(required) = list.params.iter().find(|p| p.required) {
        return Some(format!(
            "its listing needs {} (it is a sub-resource of one record), so there is no full \
             listing to sync; call list with {}",
            required.name, required.name
        ));
    }
    if !catalog::record_fields(entity.name)
        .iter()
        .any(|f| f.path == "id")
    {
        return Some("its records have no id to keep them by".to_string());
    }
    None
}

fn build(entity: &'static Entity) -> Option<Table> {
    if unsupported(entity).is_some() {
        return None;
    }
    let list = entity.action("list")?;
    let ResponseShape::List { record_key, .. } = list.response else {
        return None;
    };
    let fields = catalog::record_fields(entity.name);
    let mut columns: Vec<Column> = fields
        .iter()
        .filter(|f| !f.path.contains('.'))
        .map(|f| Column {
            name: f.path.to_string(),
            field: f.path,
            kind: f.kind,
            source: Source::Field,
        })
        .collect();
    // Top-level objects only: a path inside a list (`line_items.project`) has no one id.
    for field in fields
        .iter()
        .filter(|f| f.kind == FieldKind::Object && !f.path.contains('.'))
    {
        let has_id = fields
            .iter()
            .any(|f| f.path.strip_prefix(field.path) == Some(".id"));
        let name = format!("{}_id", field.path);
        if has_id && !columns.iter().any(|c| c.name == name) {
            columns.push(Column {
                name,
                field: field.path,
                kind: FieldKind::Integer,
                source: Source::NestedId { object: field.path },
            });
        }
    }
    let stored: Vec<usize> = (0..columns.len())
        .filter(|&i| columns[i].source == Source::Field)
        .collect();
    let ids: Vec<usize> = (0..columns.len())
        .filter(|&i| columns[i].source != Source::Field)
        .collect();
    let by_field = stored.iter().map(|&i| (columns[i].field, i)).collect();
    // Words are indexed for text fields (and lists of text, such as `roles`), top-level or
    // inside a nested object: what `fuzzy` and `keyword` are asked about.
    let text_paths = fields
        .iter()
        .filter_map(|f| {
            let head = f.path.split('.').next()?;
            let column = stored.iter().copied().find(|&i| columns[i].field == head)?;
            let fits = match (f.path.contains('.'), f.kind) {
                (false, FieldKind::Text | FieldKind::List) => true,
                (true, FieldKind::Text) => columns[column].kind == FieldKind::Object,
                _ => false,
            };
            (fits && !f.path.ends_with("_at")).then_some(TextPath {
                path: f.path,
                column,
            })
        })
        .collect();
    Some(Table {
        entity,
        record_key,
        incremental: list.param("updated_since").is_some(),
        columns,
        stored,
        ids,
        text_paths,
        by_field,
    })
}

/// Every table, in the catalogue's entity order.
pub fn tables() -> &'static [Table] {
    static TABLES: std::sync::OnceLock<Vec<Table>> = std::sync::OnceLock::new();
    TABLES.get_or_init(|| catalog::ENTITIES.iter().filter_map(build).collect())
}

pub fn table(name: &str) -> Option<&'static Table> {
    tables().iter().find(|t| t.name() == name)
}

/// `"name"` quoted as an SQL identifier.
pub fn quote(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// The indexes of an entity's table of rows: (name, quoted; `CREATE INDEX IF NOT EXISTS`).
pub fn indexes(table: &Table) -> Vec<(String, String)> {
    let data = quote(&table.data_table());
    let index = |name: String, column: &str| {
        let name = quote(&name);
        let create = format!(
            "CREATE INDEX IF NOT EXISTS {name} ON {data} ({});",
            quote(column)
        );
        (name, create)
    };
    let mut out = vec![index(format!("{}__pos", table.data_table()), "_pos")];
    // What SQL over these tables filters and groups by: the references (`user_id`,
    // `project_id`, ...) and the dates a period is asked for ("hours per user last week").
    for column in table.columns.iter().filter(|c| c.is_indexed()) {
        out.push(index(
            format!("{}_{}", table.name(), column.name),
            &column.name,
        ));
    }
    out
}

/// The DDL of one entity: its table of rows, their indexes, the word index and the view SQL
/// reads (the record's columns and `_extra`, without the store's own bookkeeping).
pub fn create_table(table: &Table) -> String {
    let data = quote(&table.data_table());
    let mut columns: Vec<String> = table
        .columns
        .iter()
        .map(|c| {
            let name = quote(&c.name);
            match c.source {
                Source::Field if c.name == "id" => format!("{name} INTEGER PRIMARY KEY"),
                Source::Field => format!("{name} {}", c.sql_type()).trim_end().to_string(),
                Source::NestedId { .. } => format!("{name} INTEGER"),
            }
        })
        .collect();
    // `_pos`: the record's place in Harvest's listing (a search's order when it sorts by
    // nothing else); `_hash`: of the record as received, to tell a changed record from one
    // sent again; `_extra`: fields that have no column or a value of another type than the
    // column's, and `_absent`: catalogue fields the record did not have.
    columns.extend(
        [
            "\"_pos\" REAL NOT NULL",
            "\"_hash\" INTEGER NOT NULL",
            "\"_extra\" TEXT",
            "\"_absent\" TEXT",
        ]
        .map(String::from),
    );
    let mut ddl = format!(
        "CREATE TABLE IF NOT EXISTS {data} ({});",
        columns.join(", ")
    );
    for (_, create) in indexes(table) {
        ddl.push('\n');
        ddl.push_str(&create);
    }
    if let Some(words) = table.words_table() {
        // Contentless (the words are not stored twice), no positions (a query asks for whole
        // words, each one token), rows deletable (a changed record's words are replaced).
        ddl.push_str(&format!(
            "\nCREATE VIRTUAL TABLE IF NOT EXISTS {} USING fts5(w, content='', contentless_delete=1, detail=none, tokenize=\"ascii tokenchars '_'\");",
            quote(&words)
        ));
    }
    let public: Vec<String> = table
        .columns
        .iter()
        .map(|c| quote(&c.name))
        .chain(["\"_extra\"".to_string()])
        .collect();
    ddl.push_str(&format!(
        "\nCREATE VIEW IF NOT EXISTS {} AS SELECT {} FROM {data};",
        quote(table.name()),
        public.join(", ")
    ));
    ddl
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_come_from_the_catalogue() {
        let names: Vec<&str> = tables().iter().map(|t| t.name()).collect();
        for expected in [
            "users",
            "clients",
            "projects",
            "tasks",
            "time_entries",
            "invoices",
        ] {
            assert!(names.contains(&expected), "{expected} in {names:?}");
        }
        assert!(!names.contains(&"time_clients"), "reports are not stored");
        assert!(!names.contains(&"company"), "no list action");
        assert!(
            !names.contains(&"accounts"),
            "not paged, not the account's records"
        );
        let time_entries = table("time_entries").unwrap();
        let columns: Vec<&str> = time_entries
            .columns
            .iter()
            .map(|c| c.name.as_str())
            .collect();
        for expected in [
            "id",
            "hours",
            "spent_date",
            "user",
            "user_id",
            "project_id",
            "client_id",
        ] {
            assert!(columns.contains(&expected), "{expected} in {columns:?}");
        }
        assert!(time_entries.incremental);
        let ddl = create_table(time_entries);
        assert!(ddl.starts_with("CREATE TABLE IF NOT EXISTS \"_t_time_entries\" ("));
        assert!(ddl.contains("CREATE VIEW IF NOT EXISTS \"time_entries\" AS SELECT"));
        let paths: Vec<&str> = time_entries.text_paths.iter().map(|t| t.path).collect();
        for expected in ["notes", "client.name", "project.name", "user.name"] {
            assert!(paths.contains(&expected), "{expected} in {paths:?}");
        }
        assert!(!paths.contains(&"created_at") && !paths.contains(&"hours"));
    }

    #[test]
    fn unsupported_entities_say_why() {
        let reason = unsupported(catalog::entity("time_projects").unwrap()).unwrap();
        assert!(reason.contains("reports"), "{reason}");
        let reason = unsupported(catalog::entity("invoice_messages").unwrap()).unwrap();
        assert!(reason.contains("invoice_id"), "{reason}");
    }
}
