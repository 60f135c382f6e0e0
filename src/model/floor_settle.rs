//! Several takers recording the floor: the room taker presses a key when the chair calls on
//! someone, the online moderator when a question from the chat is read out, and both may record
//! the same hand-over. Every record is kept as its taker wrote it (in [`Session::floor_records`]);
//! the session's floor is settled from all of them, the same way whether the files are read, a
//! merged copy is read, or another taker's records arrive on an open screen.
//!
//! The rule, from how floor records are made by hand. Each taker presses a key when they see the
//! floor change hands; two people reacting to one hand-over press a second or two apart.
//! - Two takers' records that name the same holder up to [`SAME_HOLDER`] apart are one hand-over,
//!   counted once: a speaker is not given the floor twice within seconds, so nothing is lost.
//! - Two takers' records that name different holders are one moment, recorded differently (a
//!   conflict), only up to [`DIFFERENT_HOLDERS`] apart: a turn may be short ("thank you; now a
//!   question from the chat"), so records further apart are two real hand-overs and both stay.
//! - A record stands for one moment of its taker's: it is paired with at most one record of each
//!   other taker, the nearest first. So when both takers recorded a hand-over, a taker's next
//!   record seconds later is their next hand-over, not their version of the first.
//! - Of one moment's records, the floor follows the taker whose role covers it: the online
//!   moderator for the online audience, the room taker for the rest; where roles do not tell,
//!   the first taker, then the others by name. The records that named another holder are listed
//!   as conflicts (`check` shows them), never dropped in silence.

use std::collections::HashSet;

use chrono::TimeDelta;

use super::change::Change;
use super::names::fold;
use super::note::{FloorChange, Speaker};
use super::roster::Person;
use super::session::Session;
use super::vocabulary::Role;

/// Two takers' records of the same holder this close together are one hand-over.
pub const SAME_HOLDER: TimeDelta = TimeDelta::seconds(5);
/// Two takers' records of different holders this close together are one moment recorded
/// differently; further apart, two hand-overs.
pub const DIFFERENT_HOLDERS: TimeDelta = TimeDelta::seconds(2);

/// Two takers' different records of one moment, and which the session follows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FloorConflict {
    pub kept: FloorChange,
    pub kept_by: String,
    pub left_out: FloorChange,
    pub left_out_by: String,
}

/// Every taker's floor changes as recorded, each with the taker's name.
pub type FloorRecords = Vec<(String, Vec<FloorChange>)>;

/// The floor changes of each taker's journal, in the journal's order.
pub fn floor_records(journals: &[(String, Vec<Change>)]) -> FloorRecords {
    journals
        .iter()
        .map(|(taker, changes)| (taker.clone(), floor_changes(changes)))
        .collect()
}

/// The floor changes among `changes` and in their batches, in order, without copying the rest.
pub fn floor_changes(changes: &[Change]) -> Vec<FloorChange> {
    fn gather(changes: &[Change], into: &mut Vec<FloorChange>) {
        for change in changes {
            match change {
                Change::Floor(floor) => into.push(*floor),
                Change::Batch(inner) => gather(inner, into),
                _ => {}
            }
        }
    }
    let mut floor = Vec::new();
    gather(changes, &mut floor);
    floor
}

/// One record: its taker's rank (the first taker 0, the others by name), where it was (which
/// journal, and where in it), and the record.
#[derive(Clone, Copy)]
struct Record {
    rank: usize,
    place: (usize, usize),
    change: FloorChange,
}

