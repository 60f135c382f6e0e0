//! Hand-made floor sequences with totals counted by hand, and a property that every breakdown
//! adds up to the recorded floor time.

use chrono::{DateTime, FixedOffset, TimeDelta};
use proptest::prelude::*;

use super::*;
use crate::model::{
    Attendance, Change, FloorChange, Gender, Note, NoteKind, Person, PolicyQuestion, RegionalGroup,
    Role, Session, Speaker, StakeholderGroup,
};

fn at(time: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(&format!("2022-12-01T{time}:00+01:00")).unwrap()
}

fn minutes(n: i64) -> TimeDelta {
    TimeDelta::minutes(n)
}

const A: Speaker = Speaker::Person(PersonId(1));
const B: Speaker = Speaker::Person(PersonId(2));
const C: Speaker = Speaker::Person(PersonId(3));

/// A moderator who is a woman, a man, a speaker of no recorded gender, and a gender-diverse
/// speaker who was marked absent.
fn roster() -> Session {
    let mut session = Session::default();
    let people = [
        (
            "Ana",
            Some(Gender::Woman),
            StakeholderGroup::CivilSociety,
            Role::OnsiteModerator,
        ),
        (
            "Ben",
            Some(Gender::Man),
            StakeholderGroup::Government,
            Role::Speaker,
        ),
        ("Cai", None, StakeholderGroup::PrivateSector, Role::Speaker),
        (
            "Dee",
            Some(Gender::GenderDiverse),
            StakeholderGroup::Government,
            Role::Speaker,
        ),
    ];
    for (i, (name, gender, group, role)) in people.into_iter().enumerate() {
        let mut person = Person::new(PersonId(i as u32 + 1), name);
        person.gender = gender;
        person.stakeholder = Some(group);
        person.region = Some(RegionalGroup::Weog);
        person.add_role(role);
        session.people.push(person);
    }
    session.people[3].attendance = Attendance::Absent;
    session.questions = (1..=3)
        .map(|number| PolicyQuestion {
            number,
            title: None,
            text: format!("Question {number}?"),
        })
        .collect();
    session
}

fn floor(time: &str, speaker: Option<Speaker>) -> Change {
    Change::Floor(FloorChange {
        at: at(time),
        speaker,
        read_by: None,
    })
}

fn note(time: &str, speaker: Speaker, questions: &[u8]) -> Change {
    Change::Note(Note::new(
        at(time),
        Some(speaker),
        questions.to_vec(),
        NoteKind::Remark,
        "x",
        "t",
    ))
}

/// Ana 10:00–10:05; Ben 10:05–10:15; a pause; the room 10:20–10:25; Ben 10:25–10:40 over two
/// changes (one turn); the chat from 10:40, left open, counted to the last note at 10:50. The
/// changes arrive out of order.
fn sequence() -> Session {
    let mut session = roster();
    for change in [
        floor("10:25", Some(B)),
        floor("10:00", Some(A)),
        floor("10:40", Some(Speaker::Online)),
        floor("10:15", None),
        floor("10:05", Some(B)),
        floor("10:30", Some(B)),
        floor("10:20", Some(Speaker::Audience)),
        note("10:06", B, &[1]),
        note("10:10", B, &[1]),
        note("10:21", Speaker::Audience, &[2]),
        note("10:26", B, &[2]),
        note("10:50", Speaker::Online, &[]),
    ] {
        session.apply(change);
    }
    session
}

#[test]
fn totals_per_speaker_gender_group_and_part_match_a_hand_count() {
    let stats = compute(&sequence(), Until::LastRecorded);
    assert_eq!(stats.person(PersonId(1)).floor, minutes(5));
    let ben = stats.person(PersonId(2));
    assert_eq!(
        (ben.floor, ben.interventions, ben.notes),
        (minutes(25), 2, 3)
    );
    assert_eq!(stats.speaker(Speaker::Audience).floor, minutes(5));
    assert_eq!(stats.speaker(Speaker::Online).floor, minutes(10));
    assert_eq!(stats.total_floor, minutes(45));
    assert_eq!(stats.people_floor(), minutes(30));

    let gender = |g: Option<Gender>| stats.genders.iter().find(|t| t.group == g).unwrap().tally;
    assert_eq!(gender(Some(Gender::Woman)).floor, minutes(5));
    assert_eq!(gender(Some(Gender::Man)).floor, minutes(25));
    assert_eq!(gender(Some(Gender::GenderDiverse)).floor, minutes(0));
    assert_eq!(
        gender(None).floor,
        minutes(0),
        "Cai's gender was not recorded"
    );
    assert_eq!(
        stats.genders.last().unwrap().group,
        None,
        "not recorded comes last"
    );

    let group = |g| {
        let found = stats.stakeholder_groups.iter().find(|t| t.group == Some(g));
        found.unwrap().tally
    };
    assert_eq!(group(StakeholderGroup::Government).floor, minutes(25));
    assert_eq!(group(StakeholderGroup::CivilSociety).floor, minutes(5));

    let part = |p| {
        stats
            .parts
            .iter()
            .find(|t| t.part == p)
            .unwrap()
            .tally
            .floor
    };
    assert_eq!(part(Part::Moderators), minutes(5));
    assert_eq!(part(Part::Speakers), minutes(25));
    assert_eq!(part(Part::OnsiteAudience), minutes(5));
    assert_eq!(part(Part::OnlineAudience), minutes(10));
}

