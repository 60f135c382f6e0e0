//! The roster: the people of a session, their ids, and how what a rapporteur types names one.

use serde::{Deserialize, Serialize};

use super::attendance::Attendance;
use super::names::{fold, name_matches};
use super::note::Speaker;
use super::session::Session;
use super::vocabulary::{Gender, RegionalGroup, Role, StakeholderGroup};

/// The bits of a person id that name the block of the taker who gave it.
const PERSON_BLOCK_MASK: u32 = 0xFFFF_0000;

/// The block of ids a person's id is from: 0 for the first taker's, a joined taker's own.
pub(super) fn person_block(id: PersonId) -> u32 {
    if id.0 & 0x8000_0000 == 0 {
        0
    } else {
        id.0 & PERSON_BLOCK_MASK
    }
}

/// The block of person ids of a taker who joined: the top bit set, and 15 bits from the taker's
/// name, leaving 65,535 newcomers to each taker.
pub fn person_id_block(taker: &str) -> u32 {
    let hash = super::fold(taker).bytes().fold(0x811c_9dc5_u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    });
    0x8000_0000 | (hash & 0x7FFF_0000)
}

/// Marks a speaker word as a person's name even where it reads as an audience ("person:Online").
pub const PERSON_PREFIX: &str = "person:";
/// Stable within one session file; notes refer to people by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PersonId(pub u32);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(from = "StoredPerson")]
pub struct Person {
    pub id: PersonId,
    pub name: String,
    #[serde(default)]
    pub affiliation: Option<String>,
    #[serde(default)]
    pub stakeholder: Option<StakeholderGroup>,
    #[serde(default)]
    pub region: Option<RegionalGroup>,
    #[serde(default)]
    pub roles: Vec<Role>,
    /// Only as the rapporteur recorded it; None when not recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<Gender>,
    /// What the rapporteur marked; see [`Session::attendances`] for what the record shows.
    pub attendance: Attendance,
    /// Deleted from the roster; kept so that notes still name them and the deletion can be undone.
    pub removed: bool,
}

/// A person as any version of the file holds them: format 1 had `attended: bool`.
#[derive(Deserialize)]
struct StoredPerson {
    id: PersonId,
    name: String,
    #[serde(default)]
    affiliation: Option<String>,
    #[serde(default)]
    stakeholder: Option<StakeholderGroup>,
    #[serde(default)]
    region: Option<RegionalGroup>,
    #[serde(default)]
    roles: Vec<Role>,
    #[serde(default)]
    gender: Option<Gender>,
    #[serde(default, deserialize_with = "given")]
    attendance: Option<Attendance>,
    #[serde(default, deserialize_with = "given")]
    attended: Option<bool>,
    #[serde(default)]
    removed: bool,
}

/// A field that is there, told apart from one left out (RON reads `Option` as `Some(…)`).
fn given<'de, D: serde::Deserializer<'de>, T: Deserialize<'de>>(
    field: D,
) -> Result<Option<T>, D::Error> {
    T::deserialize(field).map(Some)
}

impl From<StoredPerson> for Person {
    fn from(stored: StoredPerson) -> Self {
        let legacy = stored.attended.map(Attendance::from_format_1);
        Person {
            id: stored.id,
            name: stored.name,
            affiliation: stored.affiliation,
            stakeholder: stored.stakeholder,
            region: stored.region,
            roles: stored.roles,
            gender: stored.gender,
            attendance: stored.attendance.or(legacy).unwrap_or_default(),
            removed: stored.removed,
        }
    }
}

impl Person {
    pub fn new(id: PersonId, name: impl Into<String>) -> Self {
        Person {
            id,
            name: name.into(),
            affiliation: None,
            stakeholder: None,
            region: None,
            roles: Vec::new(),
            gender: None,
            attendance: Attendance::NotRecorded,
            removed: false,
        }
    }

    pub fn has_role(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }

    pub fn marked_absent(&self) -> bool {
        self.attendance == Attendance::Absent
    }

