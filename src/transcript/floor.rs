//! Interventions and the floor time the transcript suggests. The transcript has no times, so an
//! intervention's length is estimated from its words, spread over the session's recorded span;
//! where the rapporteur recorded floor changes, the ones that line up with the transcript fix
//! when an intervention began, and the words are spread between those moments.

use chrono::{DateTime, FixedOffset, TimeDelta};

use super::labels::Attribution;
use super::parse::Transcript;
use crate::model::{FloorChange, Session, Speaker};

/// Consecutive turns of one speaker.
#[derive(Debug, Clone, PartialEq)]
pub struct Intervention {
    pub who: Attribution,
    /// Indices of its turns in the transcript.
    pub turns: Vec<usize>,
    pub words: usize,
    /// When it began, as estimated (None when the session has no time to spread it over).
    pub start: Option<DateTime<FixedOffset>>,
    /// How long it lasted, as estimated, in whole seconds.
    pub seconds: Option<i64>,
    /// Whether a recorded floor change fixed its start.
    pub anchored: bool,
}

/// The time the transcript is spread over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// Where it starts, when the session knows (the clock start, else the scheduled start).
    pub start: Option<DateTime<FixedOffset>>,
    pub seconds: i64,
    pub source: SpanSource,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpanSource {
    /// From the session clock's start to the last moment recorded.
    Clock,
    /// The scheduled duration.
    Schedule,
}

impl SpanSource {
    pub fn slug(self) -> &'static str {
        match self {
            SpanSource::Clock => "clock",
            SpanSource::Schedule => "schedule",
        }
    }
}

/// The recorded span (clock start to the last record), else the scheduled duration.
pub fn span(session: &Session) -> Option<Span> {
    if let (Some(start), Some(end)) = (session.clock_started, session.last_recorded()) {
        let seconds = (end - start).num_seconds();
        if seconds > 0 {
            return Some(Span {
                start: Some(start),
                seconds,
                source: SpanSource::Clock,
            });
        }
    }
    let minutes = session.info.planned_minutes().filter(|m| *m > 0)?;
    Some(Span {
        start: session.clock_started.or(session.info.start),
        seconds: i64::from(minutes) * 60,
        source: SpanSource::Schedule,
    })
}

/// Groups turns into interventions. A turn with no words (only a stage note) belongs to nobody
/// and does not break another speaker's intervention.
pub fn interventions(transcript: &Transcript, attributions: &[Attribution]) -> Vec<Intervention> {
    let mut result: Vec<Intervention> = Vec::new();
    for (index, (turn, who)) in transcript.turns.iter().zip(attributions).enumerate() {
        if turn.words == 0 {
            continue;
        }
        match result.last_mut() {
            Some(last) if last.who == *who => {
                last.turns.push(index);
                last.words += turn.words;
            }
            _ => result.push(Intervention {
                who: who.clone(),
                turns: vec![index],
                words: turn.words,
                start: None,
                seconds: None,
                anchored: false,
            }),
        }
    }
    result
}

/// Beyond this many interventions × floor turns, lining them up would cost more than it is
/// worth (a 90-minute session has a few hundred of each); the words alone are used.
const MAX_ALIGNMENT_CELLS: usize = 4_000_000;

/// Estimates each intervention's start and length over the span. The lengths add up to the span
/// exactly: the first intervention starts with the span and the last ends with it.
pub fn estimate(interventions: &mut [Intervention], span: &Span, floor: &[FloorChange]) {
    if interventions.is_empty() {
        return;
    }
    let total = span.seconds as f64;
    let mut points: Vec<(usize, f64)> = vec![(0, 0.0)];
    if let Some(start) = span.start {
        for (index, at) in anchors(interventions, &turns_at_floor(floor)) {
            let offset = (at - start).num_milliseconds() as f64 / 1000.0;
            let previous = points.last().map_or(0.0, |p| p.1);
            if index > 0 {
                points.push((index, offset.clamp(previous, total)));
                interventions[index].anchored = true;
            }
        }
    }
    points.push((interventions.len(), total));
    let mut boundaries = vec![0.0; interventions.len() + 1];
    for pair in points.windows(2) {
        let ((from, from_at), (to, to_at)) = (pair[0], pair[1]);
        let words: usize = interventions[from..to].iter().map(|i| i.words).sum();
        let mut said = 0;
        for (index, intervention) in interventions[from..to].iter().enumerate() {
            boundaries[from + index] = from_at + (to_at - from_at) * said as f64 / words as f64;
            said += intervention.words;
        }
        boundaries[to] = to_at;
    }
    for (index, intervention) in interventions.iter_mut().enumerate() {
        let (from, to) = (
            boundaries[index].round() as i64,
            boundaries[index + 1].round() as i64,
        );
        intervention.seconds = Some(to - from);
        intervention.start = span.start.map(|start| start + TimeDelta::seconds(from));
    }
}

