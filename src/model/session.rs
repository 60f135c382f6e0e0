//! The session: its particulars, its roster, its policy questions and everything recorded during it.

use chrono::{DateTime, FixedOffset, TimeDelta};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

use super::attendance::Attendance;
use super::names::{fold, name_matches};
use super::note::{FloorChange, Note, NoteId, SegmentChange, Speaker};
use super::participation::Participation;
use super::vocabulary::{Gender, RegionalGroup, Role, StakeholderGroup};

/// The bits of a person id that name the block of the taker who gave it.
const PERSON_BLOCK_MASK: u32 = 0xFFFF_0000;

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

/// What the proposal page says about the session, apart from people and questions.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SessionInfo {
    /// For example "IGF 2022 WS #422".
    pub code: String,
    pub title: String,
    pub start: Option<DateTime<FixedOffset>>,
    pub end: Option<DateTime<FixedOffset>>,
    /// For example "Round Table - Circle".
    pub format: Option<String>,
    pub duration_minutes: Option<u32>,
    /// For example "16. Peace, Justice and Strong Institutions".
    pub sdgs: Vec<String>,
    pub expected_outcomes: Option<String>,
    /// The proposal's other sections, kept as the page gave them.
    pub sections: Vec<Section>,
    /// The parts the session moves through (opening, speakers, debate, Q&A, closing).
    pub segments: Vec<String>,
}

impl SessionInfo {
    /// The planned length: the duration line, else the scheduled start and end.
    pub fn planned_minutes(&self) -> Option<u32> {
        self.duration_minutes.or_else(|| {
            let (start, end) = (self.start?, self.end?);
            u32::try_from((end - start).num_minutes()).ok()
        })
    }

    /// How far `now` is outside the scheduled time (start to planned end), when it is more than
    /// [`FAR_FROM_SCHEDULE`] away: negative before the start, positive after the end. Opening a
    /// session then usually means catching up on it from its video, not recording it live.
    pub fn far_from_schedule(&self, now: DateTime<FixedOffset>) -> Option<TimeDelta> {
        let start = self.start?;
        let minutes = self.planned_minutes().unwrap_or(0);
        let end = start + TimeDelta::minutes(i64::from(minutes));
        let away = if now < start {
            now.signed_duration_since(start)
        } else {
            now.signed_duration_since(end).max(TimeDelta::zero())
        };
        (away.abs() > FAR_FROM_SCHEDULE).then_some(away)
    }
}

/// Preparing a session a few hours ahead, or finishing notes soon after, is the usual live use.
pub const FAR_FROM_SCHEDULE: TimeDelta = TimeDelta::hours(6);