    /// Whether this is the entry of a name already folded (see [`fold`]): how one person is
    /// found again, in a name typed, in another copy's roster or in another taker's newcomers.
    pub fn is_named(&self, folded: &str) -> bool {
        fold(&self.name) == folded
    }

    /// Takes in what another entry of the same person gives (affiliation, groups, roles,
    /// gender); what it gives wins. Returns what the two said differently, for a reader to
    /// list where no one chose to replace it.
    pub fn absorb(&mut self, given: Person) -> Vec<DetailDiffers> {
        let mut differs = Vec::new();
        let mut compare = |detail: &'static str, kept: Option<&str>, old: Option<&str>| {
            if let (Some(kept), Some(old)) = (kept, old)
                && kept != old
            {
                differs.push(DetailDiffers {
                    person: self.name.clone(),
                    detail,
                    kept: kept.to_string(),
                    left_out: old.to_string(),
                });
            }
        };
        compare(
            "affiliations",
            given.affiliation.as_deref(),
            self.affiliation.as_deref(),
        );
        compare(
            "stakeholder groups",
            given.stakeholder.map(StakeholderGroup::label),
            self.stakeholder.map(StakeholderGroup::label),
        );
        compare(
            "regional groups",
            given.region.map(RegionalGroup::label),
            self.region.map(RegionalGroup::label),
        );
        compare(
            "genders",
            given.gender.map(Gender::label),
            self.gender.map(Gender::label),
        );
        self.affiliation = given.affiliation.or(self.affiliation.take());
        self.stakeholder = given.stakeholder.or(self.stakeholder);
        self.region = given.region.or(self.region);
        self.gender = given.gender.or(self.gender);
        for role in given.roles {
            self.add_role(role);
        }
        differs
    }

    pub fn add_role(&mut self, role: Role) {
        if !self.has_role(role) {
            self.roles.push(role);
            self.roles.sort();
        }
    }
}
/// Two entries of one person that say one detail differently: the one kept, and the one left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DetailDiffers {
    pub person: String,
    /// What differs, in the plural: "affiliations".
    pub detail: &'static str,
    pub kept: String,
    pub left_out: String,
}

/// Who a `WHO` argument could not single out.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WhoError {
    #[error("nobody on the roster matches \"{query}\"; the roster is: {roster}")]
    Unknown { query: String, roster: String },
    #[error("\"{query}\" matches several people: {candidates}; give more of the name")]
    Ambiguous { query: String, candidates: String },
    #[error("there is no break-out group \"{query}\"; the groups are: {groups}")]
    NoGroup { query: String, groups: String },
}
impl Session {
    /// The people on the roster, without the deleted ones.
    pub fn roster(&self) -> impl Iterator<Item = &Person> {
        self.people.iter().filter(|p| !p.removed)
    }

    pub fn person(&self, id: PersonId) -> Option<&Person> {
        self.people.iter().find(|p| p.id == id)
    }

    pub fn person_mut(&mut self, id: PersonId) -> Option<&mut Person> {
        self.people.iter_mut().find(|p| p.id == id)
    }

    /// An id no one has had: not on the roster, and not named by any note or floor change (a
    /// person whose roster entry was lost must not hand their notes to a newcomer).
    pub fn next_person_id(&self) -> PersonId {
        let named = |speaker: Option<Speaker>| match speaker {
            Some(Speaker::Person(id)) => Some(id.0),
            _ => None,
        };
        let roster = self.people.iter().map(|p| p.id.0);
        let notes = self
            .notes
            .iter()
            .chain(&self.trash)
            .filter_map(|n| named(n.speaker));
        let floor = self.floor.iter().filter_map(|f| named(f.speaker));
        // An id united with another taker's entry for the same person is still taken.
        let floor = floor.chain(self.namesakes.keys().map(|id| id.0));
        // Each taker numbers newcomers in a block of its own, so that two takers adding people
        // at once, each on their own laptop, never give two people one id.
        let block = self.person_id_block;
        let in_block = |id: &u32| *id & PERSON_BLOCK_MASK == block;
        let highest = roster
            .chain(notes)
            .chain(floor)
            .filter(in_block)
            .max()
            .unwrap_or(block);
        let next = highest.saturating_add(1);
        PersonId(if in_block(&next) { next } else { highest })
    }

