//! Several takers' records read as one session. Two things need all of them at once: the floor,
//! settled from every taker's records (see [`super::floor_settle`]), and the roster, where two
//! takers who added the same newcomer, each on their own laptop, gave them two entries (each taker
//! numbers newcomers in a block of their own).
//!
//! Entries of one name (ignoring case and accents, matched as a merge of separate copies matches
//! them) given by different takers are one person: the entry with the lowest id is kept, a fixed
//! choice whatever order the files or the entries arrived in, and notes, floor changes and groups
//! naming another's id name the one kept. The other ids stay taken (`Session::namesakes`), so the
//! taker who gave one never gives it to someone else.

use super::change::{Change, unite};
use super::floor_settle::floor_records;
use super::names::fold;
use super::note::{FloorChange, Speaker};
use super::roster::{PersonId, person_block};
use super::session::Session;

impl Session {
    /// Replays every taker's journal (each with its taker's name, the first taker's first),
    /// united, then unites the takers' namesakes and settles the floor.
    pub fn replay_takers(&mut self, journals: Vec<(String, Vec<Change>)>) {
        let records = floor_records(&journals);
        self.replay(unite(journals.into_iter().map(|(_, c)| c).collect()));
        self.floor_records = records;
        self.unite_takers();
    }

    /// What other takers' records change when they arrive: namesakes united, the floor settled
    /// again, as reading all the files would.
    pub fn unite_takers(&mut self) {
        self.unite_namesakes();
        self.settle_floor();
    }

    /// Unites the entries two takers gave one person; see the module.
    pub fn unite_namesakes(&mut self) {
        for person in self.people.iter().filter(|p| !p.removed) {
            let block = person_block(person.id);
            // Only a joined taker's newcomers have another block's lower ids to be matched with.
            let mut lower = self
                .people
                .iter()
                .filter(|other| {
                    !other.removed && other.id < person.id && person_block(other.id) != block
                })
                .peekable();
            if lower.peek().is_none() {
                continue;
            }
            let folded = fold(&person.name);
            let kept = lower
                .filter(|other| other.is_named(&folded))
                .map(|p| p.id)
                .min();
            if let Some(kept) = kept {
                self.namesakes.insert(person.id, kept);
            }
        }
        if self.namesakes.is_empty() {
            return;
        }
        // A kept entry may itself be another's namesake: follow to the end.
        let aliases = self.namesakes.clone();
        let to = move |mut id: PersonId| {
            while let Some(&kept) = aliases.get(&id) {
                id = kept;
            }
            id
        };
        let (kept, united): (Vec<_>, Vec<_>) = std::mem::take(&mut self.people)
            .into_iter()
            .partition(|p| to(p.id) == p.id);
        self.people = kept;
        for person in united {
            if let Some(kept) = self.person_mut(to(person.id)) {
                for differs in kept.absorb(person) {
                    if !self.namesakes_differ.contains(&differs) {
                        self.namesakes_differ.push(differs);
                    }
                }
            }
        }
        self.renumber_people(&to);
    }

    /// Every person named in the record, renumbered by `to`.
    fn renumber_people(&mut self, to: &impl Fn(PersonId) -> PersonId) {
        let speaker = |speaker: &mut Option<Speaker>| {
            if let Some(Speaker::Person(id)) = speaker {
                *id = to(*id);
            }
        };
        for note in self.notes.iter_mut().chain(self.trash.iter_mut()) {
            speaker(&mut note.speaker);
        }
        let floor = self
            .floor_records
            .iter_mut()
            .flat_map(|(_, f)| f.iter_mut());
        for change in self.floor.iter_mut().chain(floor) {
            speaker(&mut change.speaker);
            change.read_by = change.read_by.map(to);
        }
        for group in &mut self.groups {
            let mut members = Vec::new();
            for member in group.members.iter().map(|id| to(*id)) {
                if !members.contains(&member) {
                    members.push(member);
                }
            }
            group.members = members;
        }
    }

    /// A floor change arriving from another taker, naming the person kept for a namesake.
    pub(super) fn renumber_floor_change(&self, change: &mut FloorChange) {
        let to = |mut id: PersonId| {
            while let Some(&kept) = self.namesakes.get(&id) {
                id = kept;
            }
            id
        };
        if let Some(Speaker::Person(id)) = &mut change.speaker {
            *id = to(*id);
        }
        change.read_by = change.read_by.map(to);
    }
}