#[test]
fn a_question_counts_the_turns_its_notes_were_taken_in_once_each() {
    let stats = compute(&sequence(), Until::LastRecorded);
    let q = |n: u8| {
        stats
            .questions
            .iter()
            .find(|q| q.number == n)
            .unwrap()
            .clone()
    };
    // Two notes in Ben's 10:05 turn: that turn once.
    assert_eq!((q(1).notes, q(1).floor), (2, minutes(10)));
    assert_eq!(q(1).stakeholder_groups, [StakeholderGroup::Government]);
    // The room's turn and Ben's 10:25 turn (which ran on at 10:30 as a new spell).
    assert_eq!((q(2).notes, q(2).floor), (2, minutes(10)));
    assert_eq!(q(2).stakeholder_groups, [StakeholderGroup::Government]);
    assert_eq!(stats.unaddressed_questions().collect::<Vec<_>>(), [3]);
    assert_eq!(stats.notes_without_question, 1);
}

fn read(time: &str, audience: Speaker, reader: Speaker) -> Change {
    let Speaker::Person(reader) = reader else {
        unreachable!("a reader is a person")
    };
    Change::Floor(FloorChange {
        at: at(time),
        speaker: Some(audience),
        read_by: Some(reader),
    })
}

#[test]
fn time_read_out_for_the_chat_is_the_chats_and_says_by_whom() {
    let mut session = roster();
    for change in [
        floor("10:00", Some(A)),
        read("10:05", Speaker::Online, A),
        // Recorded again by the same reader: still one turn.
        read("10:10", Speaker::Online, A),
        floor("10:12", Some(Speaker::Online)),
        read("10:15", Speaker::Online, B),
        floor("10:20", Some(A)),
        floor("10:25", None),
        note("10:06", Speaker::Online, &[]),
        note("10:13", Speaker::Online, &[]),
        note("10:16", B, &[]),
    ] {
        session.apply(change);
    }
    let stats = compute(&session, Until::LastRecorded);
    let online = stats.speaker(Speaker::Online);
    assert_eq!((online.floor, online.interventions), (minutes(15), 1));
    // The reader's own floor time is what Ana said herself, not what she read.
    assert_eq!(stats.person(PersonId(1)).floor, minutes(10));
    assert_eq!(stats.person(PersonId(2)).floor, TimeDelta::zero());
    let read_out: Vec<_> = stats
        .read_out_for(Speaker::Online)
        .map(|r| (r.reader, r.tally))
        .collect();
    let tally = |floor, interventions, notes| Tally {
        floor,
        interventions,
        notes,
    };
    assert_eq!(
        read_out,
        [
            (PersonId(1), tally(minutes(7), 1, 1)),
            (PersonId(2), tally(minutes(5), 1, 0)),
        ]
    );
    assert_eq!(stats.read_out_for(Speaker::Audience).count(), 0);
    let name = |id: PersonId| session.speaker_name(Speaker::Person(id));
    assert_eq!(
        read_out_by(stats.read_out_for(Speaker::Online), name).as_deref(),
        Some("0:07:00 read out by Ana, 0:05:00 by Ben")
    );
    assert_eq!(
        read_out_by(stats.read_out_for(Speaker::Audience), name),
        None
    );
    assert_eq!(
        reader_at(&session, Speaker::Online, at("10:11")),
        Some(PersonId(1))
    );
    assert_eq!(reader_at(&session, Speaker::Online, at("10:13")), None);
    assert_eq!(reader_at(&session, B, at("10:16")), None);
}