    /// Puts someone on the roster: a newcomer gets a fresh id; someone already there (the same
    /// name, ignoring case and accents) keeps theirs and gains what is given (affiliation,
    /// groups, roles, gender). Returns the id and whether the person was already there.
    pub fn enrol(&mut self, given: Person) -> (PersonId, bool) {
        let existing = self.person_named(&given.name).map(|p| p.id);
        let Some(person) = existing.and_then(|id| self.person_mut(id)) else {
            let id = self.next_person_id();
            self.people.push(Person { id, ..given });
            return (id, false);
        };
        // Given on purpose, so what it replaces is no conflict to list.
        let _replaced = person.absorb(given);
        (person.id, true)
    }

    /// The person of that name, ignoring case and accents, if the roster has one.
    pub fn person_named(&self, name: &str) -> Option<&Person> {
        let wanted = fold(name);
        self.roster().find(|p| p.is_named(&wanted))
    }

    /// The name of the roster's rapporteur: who takes the notes unless told otherwise.
    pub fn rapporteur_name(&self) -> Option<&str> {
        self.roster()
            .find(|p| p.has_role(Role::Rapporteur))
            .map(|p| p.name.as_str())
    }
    /// How a speaker is called in lists and reports.
    pub fn speaker_name(&self, speaker: Speaker) -> String {
        match speaker {
            Speaker::Person(id) => self
                .person(id)
                .map_or_else(|| format!("person #{}", id.0), |p| p.name.clone()),
            other => other.audience_label().unwrap_or_default().to_string(),
        }
    }

    /// How a speaker is written where it must be read back (JSON lines, `--speaker`): a person's
    /// name, `audience` or `online`; a person whose name itself reads as an audience (someone
    /// called "Online") or begins with the prefix is written `person:NAME`, so every form has one
    /// reading.
    pub fn speaker_word(&self, speaker: Speaker) -> String {
        match speaker.audience_word() {
            Some(word) => word.to_string(),
            None => {
                let name = self.speaker_name(speaker);
                let ambiguous = Speaker::audience_from_word(&name).is_some()
                    || name.trim_start().to_lowercase().starts_with(PERSON_PREFIX);
                if ambiguous {
                    format!("{PERSON_PREFIX}{name}")
                } else {
                    name
                }
            }
        }
    }

