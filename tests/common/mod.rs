//! What the end-to-end tests share: a small session on the roster of a real workshop.
#![allow(dead_code)] // each test crate uses a different part of this module

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use chrono::{DateTime, FixedOffset};
use rapporteur::model::{
    Person, PersonId, PolicyQuestion, RegionalGroup, Role, Session, StakeholderGroup,
};

pub fn at(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(text).expect("a test time in RFC 3339")
}

pub fn person(
    id: u32,
    name: &str,
    stakeholder: StakeholderGroup,
    region: RegionalGroup,
    roles: &[Role],
) -> Person {
    let mut person = Person::new(PersonId(id), name);
    person.stakeholder = Some(stakeholder);
    person.region = Some(region);
    person.roles = roles.to_vec();
    person
}

/// Four people, three policy questions, 13:50–15:20 UTC.
pub fn workshop() -> Session {
    use RegionalGroup::*;
    use StakeholderGroup::*;
    let mut session = Session::default();
    session.info.code = "IGF 2022 WS #422".into();
    session.info.title = "Toward a Resilient Internet: Cyber Diplomacy 2.0".into();
    session.info.start = Some(at("2022-12-01T13:50:00Z"));
    session.info.end = Some(at("2022-12-01T15:20:00Z"));
    session.info.format = Some("Round Table - Circle".into());
    session.info.duration_minutes = Some(90);
    session.taker = "Bruna Toso de Alcântara".into();
    session.people = vec![
        person(
            1,
            "Bruna Toso de Alcântara",
            TechnicalCommunity,
            Grulac,
            &[Role::Organizer, Role::Rapporteur],
        ),
        person(2, "Livia Sobota", Government, Grulac, &[Role::Speaker]),
        person(3, "Alexandra Paulus", CivilSociety, Weog, &[Role::Speaker]),
        person(
            4,
            "Veni Markovski",
            TechnicalCommunity,
            EasternEuropean,
            &[Role::Speaker],
        ),
    ];
    session.questions = (1..=3)
        .map(|number| PolicyQuestion {
            number,
            title: None,
            text: format!("Policy question {number}?"),
        })
        .collect();
    session
}

/// A fresh directory and the path of a session file in it.
pub fn scratch() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("ws422.ron");
    (dir, path)
}

pub fn rapporteur(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rapporteur"))
        .args(args)
        .output()
        .expect("the rapporteur binary runs")
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

pub fn arg(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 temporary path")
}

/// The command's stdout, once it is known to have succeeded.
pub fn ok(output: Output) -> String {
    assert!(
        output.status.success(),
        "expected success, got {:?}: {}",
        output.status,
        text(&output.stderr)
    );
    text(&output.stdout)
}

/// The command's stderr, once it is known to have failed.
pub fn fails(output: Output) -> String {
    assert!(
        !output.status.success(),
        "expected failure: {}",
        text(&output.stdout)
    );
    text(&output.stderr)
}
