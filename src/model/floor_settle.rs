//! Two takers recording one hand-over of the floor: the room taker presses a key when the chair
//! calls on someone, the online moderator when a question from the chat is read out, and both
//! may record the same moment. The session's floor follows the taker whose role covers it (the
//! online moderator for the online audience, the room taker for the rest); the other record is
//! left out of the floor and kept as a conflict that `check` lists, never dropped in silence.

use chrono::TimeDelta;

use super::change::Change;
use super::names::fold;
use super::note::{FloorChange, Speaker};
use super::roster::Person;
use super::vocabulary::Role;

/// Two takers' floor changes this close together record one moment.
pub const SAME_MOMENT: TimeDelta = TimeDelta::seconds(5);

/// Two takers' different records of one moment, and which the session follows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FloorConflict {
    pub kept: FloorChange,
    pub kept_by: String,
    pub left_out: FloorChange,
    pub left_out_by: String,
}

/// Settles the floor changes of several takers' journals (each with its taker's name, the first
/// taker's first): of two takers' changes for one moment, the one of the taker whose role covers
/// it stays and the other is taken out of its journal. Returns the records that differed.
pub fn settle_floor(
    people: &[Person],
    journals: &mut [(String, Vec<Change>)],
) -> Vec<FloorConflict> {
    let mut floor: Vec<(usize, FloorChange)> = Vec::new();
    for (index, (_, changes)) in journals.iter().enumerate() {
        for change in changes.iter().cloned().flat_map(Change::flatten) {
            if let Change::Floor(floor_change) = change {
                floor.push((index, floor_change));
            }
        }
    }
    // A fixed order (time, then the order of the journals), so the same files settle alike.
    floor.sort_by_key(|(index, change)| (change.at, *index));
    let online_moderator = |taker: &str| {
        people
            .iter()
            .any(|p| fold(&p.name) == fold(taker) && p.has_role(Role::OnlineModerator))
    };
    let mut left_out = vec![false; floor.len()];
    let mut conflicts = Vec::new();
    for a in 0..floor.len() {
        for b in a + 1..floor.len() {
            let ((ja, x), (jb, y)) = (floor[a], floor[b]);
            if y.at - x.at > SAME_MOMENT {
                break;
            }
            if ja == jb || left_out[a] || left_out[b] {
                continue;
            }
            let online = x.speaker == Some(Speaker::Online) || y.speaker == Some(Speaker::Online);
            let (ma, mb) = (
                online_moderator(&journals[ja].0),
                online_moderator(&journals[jb].0),
            );
            // The online moderator's word for the online audience, the room's for the rest;
            // where roles do not tell, the earlier journal's (the first taker's).
            let a_wins = if ma != mb { ma == online } else { ja < jb };
            let (win, lose) = if a_wins { (a, b) } else { (b, a) };
            left_out[lose] = true;
            let (kept, dropped) = (floor[win], floor[lose]);
            if (kept.1.speaker, kept.1.read_by) != (dropped.1.speaker, dropped.1.read_by) {
                conflicts.push(FloorConflict {
                    kept: kept.1,
                    kept_by: journals[kept.0].0.clone(),
                    left_out: dropped.1,
                    left_out_by: journals[dropped.0].0.clone(),
                });
            }
        }
    }
    for (index, (journal, change)) in floor.iter().enumerate() {
        if left_out[index] {
            take_out(&mut journals[*journal].1, change);
        }
    }
    conflicts
}

fn take_out(changes: &mut Vec<Change>, floor: &FloorChange) {
    changes.retain_mut(|change| match change {
        Change::Floor(this) => this != floor,
        Change::Batch(inner) => {
            take_out(inner, floor);
            true
        }
        _ => true,
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PersonId;
    use chrono::{DateTime, FixedOffset};

    fn at(seconds: u32) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(&format!("2022-12-01T14:00:{seconds:02}Z")).unwrap()
    }

    fn floor(seconds: u32, speaker: Speaker) -> Change {
        Change::Floor(FloorChange {
            at: at(seconds),
            speaker: Some(speaker),
            read_by: None,
        })
    }

    fn people() -> Vec<Person> {
        let mut omar = Person::new(PersonId(2), "Omar Haddad");
        omar.roles = vec![Role::OnlineModerator];
        vec![Person::new(PersonId(1), "Ana Silva"), omar]
    }

    const PAULUS: Speaker = Speaker::Person(PersonId(7));

    #[test]
    fn the_online_moderator_decides_for_the_chat_and_the_room_taker_for_the_rest() {
        for order in [false, true] {
            let room = (
                "Ana Silva".to_string(),
                vec![floor(10, PAULUS), floor(40, PAULUS)],
            );
            let chat = (
                "Omar Haddad".to_string(),
                vec![floor(12, Speaker::Online), floor(41, Speaker::Audience)],
            );
            let mut journals = if order {
                vec![chat, room]
            } else {
                vec![room, chat]
            };
            let conflicts = settle_floor(&people(), &mut journals);
            let left: Vec<Change> = journals.into_iter().flat_map(|(_, c)| c).collect();
            assert!(left.contains(&floor(12, Speaker::Online)), "the chat's");
            assert!(left.contains(&floor(40, PAULUS)), "the room's");
            assert_eq!(left.len(), 2, "{left:?}");
            assert_eq!(conflicts.len(), 2);
            assert_eq!(conflicts[0].kept_by, "Omar Haddad");
            assert_eq!(conflicts[0].left_out_by, "Ana Silva");
            assert_eq!(conflicts[1].kept_by, "Ana Silva");
            assert_eq!(conflicts[1].left_out.speaker, Some(Speaker::Audience));
        }
    }

    #[test]
    fn one_hand_over_recorded_alike_is_kept_once_and_no_conflict() {
        let mut journals = vec![
            ("Ana Silva".to_string(), vec![floor(10, PAULUS)]),
            (
                "Omar Haddad".to_string(),
                vec![floor(13, PAULUS), floor(30, PAULUS)],
            ),
        ];
        assert_eq!(settle_floor(&people(), &mut journals), vec![]);
        assert_eq!(journals[0].1, vec![floor(10, PAULUS)]);
        assert_eq!(
            journals[1].1,
            vec![floor(30, PAULUS)],
            "further apart: its own turn"
        );
    }
}
