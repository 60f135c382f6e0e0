//! Any session at any size, from 1×1 up, renders without a panic, whatever script its names use.

use super::support::*;
use crate::model::{
    Attendance, Change, FloorChange, Note, NoteKind, Person, PersonId, PolicyQuestion, Speaker,
};
use crate::tui::action::{Action, Move};
use crate::tui::update::update;
use chrono::TimeDelta;
use proptest::prelude::*;

/// Words from several scripts: accents, CJK, emoji (with joiners), right-to-left, and combining marks.
fn word() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "Alcântara",
        "Ünal",
        "小林",
        "美咲",
        "数据治理",
        "😀",
        "👩‍💻",
        "🇧🇷",
        "أمينة",
        "المساءلة",
        "שלום",
        "e\u{301}",
        "norms",
        "#tag",
        "",
        "x",
        "verylongwordwithoutanybreakatallthatmustbesplit",
        "\t",
        "ﷺ",
    ])
    .prop_map(String::from)
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(word(), 0..25).prop_map(|w| w.join(" "))
}

prop_compose! {
    fn session()(
        names in prop::collection::vec(text(), 0..14),
        questions in prop::collection::vec(text(), 0..10),
        notes in prop::collection::vec((text(), 0usize..16, 0u8..12, 0usize..5, -600i64..6000), 0..40),
        floor in prop::collection::vec((0usize..16, 0i64..6000), 0..6),
        started in any::<bool>(),
        title in text(),
    ) -> crate::model::Session {
        let mut session = roster_only();
        session.people.clear();
        session.questions.clear();
        session.info.title = title;
        if started {
            session.clock_started = Some(start());
        }
        for (i, name) in names.into_iter().enumerate() {
            let mut person = Person::new(PersonId(i as u32 + 1), name);
            if i % 3 == 2 {
                person.attendance = Attendance::Absent;
            }
            session.people.push(person);
        }
        let speaker = |n: usize| match n {
            14 => Speaker::Audience,
            15 => Speaker::Online,
            n => Speaker::Person(PersonId(n as u32 + 1)),
        };
        for (i, q) in questions.into_iter().enumerate() {
            session.questions.push(PolicyQuestion { number: i as u8 + 1, title: None, text: q });
        }
        for (text, who, question, kind, second) in notes {
            session.apply(Change::Note(Note::new(
                start() + TimeDelta::seconds(second),
                Some(speaker(who)),
                vec![question],
                NoteKind::ALL[kind],
                text,
                "",
            )));
        }
        for (who, second) in floor {
            session.apply(Change::Floor(FloorChange { at: start() + TimeDelta::seconds(second), speaker: Some(speaker(who)), read_by: None }));
        }
        session
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn any_session_renders_at_any_size(
        session in session(),
        width in 1u16..=250,
        height in 1u16..=80,
        typing in text(),
        view in 0usize..12,
    ) {
        let mut app = app(session, width, height);
        app.ui.editor.text.insert_str(&typing);
        match view {
            1 => { update(&mut app, Action::ToggleHelp); }
            2 => { update(&mut app, Action::OpenSpeakerPicker); }
            3 => { update(&mut app, Action::OpenAddPerson); }
            4 => {
                update(&mut app, Action::SwitchFocus);
                update(&mut app, Action::Select(Move::PageUp));
                update(&mut app, Action::ToggleQuestionFilter(1));
            }
            5 => { update(&mut app, Action::SwitchFocus); update(&mut app, Action::Select(Move::First)); }
            // The report screen: the field list, a field with the notes behind it, the final
            // report, and the preview.
            6 => { update(&mut app, Action::SwitchScreen); }
            7 => {
                update(&mut app, Action::SwitchScreen);
                update(&mut app, Action::ReportMove(Move::Last));
                update(&mut app, Action::EditField);
                update(&mut app, Action::Paste(typing.clone()));
                update(&mut app, Action::ToggleNotes);
            }
            8 => {
                update(&mut app, Action::SwitchScreen);
                update(&mut app, Action::SwitchReport);
                update(&mut app, Action::ReportMove(Move::Down));
                update(&mut app, Action::ToggleNotes);
                update(&mut app, Action::ReportMove(Move::PageDown));
            }
            9 => {
                act(&mut app, Action::SwitchScreen);
                act(&mut app, Action::SwitchReport);
                act(&mut app, Action::OpenPreview);
                act(&mut app, Action::OverlayMove(Move::PageDown));
            }
            10 => { update(&mut app, Action::ToggleBalance); }
            11 => {
                update(&mut app, Action::OpenParticipation);
                update(&mut app, Action::Paste(typing.clone()));
                update(&mut app, Action::OverlayAccept);
            }
            _ => {}
        }
        let screen = screen(&app);
        prop_assert_eq!(screen.lines().count(), usize::from(height));
    }
}