    /// Resolves what a rapporteur typed for a speaker: `audience`, `online`, an exact name, or any
    /// unique part of a name, ignoring case and accents; `person:NAME` is always a person.
    pub fn resolve_speaker(&self, query: &str) -> Result<Speaker, WhoError> {
        let trimmed = query.trim_start();
        let person_only = trimmed
            .get(..PERSON_PREFIX.len())
            .is_some_and(|prefix| prefix.eq_ignore_ascii_case(PERSON_PREFIX));
        let query = if person_only {
            &trimmed[PERSON_PREFIX.len()..]
        } else {
            query
        };
        if !person_only && let Some(audience) = Speaker::audience_from_word(query) {
            return Ok(audience);
        }
        if let Some(person) = self.person_named(query) {
            return Ok(Speaker::Person(person.id));
        }
        let candidates: Vec<&Person> = self
            .roster()
            .filter(|p| name_matches(&p.name, query))
            .collect();
        match candidates.as_slice() {
            [one] => Ok(Speaker::Person(one.id)),
            [] => Err(WhoError::Unknown {
                query: query.to_string(),
                roster: self
                    .roster()
                    .map(|p| p.name.as_str())
                    .chain(["audience", "online"])
                    .collect::<Vec<_>>()
                    .join(", "),
            }),
            many => Err(WhoError::Ambiguous {
                query: query.to_string(),
                candidates: many
                    .iter()
                    .map(|p| p.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roster() -> Session {
        let mut session = Session::default();
        for (id, name) in [
            (1, "Bruna Toso de Alcântara"),
            (2, "Alexandra Paulus"),
            (3, "Alexandre Costa Barbosa"),
        ] {
            session.people.push(Person::new(PersonId(id), name));
        }
        session
    }

    #[test]
    fn resolves_unique_parts_of_names_without_accents() {
        let session = roster();
        assert_eq!(
            session.resolve_speaker("alcantara"),
            Ok(Speaker::Person(PersonId(1)))
        );
        assert_eq!(
            session.resolve_speaker("Alexandre"),
            Ok(Speaker::Person(PersonId(3)))
        );
        assert_eq!(session.resolve_speaker("online"), Ok(Speaker::Online));
        assert_eq!(session.resolve_speaker("Audience"), Ok(Speaker::Audience));
    }

    #[test]
    fn ambiguous_and_unknown_names_list_the_candidates() {
        let session = roster();
        let ambiguous = session.resolve_speaker("alexand").unwrap_err();
        assert!(matches!(ambiguous, WhoError::Ambiguous { .. }));
        assert!(ambiguous.to_string().contains("Alexandra Paulus"));
        assert!(ambiguous.to_string().contains("Alexandre Costa Barbosa"));
        let unknown = session.resolve_speaker("Zhang").unwrap_err();
        assert!(unknown.to_string().contains("Bruna Toso de Alcântara"));
    }

    #[test]
    fn a_new_person_never_takes_the_id_of_someone_notes_still_name() {
        let mut session = roster();
        assert_eq!(session.next_person_id(), PersonId(4));
        let at = chrono::DateTime::parse_from_rfc3339("2022-12-01T14:00:00Z").unwrap();
        let orphan = Some(Speaker::Person(PersonId(9)));
        session.upsert_note(crate::model::Note::new(
            at,
            orphan,
            vec![],
            Default::default(),
            "x",
            "t",
        ));
        assert_eq!(session.next_person_id(), PersonId(10));
        session.people[0].id = PersonId(0xFFFF);
        assert_eq!(session.next_person_id(), PersonId(0xFFFF), "no overflow");
        let block = person_id_block("Ana Silva");
        session.person_id_block = block;
        assert_eq!(session.next_person_id(), PersonId(block + 1));
        assert_ne!(block, 0);
        assert_ne!(block, person_id_block("Omar"));
    }

    #[test]
    fn enrolling_someone_already_there_adds_to_them() {
        let mut session = roster();
        let mut again = Person::new(PersonId(0), "bruna toso de alcantara");
        again.roles = vec![Role::Rapporteur];
        again.affiliation = Some("NIC.br".into());
        assert_eq!(session.enrol(again), (PersonId(1), true));
        assert_eq!(session.people.len(), 3);
        assert_eq!(session.people[0].roles, [Role::Rapporteur]);
        assert_eq!(session.people[0].name, "Bruna Toso de Alcântara");
        let (id, existed) = session.enrol(Person::new(PersonId(0), "Ana Silva"));
        assert_eq!((id, existed), (PersonId(4), false));
        assert_eq!(session.person(id).unwrap().name, "Ana Silva");
    }

    #[test]
    fn a_person_named_like_an_audience_is_written_so_it_reads_back_as_the_person() {
        let mut session = roster();
        for (id, name) in [(4, "Online"), (5, "Audience"), (6, "person: Smith")] {
            session.people.push(Person::new(PersonId(id), name));
        }
        for id in [1, 4, 5, 6] {
            let speaker = Speaker::Person(PersonId(id));
            let word = session.speaker_word(speaker);
            assert_eq!(session.resolve_speaker(&word), Ok(speaker), "{word}");
        }
        assert_eq!(session.speaker_word(Speaker::Online), "online");
        assert_eq!(session.resolve_speaker("online"), Ok(Speaker::Online));
        assert_eq!(session.resolve_speaker("audience"), Ok(Speaker::Audience));
        assert_eq!(
            session.resolve_speaker("PERSON:online"),
            Ok(Speaker::Person(PersonId(4)))
        );
    }

    #[test]
    fn removed_people_are_not_resolved() {
        let mut session = roster();
        session.people[0].removed = true;
        assert!(session.resolve_speaker("bruna").is_err());
    }
}
