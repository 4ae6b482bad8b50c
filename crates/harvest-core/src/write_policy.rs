//! Which writes a connector may send (`allow_writes`): none by default, all, or a named set of
//! entities and `entity.action`s, checked against the catalogue when the connector is made.

use crate::catalog::{self, Entity};
use crate::error::{Error, Result};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum WritePolicy {
    /// Reads only: every write is refused before anything is sent.
    #[default]
    Disabled,
    All,
    /// These entities (every write of each) and these `(entity, action)`s.
    Only {
        entities: Vec<&'static str>,
        actions: Vec<(&'static str, &'static str)>,
    },
}

fn has_writes(entity: &Entity) -> bool {
    entity.actions.iter().any(|a| a.method.is_write())
}

fn write_actions(entity: &Entity) -> Vec<&'static str> {
    entity
        .actions
        .iter()
        .filter(|a| a.method.is_write())
        .map(|a| a.name)
        .collect()
}

impl WritePolicy {
    /// From `allow_writes` names: `"time_entries"` or `"time_entries.create"`. A name that is
    /// not an entity with writes, or not a write action of its entity, is refused with the
    /// accepted names.
    pub fn from_names<S: AsRef<str>>(names: &[S]) -> Result<Self> {
        let mut entities = Vec::new();
        let mut actions = Vec::new();
        for name in names {
            let name = name.as_ref();
            let refuse = |reason: String| Error::Config {
                field: "allow_writes",
                reason,
            };
            let (entity_name, action_name) = match name.split_once('.') {
                Some((entity, action)) => (entity, Some(action)),
                None => (name, None),
            };
            let entity = catalog::entity(entity_name)
                .filter(|e| has_writes(e))
                .ok_or_else(|| {
                    refuse(format!(
                        "{:?} is not an entity with writes; accepted: {} (or \"<entity>.<action>\")",
                        crate::values::truncate(name, 64),
                        catalog::ENTITIES
                            .iter()
                            .filter(|e| has_writes(e))
                            .map(|e| e.name)
                            .collect::<Vec<_>>()
                            .join(", ")
                    ))
                })?;
            match action_name {
                None => entities.push(entity.name),
                Some(action_name) => {
                    let action = entity
                        .action(action_name)
                        .filter(|a| a.method.is_write())
                        .ok_or_else(|| {
                            refuse(format!(
                                "{:?} is not a write of {}; its writes are {}",
                                crate::values::truncate(name, 64),
                                entity.name,
                                write_actions(entity)
                                    .iter()
                                    .map(|a| format!("{}.{a}", entity.name))
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            ))
                        })?;
                    actions.push((entity.name, action.name));
                }
            }
        }
        Ok(WritePolicy::Only { entities, actions })
    }

    pub fn allows(&self, entity: &str, action: &str) -> bool {
        match self {
            WritePolicy::Disabled => false,
            WritePolicy::All => true,
            WritePolicy::Only { entities, actions } => {
                entities.contains(&entity) || actions.contains(&(entity, action))
            }
        }
    }

    /// `clients, time_entries.create`: what is enabled, for messages and the tool description.
    pub fn enabled(&self) -> Vec<String> {
        match self {
            WritePolicy::Disabled => Vec::new(),
            WritePolicy::All => vec!["all".to_string()],
            WritePolicy::Only { entities, actions } => entities
                .iter()
                .map(|e| e.to_string())
                .chain(actions.iter().map(|(e, a)| format!("{e}.{a}")))
                .collect(),
        }
    }

    /// Refuse a write this policy does not allow (reads always pass; unknown names pass too,
    /// for the request builder to name them).
    pub fn check(&self, entity: &str, action: &str) -> Result<()> {
        let Some(found) = catalog::entity(entity).and_then(|e| Some((e, e.action(action)?))) else {
            return Ok(());
        };
        let (entity, action) = found;
        if !action.method.is_write() || self.allows(entity.name, action.name) {
            return Ok(());
        }
        Err(Error::WritesDisabled {
            entity: entity.name,
            action: action.name,
            enabled: self.enabled(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_checked_against_the_catalogue() {
        let policy = WritePolicy::from_names(&["time_entries", "clients.create"]).unwrap();
        assert!(policy.allows("time_entries", "stop"));
        assert!(policy.allows("clients", "create"));
        assert!(!policy.allows("clients", "delete"));
        assert!(policy.check("clients", "list").is_ok());
        let refused = policy.check("clients", "delete").unwrap_err();
        assert!(matches!(refused, Error::WritesDisabled { .. }));
        assert!(refused.to_string().contains("allow_writes"), "{refused}");
        for bad in ["nope", "clients.list", "time_projects", "clients.", ""] {
            let e = WritePolicy::from_names(&[bad]).unwrap_err();
            assert!(
                matches!(
                    e,
                    Error::Config {
                        field: "allow_writes",
                        ..
                    }
                ),
                "{bad}: {e}"
            );
        }
        let e = WritePolicy::from_names(&["clients.list"]).unwrap_err();
        assert!(e.to_string().contains("clients.create"), "{e}");
        assert!(!WritePolicy::Disabled.allows("clients", "create"));
        assert!(WritePolicy::All.allows("clients", "create"));
    }
}