/// The floor the records make (in time order, a record given twice counted once) and the
/// conflicts, settled as the module says. `records[0]` is the first taker's.
pub fn settle(people: &[Person], records: &FloorRecords) -> (Vec<FloorChange>, Vec<FloorConflict>) {
    // The takers by rank: the first taker, then the others by name. A taker's journal met twice
    // (a copy of it read again) is one taker's, and a record in it twice is one record.
    let folded: Vec<String> = records.iter().map(|(taker, _)| fold(taker)).collect();
    let mut ranked: Vec<&String> = folded.iter().skip(1).collect();
    ranked.sort();
    ranked.dedup();
    ranked.retain(|taker| Some(*taker) != folded.first());
    ranked.splice(0..0, folded.first());
    let rank_of = |index: usize| {
        ranked
            .iter()
            .position(|t| **t == folded[index])
            .unwrap_or(0)
    };
    let takers: Vec<&str> = ranked
        .iter()
        .map(|t| {
            let first = folded.iter().position(|f| f == *t).unwrap_or(0);
            records[first].0.as_str()
        })
        .collect();
    let mut all: Vec<Record> = Vec::new();
    let mut seen = HashSet::new();
    for (index, (_, changes)) in records.iter().enumerate() {
        let rank = rank_of(index);
        for (place, change) in changes.iter().enumerate() {
            if seen.insert((rank, *change)) {
                all.push(Record {
                    rank,
                    place: (index, place),
                    change: *change,
                });
            }
        }
    }
    all.sort_by_key(|r| (r.change.at, r.rank, r.place));
    let name = |r: &Record| takers[r.rank];
    let moments = moments(&all);
    let online_moderator = |taker: &str| {
        people
            .iter()
            .any(|p| fold(&p.name) == fold(taker) && p.has_role(Role::OnlineModerator))
    };
    let mut left_out = vec![false; all.len()];
    let mut conflicts = Vec::new();
    for moment in moments.iter().filter(|m| m.len() > 1) {
        let online = moment
            .iter()
            .any(|&i| all[i].change.speaker == Some(Speaker::Online));
        let covers = |i: &usize| online_moderator(name(&all[*i])) == online;
        let winner = moment
            .iter()
            .copied()
            .filter(covers)
            .min_by_key(|&i| (all[i].rank, all[i].change.at))
            .or_else(|| moment.iter().copied().min_by_key(|&i| all[i].rank))
            .unwrap_or(moment[0]);
        for &other in moment.iter().filter(|&&i| i != winner) {
            left_out[other] = true;
            if !agree(&all[winner].change, &all[other].change) {
                conflicts.push(FloorConflict {
                    kept: all[winner].change,
                    kept_by: name(&all[winner]).to_string(),
                    left_out: all[other].change,
                    left_out_by: name(&all[other]).to_string(),
                });
            }
        }
    }
    conflicts.sort_by_key(|c| (c.kept.at, c.left_out.at));
    let mut seen = HashSet::new();
    let floor = all
        .iter()
        .zip(left_out)
        .filter(|(record, out)| !out && seen.insert(record.change))
        .map(|(record, _)| record.change)
        .collect();
    (floor, conflicts)
}

/// Whether two records say the same: the same holder, and no two different readers.
fn agree(a: &FloorChange, b: &FloorChange) -> bool {
    a.speaker == b.speaker && (a.read_by == b.read_by || a.read_by.is_none() || b.read_by.is_none())
}

/// The records (indexes into `all`, in time order) that are one moment: groups of records of
/// different takers, paired nearest first.
fn moments(all: &[Record]) -> Vec<Vec<usize>> {
    let mut pairs = Vec::new();
    for (a, x) in all.iter().enumerate() {
        for (b, y) in all.iter().enumerate().skip(a + 1) {
            let apart = y.change.at - x.change.at;
            if apart > SAME_HOLDER {
                break;
            }
            let agreeing = agree(&x.change, &y.change);
            if x.rank != y.rank && (agreeing || apart <= DIFFERENT_HOLDERS) {
                pairs.push((apart, !agreeing, a, b));
            }
        }
    }
    pairs.sort();
    let mut moment_of: Vec<usize> = (0..all.len()).collect();
    let mut moments: Vec<Vec<usize>> = (0..all.len()).map(|i| vec![i]).collect();
    for (_, _, a, b) in pairs {
        let (ma, mb) = (moment_of[a], moment_of[b]);
        let takers = |m: usize| moments[m].iter().map(|&i| all[i].rank).collect::<Vec<_>>();
        if ma == mb || takers(ma).iter().any(|rank| takers(mb).contains(rank)) {
            continue;
        }
        let moved = std::mem::take(&mut moments[mb]);
        for &i in &moved {
            moment_of[i] = ma;
        }
        moments[ma].extend(moved);
    }
    moments.retain(|m| !m.is_empty());
    moments
}

impl Session {
    /// Keeps a taker's floor change with their others (the records of a session read from
    /// files; a session made in memory has none, and its floor is all there is). Settle after.
    pub fn add_floor_record(&mut self, taker: &str, mut change: FloorChange) {
        if self.floor_records.is_empty() {
            self.insert_floor(change);
            return;
        }
        self.renumber_floor_change(&mut change);
        let folded = fold(taker);
        match self
            .floor_records
            .iter_mut()
            .find(|(t, _)| fold(t) == folded)
        {
            Some((_, records)) => records.push(change),
            None => self.floor_records.push((taker.to_string(), vec![change])),
        }
    }

