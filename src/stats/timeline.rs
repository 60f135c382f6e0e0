//! Who spoke when: each speaker's turns laid along the session's time, one lane a speaker, for
//! the `stats --timeline` picture and the final report's chart.

use chrono::{DateTime, FixedOffset, TimeDelta};

use super::{Until, turns};
use crate::model::{Session, Speaker};

/// One speaker's turns, in time order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lane {
    pub speaker: Speaker,
    pub spans: Vec<(DateTime<FixedOffset>, DateTime<FixedOffset>)>,
    pub floor: TimeDelta,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpeakingTimeline {
    pub start: DateTime<FixedOffset>,
    pub end: DateTime<FixedOffset>,
    /// The people on the roster in roster order, then the audiences; only those who had the floor.
    pub lanes: Vec<Lane>,
}

impl SpeakingTimeline {
    /// From the clock's start (or the first turn, if earlier) to the end of the last turn; None
    /// when no floor time was recorded.
    pub fn of(session: &Session, until: Until) -> Option<SpeakingTimeline> {
        let turns = turns(session, until);
        let first = turns.iter().map(|(_, t)| t.start).min()?;
        let start = session
            .clock_started
            .map_or(first, |clock| clock.min(first));
        let end = turns.iter().map(|(_, t)| t.end).max()?;
        if end <= start {
            return None;
        }
        let order = session
            .people
            .iter()
            .map(|p| Speaker::Person(p.id))
            .chain([Speaker::Audience, Speaker::Online]);
        let mut lanes: Vec<Lane> = order
            .map(|speaker| Lane {
                speaker,
                spans: Vec::new(),
                floor: TimeDelta::zero(),
            })
            .collect();
        for (_, turn) in &turns {
            let lane = match lanes.iter().position(|l| l.speaker == turn.speaker) {
                Some(index) => index,
                None => {
                    lanes.push(Lane {
                        speaker: turn.speaker,
                        spans: Vec::new(),
                        floor: TimeDelta::zero(),
                    });
                    lanes.len() - 1
                }
            };
            lanes[lane].spans.push((turn.start, turn.end));
            lanes[lane].floor += turn.held();
        }
        lanes.retain(|lane| lane.floor > TimeDelta::zero());
        Some(SpeakingTimeline { start, end, lanes })
    }

    pub fn length(&self) -> TimeDelta {
        self.end - self.start
    }

    /// Where a moment falls along the session, from 0 at its start to 1 at its end.
    pub fn position(&self, at: DateTime<FixedOffset>) -> f64 {
        let length = self.length().num_milliseconds() as f64;
        ((at - self.start).num_milliseconds() as f64 / length).clamp(0.0, 1.0)
    }

    /// For `columns` equal slices of the session, how much of each the lane held, from 0 to 1.
    pub fn coverage(&self, lane: &Lane, columns: usize) -> Vec<f64> {
        let mut covered = vec![0.0; columns];
        if columns == 0 {
            return covered;
        }
        let scale = columns as f64;
        for (from, to) in &lane.spans {
            let (a, b) = (self.position(*from) * scale, self.position(*to) * scale);
            let first = (a.floor() as usize).min(columns - 1);
            let last = (b.ceil() as usize).clamp(first + 1, columns);
            for (column, share) in covered.iter_mut().enumerate().take(last).skip(first) {
                let (left, right) = (column as f64, column as f64 + 1.0);
                *share += (b.min(right) - a.max(left)).max(0.0);
            }
        }
        covered.iter_mut().for_each(|share| *share = share.min(1.0));
        covered
    }

    /// `count` moments spread evenly from the start to the end, for an axis.
    pub fn ticks(&self, count: usize) -> Vec<DateTime<FixedOffset>> {
        let count = count.clamp(2, 1000) as i32;
        (0..count)
            .map(|i| self.start + self.length() * i / (count - 1))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Change, FloorChange, Person, PersonId};

    fn at(minute: i64) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2022-12-01T10:00:00+01:00").unwrap()
            + TimeDelta::minutes(minute)
    }

    #[test]
    fn lanes_hold_each_speakers_turns_and_columns_their_share() {
        let mut session = Session::default();
        session.people.push(Person::new(PersonId(1), "Ana"));
        session.people.push(Person::new(PersonId(2), "Ben"));
        for (minute, speaker) in [
            (0, Some(Speaker::Person(PersonId(1)))),
            (30, Some(Speaker::Audience)),
            (45, None),
            (50, Some(Speaker::Person(PersonId(1)))),
            (60, None),
        ] {
            session.apply(Change::Floor(FloorChange {
                at: at(minute),
                speaker,
                read_by: None,
            }));
        }
        let timeline = SpeakingTimeline::of(&session, Until::LastRecorded).unwrap();
        assert_eq!((timeline.start, timeline.end), (at(0), at(60)));
        let speakers: Vec<Speaker> = timeline.lanes.iter().map(|l| l.speaker).collect();
        assert_eq!(
            speakers,
            [Speaker::Person(PersonId(1)), Speaker::Audience],
            "Ben never spoke"
        );
        assert_eq!(timeline.lanes[0].floor, TimeDelta::minutes(40));
        // Four columns of fifteen minutes.
        let thousandths = |lane: &Lane| -> Vec<i64> {
            let shares = timeline.coverage(lane, 4);
            shares.iter().map(|s| (s * 1000.0).round() as i64).collect()
        };
        assert_eq!(thousandths(&timeline.lanes[0]), [1000, 1000, 0, 667]);
        assert_eq!(thousandths(&timeline.lanes[1]), [0, 0, 1000, 0]);
        assert_eq!(timeline.ticks(3), [at(0), at(30), at(60)]);
        assert!(timeline.coverage(&timeline.lanes[0], 1)[0] <= 1.0);
        assert!(timeline.coverage(&timeline.lanes[0], 0).is_empty());
    }

    #[test]
    fn no_floor_time_no_timeline() {
        let mut session = Session::default();
        assert_eq!(SpeakingTimeline::of(&session, Until::LastRecorded), None);
        session.apply(Change::Floor(FloorChange {
            at: at(0),
            speaker: None,
            read_by: None,
        }));
        assert_eq!(SpeakingTimeline::of(&session, Until::LastRecorded), None);
    }
}
