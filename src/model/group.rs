//! Break-out groups: parts of the room with a discussion, a lead and a note taker of their own.

use serde::{Deserialize, Serialize};

use super::names::fold;
use super::roster::{PersonId, WhoError};
use super::session::Session;

/// A break-out group: part of the room with its own discussion, lead and note taker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Group {
    pub name: String,
    /// Who takes its notes, if one taker does.
    #[serde(default)]
    pub taker: Option<String>,
    #[serde(default)]
    pub members: Vec<PersonId>,
}

impl Session {
    /// The group of that name, ignoring case and accents.
    pub fn group(&self, name: &str) -> Option<&Group> {
        let wanted = fold(name);
        self.groups.iter().find(|g| fold(&g.name) == wanted)
    }

    /// Records a group; one of the same name gains the taker and members given.
    pub fn record_group(&mut self, group: Group) {
        let wanted = fold(&group.name);
        match self.groups.iter_mut().find(|g| fold(&g.name) == wanted) {
            Some(known) => {
                known.taker = group.taker.or(known.taker.take());
                for member in group.members {
                    if !known.members.contains(&member) {
                        known.members.push(member);
                    }
                }
            }
            None => self.groups.push(group),
        }
    }

    /// The name, as recorded, of the group a `-g NAME` names.
    pub fn group_name(&self, name: &str) -> Result<String, WhoError> {
        self.resolve_group(name).map(|g| g.name.clone())
    }

    /// The group a `-g NAME` names, or an error listing the groups there are.
    pub fn resolve_group(&self, name: &str) -> Result<&Group, WhoError> {
        self.group(name).ok_or_else(|| WhoError::NoGroup {
            query: name.to_string(),
            groups: if self.groups.is_empty() {
                "none yet (add one with `rapporteur group add`)".to_string()
            } else {
                self.groups
                    .iter()
                    .map(|g| g.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            },
        })
    }
}
