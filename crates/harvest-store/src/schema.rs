//! The store's tables, derived from the catalogue: one per entity that has a plain `list`
//! (a listing of every record, with no required parameter, that is not a report), one column
//! per top-level record field, and a `<name>_id` column for each nested `{id, ...}` object.

use harvest_core::catalog::{self, Entity, FieldKind, ResponseShape};

/// Where a column's value comes from in the record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// The top-level field of that name: scalars as they are, objects and lists as JSON text.
    Field,
    /// The `id` of the nested object named `object`.
    NestedId { object: &'static str },
}

#[derive(Debug, Clone)]
pub struct Column {
    pub name: String,
    pub field: &'static str,
    pub kind: FieldKind,
    pub source: Source,
}

impl Column {
    /// Indexed: a reference to another record, or a date a period is filtered by.
    pub fn is_indexed(&self) -> bool {
        self.name != "id"
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

#[derive(Debug)]
pub struct Table {
    pub entity: &'static Entity,
    pub record_key: &'static str,
    /// Whether the listing takes `updated_since` (an incremental pull); otherwise every
    /// sync is a full one.
    pub incremental: bool,
    pub columns: Vec<Column>,
}

impl Table {
    pub fn name(&self) -> &'static str {
        self.entity.name
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
    for field in fields.iter().filter(|f| f.kind == FieldKind::Object) {
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
    Some(Table {
        entity,
        record_key,
        incremental: list.param("updated_since").is_some(),
        columns,
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

/// The DDL of one entity table.
pub fn create_table(table: &Table) -> String {
    let columns: Vec<String> = table
        .columns
        .iter()
        .map(|c| {
            let ty = c.sql_type();
            let key = if c.name == "id" { " PRIMARY KEY" } else { "" };
            format!("{} {ty}{key}", quote(&c.name)).replace("  ", " ")
        })
        .collect();
    let mut ddl = format!(
        "CREATE TABLE IF NOT EXISTS {} ({});",
        quote(table.name()),
        columns.join(", ")
    );
    // What SQL over these tables filters and groups by: the references (`user_id`,
    // `project_id`, ...) and the dates a period is asked for ("hours per user last week").
    for column in table.columns.iter().filter(|c| c.is_indexed()) {
        ddl.push_str(&format!(
            "\nCREATE INDEX IF NOT EXISTS {} ON {} ({});",
            quote(&format!("{}_{}", table.name(), column.name)),
            quote(table.name()),
            quote(&column.name)
        ));
    }
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
        assert!(
            create_table(time_entries).starts_with("CREATE TABLE IF NOT EXISTS \"time_entries\" (")
        );
    }

    #[test]
    fn unsupported_entities_say_why() {
        let reason = unsupported(catalog::entity("time_projects").unwrap()).unwrap();
        assert!(reason.contains("reports"), "{reason}");
        let reason = unsupported(catalog::entity("invoice_messages").unwrap()).unwrap();
        assert!(reason.contains("invoice_id"), "{reason}");
    }
}
