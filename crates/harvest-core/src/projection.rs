//! `select_fields` / `exclude_fields`: which members of each record reach the caller. Checked
//! against the catalogue's record fields before anything is sent; applied while the response
//! is read (the binding skips a dropped member without building it), so a projected page
//! costs less than a whole one.

use crate::catalog::record_fields;
use crate::error::Error;

/// A tree of dotted paths: `project.name` and `project.id` share the `project` node. A node
/// without children names the whole member.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Node {
    children: Vec<(String, Node)>,
}

impl Node {
    fn insert(&mut self, path: &str) {
        let mut node = self;
        for part in path.split('.') {
            let at = match node.children.iter().position(|(name, _)| name == part) {
                Some(at) => at,
                None => {
                    node.children.push((part.to_string(), Node::default()));
                    node.children.len() - 1
                }
            };
            node = &mut node.children[at].1;
        }
    }

    fn child(&self, key: &str) -> Option<&Node> {
        self.children
            .iter()
            .find(|(name, _)| name == key)
            .map(|(_, node)| node)
    }

    fn is_leaf(&self) -> bool {
        self.children.is_empty()
    }
}

/// The fields a call keeps (`select`) and drops (`exclude`); exclusion wins where both name a
/// field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Projection {
    select: Option<Node>,
    exclude: Option<Node>,
}

/// What becomes of one member of an object.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep<'a> {
    /// Left out (never built).
    Skip,
    /// Kept as it is.
    Whole,
    /// Kept, with the view applied to its members (to each item, for a list of objects).
    Nested(View<'a>),
}

/// The projection as seen from one object of a record (the record itself at the root).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct View<'a> {
    select: Option<&'a Node>,
    exclude: Option<&'a Node>,
}

impl<'a> View<'a> {
    pub fn member(self, key: &str) -> Keep<'a> {
        let select = match self.select {
            None => None,
            Some(node) => match node.child(key) {
                None => return Keep::Skip,
                Some(child) if child.is_leaf() => None,
                Some(child) => Some(child),
            },
        };
        let exclude = match self.exclude.and_then(|node| node.child(key)) {
            Some(child) if child.is_leaf() => return Keep::Skip,
            other => other,
        };
        if select.is_none() && exclude.is_none() {
            Keep::Whole
        } else {
            Keep::Nested(View { select, exclude })
        }
    }
}

impl Projection {
    /// `None` when neither list is given. Every path must be one of the entity's record
    /// fields; an empty `select_fields` (nothing to return) is refused too.
    pub fn new(
        entity: &'static str,
        select_fields: Option<&[String]>,
        exclude_fields: Option<&[String]>,
    ) -> Result<Option<Projection>, Error> {
        if select_fields.is_none() && exclude_fields.is_none() {
            return Ok(None);
        }
        let known = record_fields(entity);
        let tree =
            |option: &'static str, paths: Option<&[String]>| -> Result<Option<Node>, Error> {
                let Some(paths) = paths else {
                    return Ok(None);
                };
                if paths.is_empty() && option == "select_fields" {
                    return Err(Error::UnknownField {
                        entity,
                        option,
                        field: String::new(),
                        accepted: known.iter().map(|f| f.path).collect(),
                    });
                }
                let mut node = Node::default();
                for path in paths {
                    if !known.iter().any(|f| f.path == path) {
                        return Err(Error::UnknownField {
                            entity,
                            option,
                            field: path.chars().take(100).collect(),
                            accepted: known.iter().map(|f| f.path).collect(),
                        });
                    }
                    node.insert(path);
                }
                Ok(Some(node))
            };
        Ok(Some(Projection {
            select: tree("select_fields", select_fields)?,
            exclude: tree("exclude_fields", exclude_fields)?,
        }))
    }

    /// The view of a whole record.
    pub fn root(&self) -> View<'_> {
        View {
            select: self.select.as_ref(),
            exclude: self.exclude.as_ref(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn owned(paths: &[&str]) -> Vec<String> {
        paths.iter().map(|p| p.to_string()).collect()
    }

    #[test]
    fn select_keeps_named_members_and_reaches_into_objects() {
        let select = owned(&["id", "project.name"]);
        let projection = Projection::new("time_entries", Some(&select), None)
            .unwrap()
            .unwrap();
        let root = projection.root();
        assert_eq!(root.member("id"), Keep::Whole);
        assert_eq!(root.member("notes"), Keep::Skip);
        let Keep::Nested(project) = root.member("project") else {
            panic!("project is kept in part");
        };
        assert_eq!(project.member("name"), Keep::Whole);
        assert_eq!(project.member("id"), Keep::Skip);
    }

    #[test]
    fn exclude_drops_members_and_wins_over_select() {
        let select = owned(&["id", "project"]);
        let exclude = owned(&["project.code", "id"]);
        let projection = Projection::new("time_entries", Some(&select), Some(&exclude))
            .unwrap()
            .unwrap();
        let root = projection.root();
        assert_eq!(root.member("id"), Keep::Skip);
        assert_eq!(root.member("user"), Keep::Skip);
        let Keep::Nested(project) = root.member("project") else {
            panic!("project is kept without code");
        };
        assert_eq!(project.member("name"), Keep::Whole);
        assert_eq!(project.member("code"), Keep::Skip);
    }

    #[test]
    fn unknown_fields_are_refused_with_the_known_ones() {
        let select = owned(&["id", "projet.name"]);
        let err = Projection::new("time_entries", Some(&select), None).unwrap_err();
        let text = err.to_string();
        assert!(text.contains("\"projet.name\""), "{text}");
        assert!(text.contains("select_fields"), "{text}");
        assert!(text.contains("project.name"), "{text}");
        let err = Projection::new("users", Some(&[]), None).unwrap_err();
        assert!(err.to_string().contains("at least one"), "{err}");
    }

    #[test]
    fn no_lists_no_projection() {
        assert_eq!(Projection::new("users", None, None).unwrap(), None);
        assert!(Projection::new("users", None, Some(&[])).unwrap().is_some());
    }
}