#[test]
fn speakers_not_heard_leave_out_the_absent_and_those_who_spoke() {
    let stats = compute(&sequence(), Until::LastRecorded);
    assert_eq!(stats.not_yet_heard, [PersonId(3)]);
}

#[test]
fn a_floor_left_open_counts_to_the_moment_given_and_never_backwards() {
    let session = sequence();
    let later = compute(&session, Until::Moment(at("11:00")));
    assert_eq!(later.speaker(Speaker::Online).floor, minutes(20));
    assert_eq!(later.counted_until, Some(at("11:00")));
    assert_eq!(later.open_floor.map(|o| o.speaker), Some(Speaker::Online));
    // A moment before the last change: the open turn counts nothing, the others stay.
    let earlier = compute(&session, Until::Moment(at("10:35")));
    assert_eq!(earlier.speaker(Speaker::Online).floor, TimeDelta::zero());
    assert_eq!(earlier.person(PersonId(2)).floor, minutes(25));
}

#[test]
fn a_closed_floor_counts_to_its_close_and_no_further() {
    let mut session = sequence();
    session.apply(floor("10:45", None));
    let stats = compute(&session, Until::Moment(at("12:00")));
    assert_eq!(stats.speaker(Speaker::Online).floor, minutes(5));
    assert_eq!(stats.open_floor, None);
    assert_eq!(stats.counted_until, Some(at("10:45")));
}

#[test]
fn a_session_without_clock_or_floor_counts_nothing_and_says_so() {
    let mut session = roster();
    session.apply(note("10:06", C, &[1]));
    let stats = compute(&session, Until::LastRecorded);
    assert_eq!(stats.total_floor, TimeDelta::zero());
    assert_eq!(stats.questions[0].floor, TimeDelta::zero());
    assert_eq!(stats.questions[0].notes, 1);
    assert_eq!(stats.counted_until, None);
    assert_eq!(speakers_by_gender(&session, &stats), None);
    let panel = balance(&session, &stats);
    assert!(
        panel
            .sections
            .iter()
            .flat_map(|s| &s.bars)
            .all(|b| b.percent == 0)
    );
}

#[test]
fn the_gender_sentence_counts_the_speakers_who_had_the_floor() {
    let session = sequence();
    let stats = compute(&session, Until::LastRecorded);
    // Ana (5 of 45 minutes) and Ben spoke; Cai and the absent Dee did not.
    assert_eq!(
        speakers_by_gender(&session, &stats).as_deref(),
        Some("1 of 2 speakers was a woman; she held 11% of the floor.")
    );
}

#[test]
fn the_balance_panel_shares_add_up_within_each_section() {
    let session = sequence();
    let panel = balance(&session, &compute(&session, Until::LastRecorded));
    let gender = panel.sections.iter().find(|s| s.title == "Gender").unwrap();
    let share = |label: &str| {
        gender
            .bars
            .iter()
            .find(|b| b.label == label)
            .unwrap()
            .percent
    };
    assert_eq!(
        (share("Woman"), share("Man"), share("Not recorded")),
        (17, 83, 0)
    );
    let q3 = panel.questions.iter().find(|q| q.number == 3).unwrap();
    assert!(!q3.addressed());
    assert_eq!(panel.not_yet_heard, ["Cai"]);
}

fn random_session() -> impl Strategy<Value = (Session, Vec<Change>, i64)> {
    let person = (
        proptest::option::of(0usize..3),
        proptest::option::of(0usize..5),
        any::<bool>(),
    );
    let change = (
        0i64..7200,
        proptest::option::of(0u32..8),
        proptest::collection::vec(1u8..4, 0..3),
    );
    (
        proptest::collection::vec(person, 0..6),
        proptest::collection::vec(change, 0..60),
        0i64..9000,
    )
        .prop_map(|(people, changes, until)| {
            let mut session = roster();
            session.people.clear();
            for (i, (gender, group, moderates)) in people.into_iter().enumerate() {
                let mut person = Person::new(PersonId(i as u32), format!("P{i}"));
                person.gender = gender.map(|g| Gender::ALL[g]);
                person.stakeholder = group.map(|g| StakeholderGroup::ALL[g]);
                if moderates {
                    person.add_role(Role::OnlineModerator);
                }
                session.people.push(person);
            }
            let start = at("10:00");
            let speaker = |n: u32| match n {
                6 => Speaker::Audience,
                7 => Speaker::Online,
                // Some ids are nobody on the roster: removed after they spoke.
                n => Speaker::Person(PersonId(n)),
            };
            let changes = changes
                .into_iter()
                .flat_map(|(seconds, who, questions)| {
                    let moment = start + TimeDelta::seconds(seconds);
                    let who = who.map(speaker);
                    let note = who.map(|s| {
                        Change::Note(Note::new(
                            moment,
                            Some(s),
                            questions,
                            NoteKind::Remark,
                            "x",
                            "t",
                        ))
                    });
                    [
                        Some(Change::Floor(FloorChange {
                            at: moment,
                            speaker: who,
                            read_by: None,
                        })),
                        note,
                    ]
                })
                .flatten()
                .collect();
            (session, changes, until)
        })
}

