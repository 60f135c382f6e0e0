//! An open floor counted on as time passes, without walking the notes: a screen recounts every
//! figure only when the session changes, and between changes the speaker who holds the floor
//! gains time, as do their groups, their part and the questions being discussed in their turn.

use chrono::{DateTime, FixedOffset, TimeDelta};

use super::{GroupTally, Part, Stats, Tally};
use crate::model::{Session, Speaker};

impl Stats {
    /// What [`super::compute`] with `Until::Moment(to)` would give, for a few additions: the open
    /// floor's turn now runs to `to`. Returns whether anything moved; never counts backwards.
    pub fn count_on(&mut self, session: &Session, to: DateTime<FixedOffset>) -> bool {
        let (Some(open), Some(until)) = (self.open_floor, self.counted_until) else {
            return false;
        };
        if to <= until {
            return false;
        }
        // A turn is held from its start, even when the count began before it (a clock behind
        // the floor change).
        let held = |end: DateTime<FixedOffset>| (end - open.since).max(TimeDelta::zero());
        let more = held(to) - held(until);
        self.counted_until = Some(to);
        let speaker = open.speaker;
        let add = |tally: &mut Tally| tally.floor += more;
        if let Some(entry) = self.speakers.iter_mut().find(|s| s.speaker == speaker) {
            add(&mut entry.tally);
        }
        if let Speaker::Person(id) = speaker {
            let person = session.person(id);
            let stakeholder = person.and_then(|p| p.stakeholder);
            add_to_group(&mut self.stakeholder_groups, stakeholder, more);
            add_to_group(
                &mut self.regional_groups,
                person.and_then(|p| p.region),
                more,
            );
            add_to_group(&mut self.genders, person.and_then(|p| p.gender), more);
        }
        let part = Part::of(session, speaker);
        if let Some(entry) = self.parts.iter_mut().find(|p| p.part == part) {
            add(&mut entry.tally);
        }
        for question in &mut self.questions {
            if self.open_questions.contains(&question.number) {
                question.floor += more;
            }
        }
        self.total_floor += more;
        true
    }
}

fn add_to_group<G: PartialEq>(groups: &mut [GroupTally<G>], group: Option<G>, more: TimeDelta) {
    if let Some(entry) = groups.iter_mut().find(|g| g.group == group) {
        entry.tally.floor += more;
    }
}
