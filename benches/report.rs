//! Exporting the reports of a 10,000-note session: should take milliseconds.

use chrono::{DateTime, Duration, FixedOffset};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

use rapporteur::model::{
    Change, FloorChange, Note, NoteKind, Person, PersonId, PolicyQuestion, RegionalGroup, Role,
    Session, Speaker, StakeholderGroup,
};
use rapporteur::report::{self, Anonymity, Format, Options, Profile, Report, TemplateDirs};

fn session(notes: usize) -> Session {
    let start: DateTime<FixedOffset> =
        DateTime::parse_from_rfc3339("2022-11-29T10:30:00+03:00").unwrap();
    let mut session = Session::default();
    session.info.title = "A very long session".to_string();
    session.info.start = Some(start);
    let groups = StakeholderGroup::ALL;
    let regions = RegionalGroup::ALL;
    for id in 1..=12u32 {
        let mut person = Person::new(PersonId(id), format!("Speaker{id} Surname{id}"));
        person.stakeholder = Some(groups[id as usize % groups.len()]);
        person.region = Some(regions[id as usize % regions.len()]);
        person.add_role(Role::Speaker);
        session.people.push(person);
    }
    for number in 1..=3 {
        session.questions.push(PolicyQuestion {
            number,
            title: None,
            text: format!("Policy question {number}?"),
        });
    }
    let speakers: Vec<Speaker> = (1..=12)
        .map(|id| Speaker::Person(PersonId(id)))
        .chain([Speaker::Audience, Speaker::Online])
        .collect();
    for index in 0..notes {
        let at = start + Duration::seconds(index as i64);
        let speaker = speakers[index % speakers.len()];
        let kind = NoteKind::ALL[index % NoteKind::ALL.len()];
        let text = format!(
            "Note {index}: as Surname{} said, attribution needs evidence that others can check #tag{}",
            index % 12 + 1,
            index % 7
        );
        let note = Note::new(
            at,
            Some(speaker),
            vec![(index % 3) as u8 + 1],
            kind,
            text,
            "bench",
        );
        session.apply(Change::Note(note));
        if index % 20 == 0 {
            session.apply(Change::Floor(FloorChange {
                at,
                speaker: Some(speaker),
                read_by: None,
            }));
        }
    }
    session
}

fn bench(c: &mut Criterion) {
    let session = session(10_000);
    let dirs = TemplateDirs::built_in();
    let profile = Profile::load("igf", &dirs).unwrap();
    for (name, report, format, anonymous) in [
        ("short md", Report::Short, Format::Markdown, false),
        ("final md", Report::Final, Format::Markdown, false),
        ("final html", Report::Final, Format::Html, false),
        ("final json", Report::Final, Format::Json, false),
        ("final html anonymous", Report::Final, Format::Html, true),
    ] {
        let options = Options {
            report,
            format,
            anonymous: anonymous.then_some(Anonymity::GroupAndRegion),
            template: None,
            dirs: &dirs,
            wrap: None,
        };
        c.bench_function(&format!("export 10,000 notes: {name}"), |b| {
            b.iter(|| report::export(black_box(&session), &profile, &options).unwrap())
        });
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = bench
}
criterion_main!(benches);