proptest! {
    #[test]
    fn shares_always_add_up_to_the_recorded_floor_time((mut session, changes, until) in random_session()) {
        session.replay(changes);
        let moment = at("10:00") + TimeDelta::seconds(until);
        for until in [Until::LastRecorded, Until::Moment(moment)] {
            let stats = compute(&session, until);
            let sum = |tallies: &mut dyn Iterator<Item = Tally>| -> TimeDelta {
                tallies.map(|t| t.floor).sum()
            };
            prop_assert_eq!(sum(&mut stats.speakers.iter().map(|s| s.tally)), stats.total_floor);
            prop_assert_eq!(sum(&mut stats.parts.iter().map(|p| p.tally)), stats.total_floor);
            let people = stats.people_floor();
            prop_assert_eq!(sum(&mut stats.genders.iter().map(|g| g.tally)), people);
            prop_assert_eq!(sum(&mut stats.stakeholder_groups.iter().map(|g| g.tally)), people);
            prop_assert_eq!(sum(&mut stats.regional_groups.iter().map(|g| g.tally)), people);
            let turns: TimeDelta = turns(&session, until).iter().map(|(_, t)| t.held()).sum();
            prop_assert_eq!(turns, stats.total_floor);
            for question in &stats.questions {
                prop_assert!(question.floor <= stats.total_floor);
            }
            let interventions: u32 = stats.parts.iter().map(|p| p.tally.interventions).sum();
            let by_speaker: u32 = stats.speakers.iter().map(|s| s.tally.interventions).sum();
            prop_assert_eq!(interventions, by_speaker);
        }
    }
}

proptest! {
    #[test]
    fn an_open_floor_counted_on_agrees_with_a_recount(
        (mut session, changes, until) in random_session(),
        later in 0i64..3000,
    ) {
        session.replay(changes);
        let first = at("10:00") + TimeDelta::seconds(until);
        let then = first + TimeDelta::seconds(later);
        let mut counted_on = compute(&session, Until::Moment(first));
        counted_on.count_on(&session, then);
        prop_assert_eq!(counted_on, compute(&session, Until::Moment(then)));
    }
}

#[test]
fn the_questions_of_the_open_turn_gain_its_time_and_no_others() {
    let mut session = roster();
    session.replay(vec![
        floor("10:00", Some(A)),
        note("10:01", A, &[1]),
        floor("10:05", Some(B)),
        note("10:06", B, &[2]),
    ]);
    let mut stats = compute(&session, Until::Moment(at("10:10")));
    assert_eq!(stats.open_questions, [2]);
    assert!(stats.count_on(&session, at("10:20")));
    assert_eq!(stats.person(PersonId(2)).floor, minutes(15));
    assert_eq!(stats.questions[1].floor, minutes(15));
    assert_eq!(stats.questions[0].floor, minutes(5));
    assert_eq!(stats.total_floor, minutes(20));
    // Never backwards: a clock stepped back leaves the count as it was.
    assert!(!stats.count_on(&session, at("10:15")));
    assert_eq!(stats.total_floor, minutes(20));
}

#[test]
fn floor_times_always_show_the_hours() {
    // 22:30 would read as half past ten at night, or as 22 hours 30 minutes.
    assert_eq!(hms(TimeDelta::seconds(22 * 60 + 30)), "0:22:30");
    assert_eq!(hms(TimeDelta::seconds(7)), "0:00:07");
    assert_eq!(hms(TimeDelta::seconds(3909)), "1:05:09");
    assert_eq!(hms(TimeDelta::seconds(-30)), "-0:00:30");
    assert_eq!(offset(TimeDelta::seconds(750)), "+0:12:30");
}
