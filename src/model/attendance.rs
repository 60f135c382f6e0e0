//! Who was there. The rapporteur may mark someone present or absent; without a mark, having had the
//! floor or a note says they were there, and otherwise nothing is known: the proposal names people
//! who do not always come.

use serde::{Deserialize, Serialize};
use std::collections::HashSet;

use super::note::Speaker;
use super::roster::{Person, PersonId};
use super::session::Session;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Attendance {
    #[default]
    NotRecorded,
    Present,
    Absent,
}

impl Attendance {
    /// `Some(true)` present, `Some(false)` absent, `None` not recorded: the JSON form.
    pub fn known(self) -> Option<bool> {
        match self {
            Attendance::NotRecorded => None,
            Attendance::Present => Some(true),
            Attendance::Absent => Some(false),
        }
    }

    /// What format 1's `attended: bool` meant. It started true for everyone, so `true` says
    /// nothing about whether the person came; only `false` (marked absent) was recorded.
    pub(super) fn from_format_1(attended: bool) -> Self {
        if attended {
            Attendance::NotRecorded
        } else {
            Attendance::Absent
        }
    }
}

/// Everyone's attendance as the whole record shows it, worked out once for a roster.
#[derive(Debug, Clone)]
pub struct Attendances {
    /// People who had the floor, read a turn out or are named by a note.
    heard: HashSet<PersonId>,
}

impl Attendances {
    /// A mark wins; without one, someone heard was present.
    pub fn of(&self, person: &Person) -> Attendance {
        match person.attendance {
            Attendance::NotRecorded if self.heard.contains(&person.id) => Attendance::Present,
            marked => marked,
        }
    }

    pub fn present(&self, person: &Person) -> bool {
        self.of(person) == Attendance::Present
    }
}

impl Session {
    /// The attendance of everyone, from the marks, the floor and the notes.
    pub fn attendances(&self) -> Attendances {
        let person = |speaker: Option<Speaker>| match speaker {
            Some(Speaker::Person(id)) => Some(id),
            _ => None,
        };
        let floor = self.floor.iter().filter_map(|f| person(f.speaker));
        let readers = self.floor.iter().filter_map(|f| f.read_by);
        let notes = self.notes.iter().filter_map(|n| person(n.speaker));
        Attendances {
            heard: floor.chain(readers).chain(notes).collect(),
        }
    }

    /// The people who took part, in roster order: present by a mark, the floor or a note.
    pub fn took_part(&self) -> Vec<&Person> {
        let attendances = self.attendances();
        self.roster().filter(|p| attendances.present(p)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{FloorChange, Note, NoteKind};

    fn at(time: &str) -> chrono::DateTime<chrono::FixedOffset> {
        chrono::DateTime::parse_from_rfc3339(&format!("2022-12-01T{time}Z")).unwrap()
    }

    fn five() -> Session {
        let mut session = Session::default();
        for (id, name) in [
            (1, "Spoke"),
            (2, "Noted"),
            (3, "Marked"),
            (4, "Quiet"),
            (5, "Away"),
        ] {
            session.people.push(Person::new(PersonId(id), name));
        }
        session.person_mut(PersonId(3)).unwrap().attendance = Attendance::Present;
        session.person_mut(PersonId(5)).unwrap().attendance = Attendance::Absent;
        session.people.push(Person::new(PersonId(6), "Reader"));
        session.record_floor(FloorChange {
            at: at("13:59:00"),
            speaker: Some(Speaker::Online),
            read_by: Some(PersonId(6)),
        });
        session.record_floor(FloorChange {
            at: at("14:00:00"),
            speaker: Some(Speaker::Person(PersonId(1))),
            read_by: None,
        });
        let noted = Some(Speaker::Person(PersonId(2)));
        session.upsert_note(Note::new(
            at("14:01:00"),
            noted,
            vec![],
            NoteKind::Remark,
            "x",
            "",
        ));
        // Notes on someone marked absent do not overrule the mark: the note is the likelier slip.
        let away = Some(Speaker::Person(PersonId(5)));
        session.upsert_note(Note::new(
            at("14:02:00"),
            away,
            vec![],
            NoteKind::Remark,
            "y",
            "",
        ));
        session
    }

    #[test]
    fn the_floor_a_note_or_a_mark_make_someone_present_and_a_mark_of_absence_stays() {
        let session = five();
        let attendances = session.attendances();
        let of = |id| attendances.of(session.person(PersonId(id)).unwrap());
        assert_eq!(of(1), Attendance::Present);
        assert_eq!(of(2), Attendance::Present);
        assert_eq!(of(3), Attendance::Present);
        assert_eq!(of(4), Attendance::NotRecorded);
        assert_eq!(of(5), Attendance::Absent);
        assert_eq!(of(6), Attendance::Present, "read a question out");
        let names: Vec<&str> = session
            .took_part()
            .iter()
            .map(|p| p.name.as_str())
            .collect();
        assert_eq!(names, ["Spoke", "Noted", "Marked", "Reader"]);
    }

    #[test]
    fn format_1_attended_true_was_the_default_and_records_nothing() {
        let read = |text: &str| ron::from_str::<Person>(text).unwrap().attendance;
        assert_eq!(
            read("(id: 1, name: \"A\", attended: true)"),
            Attendance::NotRecorded
        );
        assert_eq!(
            read("(id: 1, name: \"A\", attended: false)"),
            Attendance::Absent
        );
        assert_eq!(read("(id: 1, name: \"A\")"), Attendance::NotRecorded);
        assert_eq!(
            read("(id: 1, name: \"A\", attendance: Present)"),
            Attendance::Present
        );
        let written = ron::to_string(&Person::new(PersonId(1), "A")).unwrap();
        assert!(written.contains("attendance:NotRecorded") && !written.contains("attended"));
    }
}
