//! What stands for a person: their stakeholder group, and their region unless that alone
//! would name them.

use crate::model::{Person, RegionalGroup, Session};

/// How a person is named under the Chatham House Rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Anonymity {
    /// "Civil Society (GRULAC)".
    #[default]
    GroupAndRegion,
    /// "Civil Society": for a session where a group and region pair is one person.
    GroupOnly,
}

impl Anonymity {
    /// What stands for `person`.
    pub fn label(self, person: &Person) -> String {
        match self {
            Anonymity::GroupAndRegion => group_label(person),
            Anonymity::GroupOnly => stakeholder_label(person).to_string(),
        }
    }

    /// What the labels say of a person, in words.
    pub fn named_by(self) -> &'static str {
        match self {
            Anonymity::GroupAndRegion => "stakeholder group and region",
            Anonymity::GroupOnly => "stakeholder group",
        }
    }

    /// The labels that stand for exactly one person on the roster: under them, that person
    /// is known to everyone who was in the room.
    pub fn lone_labels(self, session: &Session) -> Vec<String> {
        let mut counts: Vec<(String, usize)> = Vec::new();
        for person in session.people.iter().filter(|p| !p.removed) {
            let label = self.label(person);
            match counts.iter_mut().find(|(l, _)| *l == label) {
                Some((_, count)) => *count += 1,
                None => counts.push((label, 1)),
            }
        }
        counts
            .into_iter()
            .filter(|(_, count)| *count == 1)
            .map(|(label, _)| label)
            .collect()
    }
}

/// What stands for a person under the Chatham House Rule: "Civil Society (GRULAC)".
pub fn group_label(person: &Person) -> String {
    let group = stakeholder_label(person);
    match person.region {
        Some(region) => format!("{group} ({})", region_short(region)),
        None => group.to_string(),
    }
}

fn stakeholder_label(person: &Person) -> &'static str {
    person.stakeholder.map_or("Participant", |s| s.label())
}

/// The short name of a regional group, as used in running text.
pub fn region_short(region: RegionalGroup) -> &'static str {
    match region {
        RegionalGroup::African => "African Group",
        RegionalGroup::AsiaPacific => "Asia-Pacific",
        RegionalGroup::EasternEuropean => "Eastern Europe",
        RegionalGroup::Grulac => "GRULAC",
        RegionalGroup::Weog => "WEOG",
        RegionalGroup::IntergovernmentalOrganization => "IGO",
    }
}