    /// The floor and its conflicts settled again from every taker's records.
    pub fn settle_floor(&mut self) {
        if self.floor_records.is_empty() {
            return;
        }
        let (floor, conflicts) = settle(&self.people, &self.floor_records);
        self.floor = floor;
        self.floor_conflicts = conflicts;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PersonId;
    use chrono::{DateTime, FixedOffset};

    fn at(seconds: u32) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(&format!("2022-12-01T14:00:{seconds:02}Z")).unwrap()
    }

    fn floor(seconds: u32, speaker: Speaker) -> FloorChange {
        FloorChange {
            at: at(seconds),
            speaker: Some(speaker),
            read_by: None,
        }
    }

    fn people() -> Vec<Person> {
        let mut omar = Person::new(PersonId(2), "Omar Haddad");
        omar.roles = vec![Role::OnlineModerator];
        vec![Person::new(PersonId(1), "Ana Silva"), omar]
    }

    const PAULUS: Speaker = Speaker::Person(PersonId(7));
    const SOBOTA: Speaker = Speaker::Person(PersonId(8));

    fn settled(
        room: Vec<FloorChange>,
        chat: Vec<FloorChange>,
    ) -> [(Vec<FloorChange>, Vec<FloorConflict>); 2] {
        let room = ("Ana Silva".to_string(), room);
        let chat = ("Omar Haddad".to_string(), chat);
        [
            settle(&people(), &vec![room.clone(), chat.clone()]),
            settle(&people(), &vec![chat, room]),
        ]
    }

    #[test]
    fn the_online_moderator_decides_for_the_chat_and_the_room_taker_for_the_rest() {
        let [first, second] = settled(
            vec![floor(10, PAULUS), floor(40, PAULUS)],
            vec![floor(11, Speaker::Online), floor(41, Speaker::Audience)],
        );
        for (floor_, conflicts) in [&first, &second] {
            assert_eq!(floor_, &[floor(11, Speaker::Online), floor(40, PAULUS)]);
            assert_eq!(conflicts.len(), 2);
            assert_eq!(conflicts[0].kept_by, "Omar Haddad");
            assert_eq!(conflicts[0].left_out, floor(10, PAULUS));
            assert_eq!(conflicts[0].left_out_by, "Ana Silva");
            assert_eq!(conflicts[1].kept_by, "Ana Silva");
            assert_eq!(conflicts[1].left_out.speaker, Some(Speaker::Audience));
        }
    }

    #[test]
    fn records_that_agree_are_one_hand_over_counted_once_and_no_conflict() {
        let [first, _] = settled(
            vec![floor(10, PAULUS)],
            vec![floor(13, PAULUS), floor(30, PAULUS)],
        );
        assert_eq!(
            first.0,
            [floor(10, PAULUS), floor(30, PAULUS)],
            "30: its own turn"
        );
        assert_eq!(first.1, []);
    }

    #[test]
    fn a_quick_hand_over_seconds_after_another_takers_record_is_a_turn_of_its_own() {
        // Ana gives the floor to Paulus; four seconds later Omar hands it to the chat.
        let [first, second] = settled(vec![floor(10, PAULUS)], vec![floor(14, Speaker::Online)]);
        for (floor_, conflicts) in [first, second] {
            assert_eq!(floor_, [floor(10, PAULUS), floor(14, Speaker::Online)]);
            assert_eq!(conflicts, []);
        }
    }

    #[test]
    fn a_takers_next_record_after_one_both_recorded_is_their_next_hand_over() {
        // Both record Sobota; a second later Omar records the chat's turn (Ana is typing a note
        // and records it late). Omar's second record is his next hand-over, not his version of
        // Ana's first one, and Ana's late record agrees with it.
        let [first, second] = settled(
            vec![floor(10, SOBOTA), floor(16, Speaker::Online)],
            vec![floor(11, SOBOTA), floor(12, Speaker::Online)],
        );
        for (floor_, conflicts) in [first, second] {
            assert_eq!(floor_, [floor(10, SOBOTA), floor(12, Speaker::Online)]);
            assert_eq!(conflicts, []);
        }
    }

    #[test]
    fn a_record_given_twice_counts_once_and_a_lone_taker_settles_to_their_records() {
        let one = vec![(
            "Ana Silva".to_string(),
            vec![floor(10, PAULUS), floor(10, PAULUS), floor(12, SOBOTA)],
        )];
        assert_eq!(
            settle(&people(), &one),
            (vec![floor(10, PAULUS), floor(12, SOBOTA)], vec![])
        );
    }
}
