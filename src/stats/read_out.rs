//! Turns of an audience that someone voiced for it: the online moderator reading a question out
//! of the chat, most often. The floor time is the audience's and stays out of the reader's own;
//! what is counted here is how much of the audience's time went through whom, so that a report
//! can say so without moving a second from one to the other.

use chrono::{DateTime, FixedOffset};

use super::{Tally, Turn};
use crate::model::{PersonId, Session, Speaker};

/// How much of an audience's floor time one person read out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadOut {
    /// The audience whose turns these were: `Speaker::Online` or `Speaker::Audience`.
    pub audience: Speaker,
    pub reader: PersonId,
    /// The floor time and turns read out, and the notes on the audience taken in them: all of it
    /// already in the audience's tally, none of it in the reader's.
    pub tally: Tally,
}

/// Who read out `speaker`'s turn under way at `at`, if it is an audience's turn read out.
pub fn reader_at(
    session: &Session,
    speaker: Speaker,
    at: DateTime<FixedOffset>,
) -> Option<PersonId> {
    let after = session.floor.partition_point(|f| f.at <= at);
    let change = session.floor.get(after.checked_sub(1)?)?;
    if session.ended.is_some_and(|ended| change.at >= ended) {
        return None;
    }
    change.reader().filter(|_| change.speaker == Some(speaker))
}

/// The read-out time by audience and reader, in the order each pair first read.
pub(super) fn read_out(session: &Session, turns: &[(usize, Turn)]) -> Vec<ReadOut> {
    let mut result: Vec<ReadOut> = Vec::new();
    let mut previous = None;
    for (change, turn) in turns {
        let Some(reader) = session.floor[*change].reader() else {
            previous = None;
            continue;
        };
        let key = (turn.speaker, reader);
        let tally = entry(&mut result, key);
        tally.floor += turn.held();
        // As for any speaker: one turn however many times the same reader was recorded again.
        if previous != Some((change.wrapping_sub(1), key)) {
            tally.interventions += 1;
        }
        previous = Some((*change, key));
    }
    for note in &session.notes {
        let Some(speaker) = note.speaker else {
            continue;
        };
        if let Some(reader) = reader_at(session, speaker, note.at) {
            entry(&mut result, (speaker, reader)).notes += 1;
        }
    }
    result
}

fn entry(result: &mut Vec<ReadOut>, (audience, reader): (Speaker, PersonId)) -> &mut Tally {
    let at = match result
        .iter()
        .position(|r| (r.audience, r.reader) == (audience, reader))
    {
        Some(at) => at,
        None => {
            result.push(ReadOut {
                audience,
                reader,
                tally: Tally::default(),
            });
            result.len() - 1
        }
    };
    &mut result[at].tally
}

/// "0:03:10 read out by Omar Haddad", "0:07:00 read out by Ana, 0:05:00 by Ben": beside an
/// audience's floor time wherever it is shown; `name` names a reader (by group, in an anonymous
/// report). None when nobody read out for it.
pub fn read_out_by<'a>(
    read_out: impl IntoIterator<Item = &'a ReadOut>,
    name: impl Fn(PersonId) -> String,
) -> Option<String> {
    let readers: Vec<String> = read_out
        .into_iter()
        .enumerate()
        .map(|(index, r)| {
            let by = if index == 0 { "read out by" } else { "by" };
            format!("{} {by} {}", super::hms(r.tally.floor), name(r.reader))
        })
        .collect();
    (!readers.is_empty()).then(|| readers.join(", "))
}
