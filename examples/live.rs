//! Try the live screen without the CLI: `cargo run --example live [SESSION.ron] [NOTES]`.
//! Creates the session with a small roster and three policy questions if it does not exist;
//! NOTES adds that many generated notes, for trying a long timeline.

use std::path::PathBuf;

use chrono::TimeDelta;
use rapporteur::model::{
    Change, Note, NoteKind, Person, PersonId, PolicyQuestion, RegionalGroup, Role, Session,
    Speaker, StakeholderGroup,
};
use rapporteur::store::{Store, now};

fn example() -> Session {
    let mut session = Session::default();
    session.info.code = "IGF 2022 WS #422".into();
    session.info.title = "Cybersecurity norms: from words to deeds".into();
    session.info.duration_minutes = Some(90);
    session.taker = "Rapporteur".into();
    let people = [
        (
            "Bruna Toso de Alcântara",
            "CGI.br",
            StakeholderGroup::CivilSociety,
            RegionalGroup::Grulac,
            Role::OnsiteModerator,
        ),
        (
            "Alexandra Paulus",
            "TU Chemnitz",
            StakeholderGroup::TechnicalCommunity,
            RegionalGroup::Weog,
            Role::Speaker,
        ),
        (
            "小林 美咲",
            "Ministry of Internal Affairs",
            StakeholderGroup::Government,
            RegionalGroup::AsiaPacific,
            Role::Speaker,
        ),
        (
            "أمينة بن علي",
            "Access Now",
            StakeholderGroup::CivilSociety,
            RegionalGroup::African,
            Role::Speaker,
        ),
        (
            "Ünal Çelik",
            "Private Bank",
            StakeholderGroup::PrivateSector,
            RegionalGroup::EasternEuropean,
            Role::OnlineModerator,
        ),
    ];
    for (i, (name, affiliation, group, region, role)) in people.into_iter().enumerate() {
        let mut person = Person::new(PersonId(i as u32 + 1), name);
        person.affiliation = Some(affiliation.into());
        person.stakeholder = Some(group);
        person.region = Some(region);
        person.add_role(role);
        session.people.push(person);
    }
    for (number, title, text) in [
        (
            1,
            "Implementation",
            "How can the agreed norms of responsible state behaviour be implemented?",
        ),
        (
            2,
            "Accountability",
            "Who holds states to account when norms are broken?",
        ),
        (
            3,
            "Capacity",
            "What capacity building helps developing countries most?",
        ),
    ] {
        session.questions.push(PolicyQuestion {
            number,
            title: Some(title.into()),
            text: text.into(),
        });
    }
    session
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .map(PathBuf::from)
        .unwrap_or_else(|| std::env::temp_dir().join("rapporteur-live.ron"));
    let notes: usize = args.next().map(|n| n.parse()).transpose()?.unwrap_or(0);
    let mut notice = None;
    if !path.exists() {
        let session = example();
        let mut store = Store::create(&path, &session)?;
        let start = now() - TimeDelta::minutes(40);
        for i in 0..notes {
            let speaker = Speaker::Person(PersonId(i as u32 % 5 + 1));
            let note = Note::new(
                start + TimeDelta::seconds(i as i64),
                Some(speaker),
                vec![(i % 3) as u8 + 1],
                NoteKind::ALL[i % 5],
                format!("Generated note {i}: the norms need follow-up, says the speaker #norms"),
                "Rapporteur",
            );
            store.append(&Change::Note(note))?;
        }
        notice = Some(format!(
            "created {} from the built-in example",
            path.display()
        ));
    }
    rapporteur::tui::run(&path, notice)?;
    Ok(())
}