/// The recorded floor as a list of turns: each a new voice (a pause and the same voice again
/// is one turn, as the transcript would show it). A turn read out for the audience is heard in
/// the reader's voice, and the captioner labels it with the reader's name.
fn turns_at_floor(floor: &[FloorChange]) -> Vec<(Speaker, DateTime<FixedOffset>)> {
    let mut turns: Vec<(Speaker, DateTime<FixedOffset>)> = Vec::new();
    for change in floor {
        let Some(speaker) = change.speaker else {
            continue;
        };
        let speaker = change.reader().map_or(speaker, Speaker::Person);
        if turns.last().is_none_or(|last| last.0 != speaker) {
            turns.push((speaker, change.at));
        }
    }
    turns
}

/// The interventions that line up with recorded floor turns, and when those began: the longest
/// common sequence of speakers, so that a hand-over the rapporteur missed, or one the captioner
/// did not mark, shifts nothing after it.
fn anchors(
    interventions: &[Intervention],
    floor: &[(Speaker, DateTime<FixedOffset>)],
) -> Vec<(usize, DateTime<FixedOffset>)> {
    let (n, m) = (interventions.len(), floor.len());
    if m == 0 || (n + 1).saturating_mul(m + 1) > MAX_ALIGNMENT_CELLS {
        return Vec::new();
    }
    let same = |i: usize, j: usize| interventions[i].who.speaker() == Some(floor[j].0);
    // longest[i][j]: the longest common sequence of interventions[i..] and floor[j..].
    let width = m + 1;
    let mut longest = vec![0u32; (n + 1) * width];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            longest[i * width + j] = if same(i, j) {
                longest[(i + 1) * width + j + 1] + 1
            } else {
                longest[(i + 1) * width + j].max(longest[i * width + j + 1])
            };
        }
    }
    let mut result = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < n && j < m {
        if same(i, j) && longest[i * width + j] == longest[(i + 1) * width + j + 1] + 1 {
            result.push((i, floor[j].1));
            i += 1;
            j += 1;
        } else if longest[(i + 1) * width + j] >= longest[i * width + j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    result
}

/// The intervention under way at `at`, by the estimate, and how far into it (0 to 1).
pub fn at_moment(
    interventions: &[Intervention],
    at: DateTime<FixedOffset>,
) -> Option<(usize, f64)> {
    let index = interventions
        .partition_point(|i| i.start.is_some_and(|start| start <= at))
        .checked_sub(1)?;
    let intervention = &interventions[index];
    let (start, seconds) = (intervention.start?, intervention.seconds?);
    let into = (at - start).num_milliseconds() as f64 / 1000.0;
    if into > seconds as f64 {
        return None;
    }
    let fraction = if seconds > 0 {
        into / seconds as f64
    } else {
        0.0
    };
    Some((index, fraction))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PersonId;
    use crate::transcript::parse::parse;

    fn person(id: u32) -> Attribution {
        Attribution::Speaker(Speaker::Person(PersonId(id)))
    }

    fn at(text: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(text).unwrap()
    }

    fn sample() -> Vec<Intervention> {
        let transcript = parse(
            ">> A: one two three four\n>> A: five six\n>> B: (Applause)\n>> A: seven eight\n\
             >> C: one two\n>> B: one two three four five six seven eight nine ten\n",
        )
        .unwrap();
        let who = [
            person(1),
            person(1),
            person(2),
            person(1),
            person(3),
            person(2),
        ];
        interventions(&transcript, &who)
    }

    #[test]
    fn consecutive_turns_of_one_speaker_are_one_intervention() {
        let interventions = sample();
        let summary: Vec<(Attribution, usize, usize)> = interventions
            .iter()
            .map(|i| (i.who.clone(), i.turns.len(), i.words))
            .collect();
        assert_eq!(
            summary,
            [(person(1), 3, 8), (person(3), 1, 2), (person(2), 1, 10)],
            "a stage note alone breaks nothing"
        );
    }

    #[test]
    fn words_spread_over_the_span_add_up_to_it() {
        let mut interventions = sample();
        let span = Span {
            start: Some(at("2022-12-01T14:00:00Z")),
            seconds: 200,
            source: SpanSource::Schedule,
        };
        estimate(&mut interventions, &span, &[]);
        let seconds: Vec<i64> = interventions.iter().map(|i| i.seconds.unwrap()).collect();
        assert_eq!(seconds, [80, 20, 100]);
        assert_eq!(interventions[2].start, Some(at("2022-12-01T14:01:40Z")));
        assert!(interventions.iter().all(|i| !i.anchored));
    }

    #[test]
    fn recorded_floor_changes_anchor_the_estimate() {
        let mut interventions = sample();
        let span = Span {
            start: Some(at("2022-12-01T14:00:00Z")),
            seconds: 200,
            source: SpanSource::Clock,
        };
        let change = |time: &str, id: Option<u32>| FloorChange {
            at: at(time),
            speaker: id.map(|id| Speaker::Person(PersonId(id))),
            read_by: None,
        };
        // B really began at 14:03:00, and a pause and A again is still one turn of A.
        let floor = [
            change("2022-12-01T14:00:00Z", Some(1)),
            change("2022-12-01T14:00:30Z", None),
            change("2022-12-01T14:00:40Z", Some(1)),
            change("2022-12-01T14:03:00Z", Some(2)),
        ];
        estimate(&mut interventions, &span, &floor);
        let seconds: Vec<i64> = interventions.iter().map(|i| i.seconds.unwrap()).collect();
        assert_eq!(seconds, [144, 36, 20], "A and C share 180 s by their words");
        assert_eq!(seconds.iter().sum::<i64>(), 200);
        assert!(interventions[2].anchored);
        assert_eq!(
            at_moment(&interventions, at("2022-12-01T14:02:42Z")),
            Some((1, 0.5))
        );
        assert_eq!(at_moment(&interventions, at("2022-12-01T13:59:00Z")), None);
        assert_eq!(at_moment(&interventions, at("2022-12-01T14:05:00Z")), None);
    }

    #[test]
    fn a_turn_read_out_for_the_chat_lines_up_with_the_readers_words() {
        let mut interventions = sample();
        let span = Span {
            start: Some(at("2022-12-01T14:00:00Z")),
            seconds: 200,
            source: SpanSource::Clock,
        };
        // C read out the chat's question at 14:01:00: the transcript shows C's words there.
        let floor = [
            FloorChange {
                at: at("2022-12-01T14:00:00Z"),
                speaker: Some(Speaker::Person(PersonId(1))),
                read_by: None,
            },
            FloorChange {
                at: at("2022-12-01T14:01:00Z"),
                speaker: Some(Speaker::Online),
                read_by: Some(PersonId(3)),
            },
        ];
        estimate(&mut interventions, &span, &floor);
        assert!(
            interventions[1].anchored,
            "C's reading placed by the record"
        );
        assert_eq!(interventions[1].start, Some(at("2022-12-01T14:01:00Z")));
    }

    #[test]
    fn the_span_is_the_clock_else_the_schedule() {
        let mut session = Session::default();
        assert_eq!(span(&session), None);
        session.info.duration_minutes = Some(90);
        session.info.start = Some(at("2022-12-01T13:50:00Z"));
        let scheduled = span(&session).unwrap();
        assert_eq!(
            (scheduled.seconds, scheduled.source),
            (5400, SpanSource::Schedule)
        );
        session.clock_started = Some(at("2022-12-01T13:55:00Z"));
        session.record_floor(FloorChange {
            at: at("2022-12-01T15:15:00Z"),
            speaker: None,
            read_by: None,
        });
        let clock = span(&session).unwrap();
        assert_eq!((clock.seconds, clock.source), (4800, SpanSource::Clock));
        assert_eq!(clock.start, session.clock_started);
    }
}