/// The segments a session has when the proposal names none.
pub const DEFAULT_SEGMENTS: &[&str] = &["Opening", "Speakers", "Debate", "Q&A", "Closing"];

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    pub heading: String,
    pub text: String,
}

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

    pub fn add_role(&mut self, role: Role) {
        if !self.has_role(role) {
            self.roles.push(role);
            self.roles.sort();
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyQuestion {
    /// 1-based, as the page numbers them.
    pub number: u8,
    /// A short title where the page gives one ("Title: question").
    #[serde(default)]
    pub title: Option<String>,
    pub text: String,
}

impl PolicyQuestion {
    /// The title if there is one, else the question itself.
    pub fn short(&self) -> &str {
        self.title.as_deref().unwrap_or(&self.text)
    }
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

/// Notes from elsewhere, sorted against a session's own.
#[derive(Debug, Default, PartialEq)]
pub struct Incoming {
    /// Not in the session yet, in the order given.
    pub new: Vec<Note>,
    /// How many were already there, word for word.
    pub already: usize,
}

/// A note brought in whose id is already in the session (or earlier in the same input) with
/// other content.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("note {id} is already in the session with other content; nothing was added")]
pub struct NoteClash {
    /// Where in the input it was, from 0.
    pub index: usize,
    pub id: NoteId,
}

/// A whole session: what the header file holds and what the journal recorded.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Session {
    pub info: SessionInfo,
    pub people: Vec<Person>,
    pub questions: Vec<PolicyQuestion>,
    /// Who takes the notes in this copy of the session: its first taker.
    pub taker: String,
    /// The takers who joined after the first, in the order they joined.
    pub takers: Vec<String>,
    /// The break-out groups the room is divided into, in the order they were made.
    pub groups: Vec<Group>,
    /// Where the ids this copy gives newcomers begin: 0 for the first taker; a block of its
    /// own, with the top bit set, for every taker who joined (see [`person_id_block`]).
    pub person_id_block: u32,
    /// When the rapporteur started the session clock.
    pub clock_started: Option<DateTime<FixedOffset>>,
    /// Live notes in time order. Read freely; change through `apply`, `upsert_note`,
    /// `delete_note` and `restore_note`, which keep the timeline sorted and indexed.
    pub notes: Vec<Note>,
    /// Deleted notes, kept so a deletion can be undone.
    pub trash: Vec<Note>,
    /// Floor changes in time order.
    pub floor: Vec<FloorChange>,
    /// Segment changes in time order.
    pub segments: Vec<SegmentChange>,
    /// When the rapporteur ended the session: the floor closed and the counting stopped there.
    pub ended: Option<DateTime<FixedOffset>>,
    /// The latest text of each report field drafted so far, by key.
    pub report_fields: BTreeMap<String, String>,
    /// The participation figures given so far.
    pub participation: Participation,
    /// When each live note was taken, so that a note is found by binary search, not by a scan.
    note_times: HashMap<NoteId, DateTime<FixedOffset>>,
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
        person.affiliation = given.affiliation.or(person.affiliation.take());
        person.stakeholder = given.stakeholder.or(person.stakeholder);
        person.region = given.region.or(person.region);
        person.gender = given.gender.or(person.gender);
        for role in given.roles {
            person.add_role(role);
        }
        (person.id, true)
    }

    /// The person of that name, ignoring case and accents, if the roster has one.
    pub fn person_named(&self, name: &str) -> Option<&Person> {
        let wanted = fold(name);
        self.roster().find(|p| fold(&p.name) == wanted)
    }

    /// The name of the roster's rapporteur: who takes the notes unless told otherwise.
    pub fn rapporteur_name(&self) -> Option<&str> {
        self.roster()
            .find(|p| p.has_role(Role::Rapporteur))
            .map(|p| p.name.as_str())
    }

    pub fn question(&self, number: u8) -> Option<&PolicyQuestion> {
        self.questions.iter().find(|q| q.number == number)
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

    pub fn note(&self, id: NoteId) -> Option<&Note> {
        self.position(id).map(|index| &self.notes[index])
    }

    /// Where a live note sits in the timeline.
    fn position(&self, id: NoteId) -> Option<usize> {
        // The index is complete unless someone filled `notes` directly; then scan.
        if self.note_times.len() == self.notes.len() {
            let at = *self.note_times.get(&id)?;
            let index = self.notes.partition_point(|n| n.sort_key() < (at, id));
            if self.notes.get(index).is_some_and(|n| n.id == id) {
                return Some(index);
            }
        }
        self.notes.iter().rposition(|n| n.id == id)
    }

    /// Adds or replaces a note, keeping the timeline in time order.
    pub fn upsert_note(&mut self, note: Note) {
        if let Some(index) = self.position(note.id) {
            self.notes.remove(index);
        }
        let index = self
            .notes
            .partition_point(|n| n.sort_key() <= note.sort_key());
        self.note_times.insert(note.id, note.at);
        self.notes.insert(index, note);
    }

    /// Replaces the whole timeline with `notes`, which must be in time order.
    pub(super) fn set_notes(&mut self, notes: Vec<Note>) {
        self.note_times = notes.iter().map(|n| (n.id, n.at)).collect();
        self.notes = notes;
    }

    /// Sorts notes brought in from elsewhere (`note --from`, a merge) against those already here,
    /// by id: a note not here yet is new; one here with the same content is already there; one
    /// here with other content is a clash, and nothing may be added.
    pub fn sort_incoming(&self, incoming: Vec<Note>) -> Result<Incoming, NoteClash> {
        let mut sorted = Incoming::default();
        let mut seen: HashMap<NoteId, usize> = HashMap::new();
        for (index, note) in incoming.into_iter().enumerate() {
            let here = self
                .note(note.id)
                .or_else(|| self.trash.iter().find(|n| n.id == note.id))
                .or_else(|| seen.get(&note.id).map(|at| &sorted.new[*at]));
            match here {
                None => {
                    seen.insert(note.id, sorted.new.len());
                    sorted.new.push(note);
                }
                Some(existing) if *existing == note => sorted.already += 1,
                Some(_) => return Err(NoteClash { index, id: note.id }),
            }
        }
        Ok(sorted)
    }

    /// Moves a note to the trash; returns whether there was such a note.
    pub fn delete_note(&mut self, id: NoteId) -> bool {
        match self.position(id) {
            Some(index) => {
                let note = self.notes.remove(index);
                self.note_times.remove(&id);
                self.trash.push(note);
                true
            }
            None => false,
        }
    }

    /// Takes a note back out of the trash; returns whether there was such a note.
    pub fn restore_note(&mut self, id: NoteId) -> bool {
        match self.trash.iter().rposition(|n| n.id == id) {
            Some(index) => {
                let note = self.trash.remove(index);
                self.upsert_note(note);
                true
            }
            None => false,
        }
    }

    /// Records a floor change; the same change recorded twice (replayed after a crash) counts once.
    pub fn record_floor(&mut self, change: FloorChange) {
        if self.floor.contains(&change) {
            return;
        }
        let at = self.floor.partition_point(|f| f.at <= change.at);
        self.floor.insert(at, change);
    }

    /// Records a segment change; the same change recorded twice counts once.
    pub fn record_segment(&mut self, change: SegmentChange) {
        if self.segments.contains(&change) {
            return;
        }
        let at = self.segments.partition_point(|s| s.at <= change.at);
        self.segments.insert(at, change);
    }

    /// Who has the floor after the last recorded change; nobody once the session has ended.
    pub fn floor_holder(&self) -> Option<Speaker> {
        if self.ended.is_some() {
            return None;
        }
        self.floor.last().and_then(|f| f.speaker)
    }

    /// The segment the session is in, if one was entered.
    pub fn current_segment(&self) -> Option<&str> {
        self.segments.last().map(|s| s.name.as_str())
    }

    /// Where Alt+n (forward) or Alt+N leads from the current segment: its place in the plan,
    /// or None past either end. Before the first segment, forward leads to the first.
    pub fn stepped_segment(&self, forward: bool) -> Option<usize> {
        let plan = self.segment_plan();
        let current = self
            .current_segment()
            .and_then(|current| plan.iter().position(|s| s == current));
        match (current, forward) {
            (None, true) => Some(0),
            (Some(i), true) => Some(i + 1).filter(|next| *next < plan.len()),
            (Some(i), false) => i.checked_sub(1),
            (None, false) => None,
        }
    }

    /// The segments this session moves through.
    pub fn segment_plan(&self) -> Vec<String> {
        if self.info.segments.is_empty() {
            DEFAULT_SEGMENTS.iter().map(|s| s.to_string()).collect()
        } else {
            self.info.segments.clone()
        }
    }

    /// Where offsets ("+00:12:30") count from: the clock start, else the scheduled start.
    pub fn origin(&self) -> Option<DateTime<FixedOffset>> {
        self.clock_started.or(self.info.start)
    }

    /// The latest moment anything was recorded.
    pub fn last_recorded(&self) -> Option<DateTime<FixedOffset>> {
        let notes = self.notes.iter().map(|n| n.at);
        let floor = self.floor.iter().map(|f| f.at);
        let segments = self.segments.iter().map(|s| s.at);
        notes
            .chain(floor)
            .chain(segments)
            .chain(self.clock_started)
            .chain(self.ended)
            .max()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn far_from_schedule_counts_from_either_end_of_the_planned_time() {
        let at = |t: &str| DateTime::parse_from_rfc3339(t).unwrap();
        let info = SessionInfo {
            start: Some(at("2022-11-30T09:30:00+01:00")),
            duration_minutes: Some(90),
            ..SessionInfo::default()
        };
        assert_eq!(
            info.far_from_schedule(at("2022-11-30T08:00:00+01:00")),
            None
        );
        assert_eq!(
            info.far_from_schedule(at("2022-11-30T16:00:00+01:00")),
            None
        );
        assert_eq!(
            info.far_from_schedule(at("2022-11-30T18:00:00+01:00")),
            Some(TimeDelta::hours(7))
        );
        assert_eq!(
            info.far_from_schedule(at("2022-11-29T09:30:00+01:00")),
            Some(-TimeDelta::hours(24))
        );
        let unscheduled = SessionInfo::default();
        assert_eq!(
            unscheduled.far_from_schedule(at("2030-01-01T00:00:00Z")),
            None
        );
    }

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
    fn a_floor_change_replayed_twice_counts_once() {
        let mut session = roster();
        let at = chrono::DateTime::parse_from_rfc3339("2022-12-01T14:00:00Z").unwrap();
        let change = FloorChange {
            at,
            speaker: Some(Speaker::Audience),
            read_by: None,
        };
        session.record_floor(change);
        session.record_floor(change);
        assert_eq!(session.floor.len(), 1);
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
    fn incoming_notes_are_new_already_there_or_a_clash() {
        let mut session = roster();
        let at = chrono::DateTime::parse_from_rfc3339("2022-12-01T14:00:00Z").unwrap();
        let kept = Note::new(at, None, vec![], Default::default(), "kept", "t");
        session.upsert_note(kept.clone());
        let fresh = Note::new(at, None, vec![], Default::default(), "fresh", "t");
        let sorted = session
            .sort_incoming(vec![kept.clone(), fresh.clone(), fresh.clone()])
            .unwrap();
        assert_eq!(sorted.new, vec![fresh.clone()]);
        assert_eq!(sorted.already, 2);
        let mut changed = kept.clone();
        changed.text = "changed".into();
        let clash = session.sort_incoming(vec![fresh, changed]).unwrap_err();
        assert_eq!((clash.index, clash.id), (1, kept.id));
    }

    #[test]
    fn removed_people_are_not_resolved() {
        let mut session = roster();
        session.people[0].removed = true;
        assert!(session.resolve_speaker("bruna").is_err());
    }
}
