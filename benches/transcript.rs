//! Reading the transcript of a 90-minute session (about 15,000 words) against the session and
//! checking 100 quotes: should take well under 100 ms.

use chrono::{DateTime, Duration, FixedOffset};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

use rapporteur::model::{Note, NoteKind, Person, PersonId, Role, Session, Speaker};
use rapporteur::transcript::{Analysis, LabelMap, QuoteStatus, parse};

const PEOPLE: u32 = 12;
const WORDS: usize = 15_000;

/// A small deterministic generator, so every run reads the same transcript.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % below as u64) as usize
    }
}

/// A vocabulary of made-up words of two or three syllables: as varied as speech.
fn vocabulary(random: &mut Lcg) -> Vec<String> {
    let syllables = [
        "ka", "lo", "mi", "ne", "ru", "sa", "to", "vi", "de", "po", "an", "el", "or", "us", "ti",
        "ber", "cy", "dip", "net", "gov",
    ];
    (0..3000)
        .map(|_| {
            (0..2 + random.next(2))
                .map(|_| syllables[random.next(syllables.len())])
                .collect()
        })
        .collect()
}

fn session(start: DateTime<FixedOffset>) -> Session {
    let mut session = Session::default();
    session.info.start = Some(start);
    session.info.duration_minutes = Some(90);
    for id in 1..=PEOPLE {
        let mut person = Person::new(PersonId(id), format!("Speakerina{id} Surnamova{id}"));
        person.add_role(if id == 1 {
            Role::OnsiteModerator
        } else {
            Role::Speaker
        });
        session.people.push(person);
    }
    session
}

/// The transcript's text, and the turns' words with their speakers, to quote from.
fn transcript(random: &mut Lcg, words: &[String]) -> (String, Vec<(u32, Vec<String>)>) {
    let mut text =
        String::from("FINISHED FILE\nRealtime captioning; not an authoritative record.\n***\n");
    let mut turns = Vec::new();
    let mut written = 0;
    while written < WORDS {
        let id = if turns.len() % 2 == 0 {
            1
        } else {
            2 + random.next(PEOPLE as usize - 1) as u32
        };
        let label = match (id, random.next(4)) {
            (1, _) => "MODERATOR".to_string(),
            (_, 0) => format!("MS. SURNAMOVA{id}"),
            (_, 1) => format!("SPEAKERINA{id} SURNAMOVA{id}"),
            (_, 2) => format!("Dr. Speakerina{id} Surnamova{id}"),
            _ => format!("SPEAKERINA{id}"),
        };
        let said: Vec<String> = (0..20 + random.next(100))
            .map(|_| words[random.next(words.len())].clone())
            .collect();
        text += &format!(">> {label}:  ");
        for (index, word) in said.iter().enumerate() {
            text += word;
            text += if index % 12 == 11 { ".\n   " } else { " " };
        }
        text += "(Applause)\n";
        written += said.len();
        turns.push((id, said));
    }
    (text, turns)
}

/// 100 quotes: half copied from a turn (some put down to the wrong speaker), half not said.
fn quotes(
    random: &mut Lcg,
    start: DateTime<FixedOffset>,
    turns: &[(u32, Vec<String>)],
    words: &[String],
) -> Vec<Note> {
    (0..100)
        .map(|index| {
            let (id, said) = &turns[random.next(turns.len())];
            let from = random.next(said.len() - 10);
            let mut quoted: Vec<String> = said[from..from + 10].to_vec();
            if index % 2 == 1 {
                for slot in 0..4 {
                    quoted[slot * 2] = words[random.next(words.len())].clone();
                }
            }
            let speaker = if index % 5 == 0 {
                1 + (id % PEOPLE)
            } else {
                *id
            };
            Note::new(
                start + Duration::minutes(index % 90),
                Some(Speaker::Person(PersonId(speaker))),
                vec![],
                NoteKind::Quote,
                quoted.join(" "),
                "bench",
            )
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let start = DateTime::parse_from_rfc3339("2022-12-01T13:50:00Z").unwrap();
    let mut random = Lcg(422);
    let words = vocabulary(&mut random);
    let (text, turns) = transcript(&mut random, &words);
    let mut session = session(start);
    for note in quotes(&mut random, start, &turns, &words) {
        session.upsert_note(note);
    }
    let map = LabelMap::default();
    // What is timed does the real work: every label matched, quotes found and not found.
    let analysis = Analysis::new(&session, parse(&text).expect("turns"), &map);
    assert!(analysis.attributions.iter().all(|a| a.speaker().is_some()));
    let checks = analysis.check_quotes(&session);
    let found = checks
        .iter()
        .filter(|c| c.status != QuoteStatus::NotFound)
        .count();
    assert!(
        checks.len() == 100 && (40..=60).contains(&found),
        "{found} found"
    );
    assert!(
        checks
            .iter()
            .any(|c| c.status == QuoteStatus::Misattributed)
    );
    c.bench_function(
        "transcript: read 15,000 words, match, estimate, check 100 quotes",
        |b| {
            b.iter(|| {
                let transcript = parse(black_box(&text)).expect("turns");
                let analysis = Analysis::new(&session, transcript, &map);
                let estimates = analysis.estimates(&session);
                let checks = analysis.check_quotes(&session);
                black_box((estimates, checks))
            })
        },
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
