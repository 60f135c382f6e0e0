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

/// Makes every file this process writes unable to grow past `bytes`: a write beyond it fails with
/// EFBIG, as a write to a full disk fails with ENOSPC, through the same code. Process-wide, so
/// call it only in a child process (see [`in_child`]) or through `pre_exec`.
pub fn limit_file_size(bytes: u64) -> std::io::Result<()> {
    // SAFETY: plain system calls with valid arguments; SIGXFSZ is ignored so that the write
    // returns an error instead of ending the process.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
        let limit = libc::rlimit {
            rlim_cur: bytes,
            rlim_max: libc::RLIM_INFINITY,
        };
        if libc::setrlimit(libc::RLIMIT_FSIZE, &limit) != 0 {
            return Err(std::io::Error::last_os_error());
        }
    }
    Ok(())
}

/// Runs the test named `test` again in a child process and returns false once the child passed;
/// in the child it returns true, and the caller runs the test's body there. For tests that change
/// process-wide state such as [`limit_file_size`].
pub fn in_child(test: &str) -> bool {
    const CHILD: &str = "RAPPORTEUR_TEST_CHILD";
    if std::env::var_os(CHILD).is_some() {
        return true;
    }
    let output = Command::new(std::env::current_exe().unwrap())
        .args([test, "--exact", "--test-threads=1", "--nocapture"])
        .env(CHILD, "1")
        .output()
        .unwrap();
    assert!(
        output.status.success() && String::from_utf8_lossy(&output.stdout).contains("1 passed"),
        "the child run of {test} failed:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    false
}

/// The words of markup (HTML, or a Word document's XML), each tag a space: what a reader sees.
pub fn without_markup(markup: &str) -> String {
    let mut out = String::with_capacity(markup.len());
    let mut in_tag = false;
    for c in markup.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// The bytes of a report exported with a built-in profile and the built-in templates.
pub fn export(
    session: &Session,
    profile: &str,
    report: rapporteur::report::Report,
    format: rapporteur::report::Format,
    anonymous: Option<rapporteur::report::Anonymity>,
) -> Vec<u8> {
    use rapporteur::report::{Options, Profile, TemplateDirs};
    let dirs = TemplateDirs::built_in();
    let profile = Profile::load(profile, &dirs).expect("a built-in profile");
    let options = Options {
        report,
        format,
        anonymous,
        template: None,
        dirs: &dirs,
        wrap: None,
    };
    rapporteur::report::export_document(session, &profile, &options)
        .expect("export")
        .bytes
}
