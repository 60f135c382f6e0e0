//! The proposal importer against fixture pages of every shape IGF pages take, and against the
//! real page shared with the project when it is present.

use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};
use rapporteur::import::{Imported, example_session, import_file, import_text};
use rapporteur::model::{Person, RegionalGroup, Role, Session, Speaker, StakeholderGroup};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/proposals")
        .join(name)
}

fn import(name: &str) -> Imported {
    import_file(&fixture(name)).unwrap_or_else(|e| panic!("{e}"))
}

fn at(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(text).expect("a test date")
}

fn person<'a>(session: &'a Session, name: &str) -> &'a Person {
    match session.resolve_speaker(name) {
        Ok(Speaker::Person(id)) => session.person(id).expect("a resolved person exists"),
        other => panic!(
            "{name} is not one person on the roster ({other:?}): {:#?}",
            names(session)
        ),
    }
}

fn names(session: &Session) -> Vec<&str> {
    session.people.iter().map(|p| p.name.as_str()).collect()
}

fn roles(session: &Session, name: &str) -> Vec<Role> {
    person(session, name).roles.clone()
}

fn debug(imported: &Imported) -> String {
    let warnings: Vec<String> = imported.warnings.iter().map(|w| w.to_string()).collect();
    format!("{:#?}\n{}", imported.session.info, warnings.join("\n"))
}

#[test]
fn the_shared_igf_2022_page() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/proposals/igf2022-ws422-cyber-diplomacy.txt");
    if !path.exists() {
        eprintln!("skipped: {} is not here", path.display());
        return;
    }
    let imported = import_file(&path).expect("the shared page reads");
    let session = &imported.session;
    let info = &session.info;
    println!("{}\n{:#?}", debug(&imported), session.people);

    assert_eq!(info.code, "IGF 2022 WS #422");
    assert_eq!(
        info.title,
        "Toward a Resilient Internet: Cyber Diplomacy 2.0"
    );
    assert_eq!(info.start, Some(at("2022-12-01T13:50:00Z")));
    assert_eq!(info.end, Some(at("2022-12-01T15:20:00Z")));
    assert_eq!(info.format.as_deref(), Some("Round Table - Circle"));
    assert_eq!(info.duration_minutes, Some(90));
    assert_eq!(
        info.sdgs,
        [
            "9. Industry, Innovation and Infrastructure",
            "16. Peace, Justice and Strong Institutions",
            "17. Partnerships for the Goals"
        ]
    );

    assert_eq!(
        names(session),
        [
            "Bruna Toso de Alcântara",
            "Vinicius W. O. Santos",
            "Everton T Rodrigues",
            "Hartmut Richard Glaser",
            "Beatriz Rossi Corrales",
            "Alexandre Costa Barbosa",
            "Livia Sobota",
            "Alexandra Paulus",
            "Veni Markovski",
            "Koichiro Komiyama",
            "Rafael Evangelista",
        ]
    );
    use Role::*;
    assert_eq!(
        roles(session, "Bruna Toso de Alcantara"),
        [Organizer, Rapporteur]
    );
    assert_eq!(
        roles(session, "Alexandre Costa Barbosa"),
        [Organizer, OnlineModerator]
    );
    for organizer in [
        "Vinicius W. O. Santos",
        "Everton T Rodrigues",
        "Hartmut Richard Glaser",
        "Beatriz Rossi Corrales",
    ] {
        assert_eq!(roles(session, organizer), [Organizer], "{organizer}");
    }
    for speaker in [
        "Livia Sobota",
        "Alexandra Paulus",
        "Veni Markovski",
        "Koichiro Komiyama",
    ] {
        assert_eq!(roles(session, speaker), [Speaker], "{speaker}");
    }
    assert_eq!(roles(session, "Rafael Evangelista"), [OnsiteModerator]);

    let bruna = person(session, "Bruna");
    assert_eq!(bruna.affiliation.as_deref(), Some("NIC.br/CGI.br"));
    assert_eq!(
        bruna.stakeholder,
        Some(StakeholderGroup::TechnicalCommunity)
    );
    assert_eq!(bruna.region, Some(RegionalGroup::Grulac));
    let alexandre = person(session, "Alexandre Costa Barbosa");
    assert_eq!(
        alexandre.stakeholder,
        Some(StakeholderGroup::TechnicalCommunity)
    );
    assert_eq!(alexandre.region, Some(RegionalGroup::Grulac));
    assert_eq!(
        person(session, "Vinicius").affiliation.as_deref(),
        Some("NIC.br / CGI.br")
    );
    assert_eq!(
        person(session, "Hartmut").affiliation.as_deref(),
        Some("Brazilian Internet Steering Committee - CGI.br")
    );
    assert_eq!(
        person(session, "Livia Sobota").stakeholder,
        Some(StakeholderGroup::Government)
    );
    assert_eq!(
        person(session, "Alexandra Paulus").region,
        Some(RegionalGroup::Weog)
    );
    assert_eq!(
        person(session, "Veni Markovski").region,
        Some(RegionalGroup::EasternEuropean)
    );
    let koichiro = person(session, "Koichiro");
    assert_eq!(
        koichiro.stakeholder,
        Some(StakeholderGroup::TechnicalCommunity)
    );
    assert_eq!(koichiro.region, Some(RegionalGroup::AsiaPacific));
    assert_eq!(
        person(session, "Rafael").region,
        Some(RegionalGroup::Grulac)
    );

    let questions: Vec<&str> = session.questions.iter().map(|q| q.text.as_str()).collect();
    assert_eq!(questions.len(), 3, "{questions:#?}");
    assert!(questions[0].starts_with("Do public attribution of cyber attacks"));
    assert!(questions[1].starts_with("What are the most recent developments"));
    assert!(questions[2].ends_with("better protect the Internet?"));
    assert_eq!(
        session
            .questions
            .iter()
            .map(|q| q.number)
            .collect::<Vec<_>>(),
        [1, 2, 3]
    );

    let outcomes = info.expected_outcomes.as_deref().unwrap_or("");
    assert!(outcomes.starts_with("1) Foster ideas"), "{outcomes}");
    let headings: Vec<&str> = info.sections.iter().map(|s| s.heading.as_str()).collect();
    for heading in [
        "Connection with previous Messages",
        "Targets",
        "Description",
        "Hybrid Format",
        "Online Participation",
    ] {
        assert!(headings.contains(&heading), "{heading} in {headings:?}");
    }
    let description = &info
        .sections
        .iter()
        .find(|s| s.heading == "Description")
        .unwrap()
        .text;
    assert!(description.starts_with("As an environment full of uncertainties"));
    // The roles read from the order of the page, and the unheaded description, are flagged.
    for line in [28, 35, 54] {
        assert!(
            imported.warnings.iter().any(|w| w.line == line),
            "warning on line {line}:\n{}",
            debug(&imported)
        );
    }
}

#[test]
fn the_example_session_imports_without_warnings() {
    let imported = import_text(rapporteur::import::EXAMPLE_PROPOSAL).unwrap();
    assert!(imported.warnings.is_empty(), "{}", debug(&imported));
    let session = example_session();
    assert_eq!(session, imported.session);
    let info = &session.info;
    assert_eq!(info.code, "IGF 2024 WS #901");
    assert_eq!(info.format.as_deref(), Some("Round Table"));
    assert_eq!(info.duration_minutes, Some(90));
    assert_eq!(info.planned_minutes(), Some(90));
    assert_eq!(info.start, Some(at("2024-12-18T10:30:00+03:00")));
    assert_eq!(info.sdgs.len(), 3);
    assert_eq!(session.questions.len(), 3);
    assert!(session.questions.iter().all(|q| q.title.is_some()));
    use Role::*;
    assert_eq!(roles(&session, "Amara Okonkwo"), [Organizer, Speaker]);
    assert_eq!(
        roles(&session, "Lucia Fernandez Ortega"),
        [Organizer, OnsiteModerator]
    );
    assert_eq!(
        roles(&session, "Jonas Keller"),
        [Organizer, OnlineModerator]
    );
    assert_eq!(roles(&session, "陈静"), [Speaker]);
    assert_eq!(roles(&session, "Nguyen Thi Lan"), [Rapporteur]);
    assert_eq!(person(&session, "Olafur").region, Some(RegionalGroup::Weog));
    assert_eq!(
        person(&session, "Wisniewska").stakeholder,
        Some(StakeholderGroup::Government)
    );
    assert_eq!(session.people.len(), 7);
    let stakeholders: std::collections::BTreeSet<_> = session
        .people
        .iter()
        .filter_map(|p| p.stakeholder)
        .collect();
    assert!(stakeholders.len() >= 4);
}

fn question_texts(session: &Session) -> Vec<&str> {
    session.questions.iter().map(|q| q.text.as_str()).collect()
}

fn warned(imported: &Imported, line: usize, words: &str) -> bool {
    imported
        .warnings
        .iter()
        .any(|w| w.line == line && w.message.contains(words))
}

#[test]
fn a_page_with_all_its_headings() {
    let imported = import("headings-present.txt");
    let session = &imported.session;
    assert!(imported.warnings.is_empty(), "{}", debug(&imported));
    assert_eq!(session.info.code, "IGF 2022 WS #310");
    assert_eq!(session.info.title, "Open Data for Climate Resilience");
    assert_eq!(session.info.start, Some(at("2022-11-29T08:30:00Z")));
    assert_eq!(session.info.end, Some(at("2022-11-29T10:00:00Z")));
    use Role::*;
    assert_eq!(roles(session, "Tomas Ribeiro"), [Organizer, Speaker]);
    assert_eq!(
        roles(session, "Hana Kobayashi"),
        [Organizer, OnsiteModerator]
    );
    assert_eq!(roles(session, "Olena"), [Speaker]);
    assert_eq!(roles(session, "Priya"), [OnlineModerator]);
    assert_eq!(roles(session, "Samuel Mensah"), [Rapporteur]);
    assert_eq!(
        person(session, "Hana").affiliation.as_deref(),
        Some("Open Climate Lab")
    );
    assert_eq!(
        person(session, "Hana").region,
        Some(RegionalGroup::AsiaPacific)
    );
    assert_eq!(
        person(session, "Erik").stakeholder,
        Some(StakeholderGroup::PrivateSector)
    );
    assert_eq!(session.people.len(), 7);
    assert_eq!(session.info.format.as_deref(), Some("Round Table - Circle"));
    assert_eq!(session.info.duration_minutes, Some(90));
    assert_eq!(question_texts(session).len(), 3);
    assert_eq!(
        session.info.sdgs,
        [
            "9. Industry, Innovation and Infrastructure",
            "13. Climate Action"
        ]
    );
    assert_eq!(
        session.info.expected_outcomes.as_deref(),
        Some("A shared list of open climate data sources and their gaps.")
    );
}

#[test]
fn lost_headings_are_read_from_double_blank_lines() {
    let imported = import("headings-lost-blank-lines.txt");
    let session = &imported.session;
    use Role::*;
    assert_eq!(roles(session, "Aiko Tanaka"), [Speaker]);
    assert_eq!(roles(session, "Liam"), [Speaker]);
    assert_eq!(roles(session, "Sara Haddad"), [OnsiteModerator]);
    assert_eq!(roles(session, "Marek"), [Organizer, OnlineModerator]);
    assert_eq!(
        roles(session, "Ines Duarte"),
        [Organizer, Speaker, Rapporteur]
    );
    assert_eq!(
        person(session, "Marek").region,
        Some(RegionalGroup::EasternEuropean)
    );
    assert_eq!(
        person(session, "Ines").affiliation.as_deref(),
        Some("Fundação Órbita")
    );
    assert_eq!(session.people.len(), 6);
    assert!(
        warned(&imported, 20, "onsite moderator"),
        "{}",
        debug(&imported)
    );
    assert!(warned(&imported, 27, "rapporteur"), "{}", debug(&imported));
    assert_eq!(session.info.format.as_deref(), Some("Panel"));
    assert_eq!(session.info.duration_minutes, Some(60));
    assert_eq!(
        question_texts(session),
        [
            "Who governs satellite constellations?",
            "How do low-orbit networks change national regulation?",
            "What do small states gain or lose?"
        ]
    );
}

#[test]
fn without_headings_or_blank_lines_the_order_tells_who_is_who() {
    let imported = import("no-headings-no-blanks.txt");
    let session = &imported.session;
    use Role::*;
    assert_eq!(roles(session, "Viktor Petrov"), [Speaker]);
    assert_eq!(roles(session, "Pablo Ortiz"), [Organizer, OnsiteModerator]);
    assert_eq!(roles(session, "Mei Lin"), [OnlineModerator]);
    assert_eq!(
        roles(session, "Nadia Rahman"),
        [Organizer, Speaker, Rapporteur]
    );
    assert_eq!(
        person(session, "Anna Schmidt").stakeholder,
        Some(StakeholderGroup::IntergovernmentalOrganization)
    );
    assert_eq!(
        person(session, "Anna Schmidt").region,
        Some(RegionalGroup::IntergovernmentalOrganization)
    );
    assert_eq!(
        session.info.format.as_deref(),
        Some("Break-out Group Discussions")
    );
    assert_eq!(session.info.duration_minutes, Some(90));
    assert_eq!(session.questions.len(), 3);
    for line in [8, 9, 10, 11] {
        assert!(
            warned(&imported, line, "from the order of the page"),
            "line {line}: {}",
            debug(&imported)
        );
    }
}

#[test]
fn organizers_given_only_as_groups_and_a_separate_duration_line() {
    let imported = import("igf2023-groups-only.txt");
    let session = &imported.session;
    assert_eq!(
        names(session),
        [
            "Armando Guío",
            "Denise Wong",
            "Kari Laumann",
            "Sophie Tomlinson",
            "Mercy King'ori",
            "Elizabeth Orembo"
        ]
    );
    assert!(session.people.iter().all(|p| !p.has_role(Role::Organizer)));
    for line in [7, 9, 11] {
        assert!(
            warned(&imported, line, "only by groups"),
            "{}",
            debug(&imported)
        );
    }
    assert_eq!(roles(session, "Mercy"), [Role::OnlineModerator]);
    assert_eq!(session.info.format.as_deref(), Some("Roundtable"));
    assert_eq!(session.info.duration_minutes, Some(90));
    assert_eq!(session.info.sdgs, ["9.5", "16.7"]);
    let questions: Vec<(Option<&str>, &str)> = session
        .questions
        .iter()
        .map(|q| (q.title.as_deref(), q.text.as_str()))
        .collect();
    assert_eq!(
        questions,
        [
            (
                Some("Regulatory sandboxes"),
                "How can sandboxes for data governance be designed to protect people's rights?"
            ),
            (
                Some("Cross-border flows"),
                "What does a sandbox across borders need that a national one does not?"
            ),
            (None, "Who takes part in a sandbox, and who is left out?"),
        ]
    );
    let section = |heading: &str| {
        session
            .info
            .sections
            .iter()
            .find(|s| s.heading == heading)
            .map(|s| s.text.as_str())
    };
    assert_eq!(
        section("Format description"),
        Some("A round table with short provocations and open discussion.")
    );
    assert_eq!(
        section("What will participants gain from attending this session?"),
        Some("A map of sandboxes around the world.")
    );
    // The room line has no heading: kept, and flagged.
    assert!(
        section("Description").is_some_and(
            |d| d.contains("WS 9 – Room VIP") && d.contains("Sandboxes let regulators")
        )
    );
    assert!(warned(&imported, 5, "Description"), "{}", debug(&imported));
}

#[test]
fn emoji_lower_case_names_trailing_commas_and_stray_spaces() {
    let imported = import("messy-entries.txt");
    let session = &imported.session;
    assert!(imported.warnings.is_empty(), "{}", debug(&imported));
    assert_eq!(session.info.code, "IGF 2024 WS #77");
    assert_eq!(session.info.title, "Youth Voices 🌱 in Internet Governance");
    assert_eq!(session.info.start, Some(at("2024-12-16T09:00:00+03:00")));
    assert_eq!(
        names(session),
        [
            "Amaka Obi",
            "Joana da Silva",
            "田中 花子",
            "José Álvarez",
            "Karim Benali",
            "Zoë Müller"
        ]
    );
    use Role::*;
    let amaka = person(session, "amaka");
    assert_eq!(amaka.roles, [Organizer, Speaker]);
    assert_eq!(amaka.affiliation.as_deref(), Some("🌍 Youth Net Africa"));
    assert_eq!(amaka.stakeholder, Some(StakeholderGroup::CivilSociety));
    assert_eq!(amaka.region, Some(RegionalGroup::African));
    let joana = person(session, "Joana");
    assert_eq!(joana.roles, [Organizer, OnsiteModerator]);
    assert_eq!(joana.affiliation, None);
    assert_eq!(joana.region, Some(RegionalGroup::Grulac));
    let jose = person(session, "Alvarez");
    assert_eq!(jose.affiliation.as_deref(), Some("🚀 Start-up Hub, Lima"));
    assert_eq!(jose.stakeholder, Some(StakeholderGroup::PrivateSector));
    assert_eq!(
        person(session, "田中").region,
        Some(RegionalGroup::AsiaPacific)
    );
    assert_eq!(person(session, "Zoe").region, Some(RegionalGroup::Weog));
    assert_eq!(
        session.info.format.as_deref(),
        Some("Birds of a Feather - Classroom")
    );
    assert_eq!(session.info.duration_minutes, Some(60));
    assert_eq!(
        question_texts(session),
        [
            "How do young people take part in Internet governance beyond youth tracks?",
            "What support do youth initiatives need to last?",
            "How can the IGF measure youth participation honestly?"
        ]
    );
}

#[test]
fn no_date_line_and_sections_out_of_order() {
    let imported = import("no-date-reordered.txt");
    let session = &imported.session;
    assert_eq!(session.info.code, "Day 0 Event #55");
    assert_eq!(session.info.start, None);
    assert_eq!(session.info.end, None);
    assert!(warned(&imported, 1, "no date"), "{}", debug(&imported));
    assert_eq!(
        session.info.expected_outcomes.as_deref(),
        Some("A public map of shutdown reports.")
    );
    use Role::*;
    assert_eq!(
        roles(session, "Rahel"),
        [Organizer, Speaker, OnlineModerator]
    );
    assert_eq!(roles(session, "Arjun"), [Speaker, Rapporteur]);
    assert_eq!(roles(session, "Claire Dubois"), [OnsiteModerator]);
    assert_eq!(
        question_texts(session),
        [
            "How can shutdowns be measured without putting reporters at risk?",
            "Which data should be public and which kept safe?"
        ]
    );
    assert_eq!(session.info.format.as_deref(), Some("Panel"));
    assert_eq!(session.info.duration_minutes, Some(60));
    assert_eq!(imported.warnings.len(), 1, "{}", debug(&imported));
}

#[test]
fn a_2019_page_with_inline_headings() {
    let imported = import("igf2019-style.txt");
    let session = &imported.session;
    assert_eq!(session.info.code, "IGF 2019 WS #101");
    use Role::*;
    assert_eq!(roles(session, "Laura Becker"), [Speaker, OnsiteModerator]);
    assert_eq!(roles(session, "Jan Kowalski"), [OnlineModerator]);
    assert_eq!(roles(session, "Ama Owusu"), [Speaker, Rapporteur]);
    assert_eq!(session.people.len(), 4);
    assert_eq!(
        question_texts(session),
        [
            "What should the public be told about algorithms that decide on benefits",
            "How can audits of public algorithms be made independent",
            "Who is accountable when an automated decision is wrong"
        ]
    );
    assert_eq!(
        session.info.format.as_deref(),
        Some("Round Table - U-shape")
    );
    assert_eq!(session.info.duration_minutes, Some(90));
    assert_eq!(
        session.info.sdgs,
        [
            "GOAL 10: Reduced Inequalities",
            "GOAL 16: Peace, Justice and Strong Institutions"
        ]
    );
    assert_eq!(
        session.info.expected_outcomes.as_deref(),
        Some("A checklist for algorithmic transparency.")
    );
    let headings: Vec<&str> = session
        .info
        .sections
        .iter()
        .map(|s| s.heading.as_str())
        .collect();
    assert_eq!(
        headings,
        [
            "Relevance to Theme",
            "Relevance to Internet Governance",
            "Agenda/ Description"
        ]
    );
    // Two organizers without names, and no date line.
    assert!(warned(&imported, 3, "only by groups"));
    assert!(warned(&imported, 4, "only by groups"));
    assert!(warned(&imported, 1, "no date"));
    assert_eq!(imported.warnings.len(), 3, "{}", debug(&imported));
}

#[test]
fn a_2025_open_forum_with_titled_questions_and_a_local_offset() {
    let imported = import("igf2025-style.txt");
    let session = &imported.session;
    assert!(imported.warnings.is_empty(), "{}", debug(&imported));
    assert_eq!(session.info.code, "IGF 2025 Open Forum #12");
    assert_eq!(session.info.title, "Trust in Digital Identity");
    assert_eq!(session.info.start, Some(at("2025-06-24T07:00:00Z")));
    assert_eq!(session.info.end, Some(at("2025-06-24T10:00:00+02:00")));
    assert_eq!(session.info.format.as_deref(), Some("Round Table"));
    assert_eq!(session.info.duration_minutes, Some(60));
    let titles: Vec<&str> = session.questions.iter().map(|q| q.short()).collect();
    assert_eq!(titles, ["Inclusion", "Safeguards", "Interoperability"]);
    assert_eq!(
        session.questions[2].text,
        "Which standards let identities work across borders?"
    );
    use Role::*;
    assert_eq!(
        roles(session, "Ingrid"),
        [Organizer, Speaker, OnsiteModerator]
    );
    assert_eq!(
        roles(session, "Sione"),
        [Organizer, Speaker, OnlineModerator]
    );
    assert_eq!(roles(session, "Laila"), [Speaker, Rapporteur]);
    assert_eq!(
        session.info.sdgs,
        ["16. Peace, Justice and Strong Institutions"]
    );
}

#[test]
fn an_html_page_is_read_through_its_text() {
    let imported = import("page.html");
    let session = &imported.session;
    assert!(imported.warnings.is_empty(), "{}", debug(&imported));
    assert_eq!(session.info.code, "IGF 2022 WS #313");
    assert_eq!(
        session.info.title,
        "Internet Fragmentation: Myths and Risks"
    );
    assert_eq!(session.info.start, Some(at("2022-11-28T10:50:00Z")));
    use Role::*;
    assert_eq!(
        roles(session, "Yasmin"),
        [Organizer, Speaker, OnlineModerator]
    );
    assert_eq!(
        roles(session, "Pedro Gomez"),
        [Organizer, OnsiteModerator, Rapporteur]
    );
    assert_eq!(
        person(session, "Pedro").affiliation.as_deref(),
        Some("Red de Redes")
    );
    assert_eq!(session.people.len(), 3);
    assert_eq!(
        session.info.format.as_deref(),
        Some("Round Table - Rectangle")
    );
    assert_eq!(
        question_texts(session),
        [
            "What is Internet fragmentation, and what is it not?",
            "Which policies fragment the Internet without meaning to?",
            "How can multi-stakeholder cooperation prevent fragmentation?"
        ]
    );
    assert_eq!(
        session.info.expected_outcomes.as_deref(),
        Some("A glossary of fragmentation.")
    );
}

#[test]
fn a_title_without_a_code_is_kept_and_flagged() {
    let imported =
        import_text("Rethinking Digital Cooperation\n\nOrganizer 1: Jo Ng, Lab\n").unwrap();
    assert_eq!(imported.session.info.code, "");
    assert_eq!(
        imported.session.info.title,
        "Rethinking Digital Cooperation"
    );
    assert!(
        warned(&imported, 1, "no session code"),
        "{}",
        debug(&imported)
    );
    assert_eq!(names(&imported.session), ["Jo Ng"]);
}

#[test]
fn navigation_before_the_title_is_kept_as_page_header() {
    let imported = import_text(
        "Home\nSessions\nIGF 2023 Town Hall #3 Digital Commons\nSpeaker 1: Jo Ng, Civil Society, WEOG\n",
    )
    .unwrap();
    let info = &imported.session.info;
    assert_eq!(info.code, "IGF 2023 Town Hall #3");
    assert_eq!(info.title, "Digital Commons");
    assert_eq!(info.sections[0].heading, "Page header");
    assert_eq!(info.sections[0].text, "Home\nSessions");
    assert!(warned(&imported, 1, "Page header"));
}

#[test]
fn empty_text_gives_an_empty_session_and_one_warning() {
    let imported = import_text(" \n\u{a0}\n").unwrap();
    assert_eq!(imported.session, Session::default());
    assert_eq!(imported.warnings.len(), 1);
    assert_eq!(
        imported.warnings[0].to_string(),
        "line 1: the text is empty; nothing to import"
    );
}

#[test]
fn unreadable_files_are_errors_naming_the_file() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let latin1 = dir.path().join("latin1.txt");
    std::fs::write(&latin1, b"IGF 2022 WS #1 Alc\xe2ntara").expect("write");
    let error = import_file(&latin1).unwrap_err().to_string();
    assert!(
        error.contains("latin1.txt") && error.contains("UTF-8"),
        "{error}"
    );
    let missing = dir.path().join("missing.txt");
    let error = import_file(&missing).unwrap_err().to_string();
    assert!(error.contains("missing.txt"), "{error}");
}

#[test]
fn html_is_recognised_by_content_whatever_the_extension() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("saved-page.txt");
    let html = std::fs::read_to_string(fixture("page.html")).expect("the fixture");
    std::fs::write(&path, html).expect("write");
    let imported = import_file(&path).expect("reads");
    assert_eq!(imported.session.info.code, "IGF 2022 WS #313");
    assert_eq!(imported.session.questions.len(), 3);
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    fn fixture_lines() -> Vec<String> {
        let text =
            std::fs::read_to_string(fixture("headings-lost-blank-lines.txt")).expect("the fixture");
        text.lines().map(str::to_string).collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn on_arbitrary_text(text in any::<String>()) {
            let imported = import_text(&text).unwrap();
            prop_assert!(imported.warnings.iter().all(|w| w.line >= 1));
        }

        #[test]
        fn on_lines_made_of_page_words(
            lines in prop::collection::vec(
                prop::sample::select(vec![
                    "Organizer 1: ", "Speaker 2:", "Online Moderator", "Rapporteur", "Policy Question(s)",
                    "- Why? - How?", "9. Industry, Innovation and Infrastructure", "Round Table - 90 Min",
                    "Duration (minutes): x", "Ünal Çelik, Civil Society, WEOG", "小林, 🌍,", "",
                    "Thursday, 1st December, 2022 (13:50 UTC) - (99:99 UTC+99)", "IGF 2022 WS #", "#",
                    "Format", "SDGs", "1) ", "A. Title:", ":", " - ", "\u{a0}", "Expected Outcomes",
                ]),
                0..40,
            )
        ) {
            let _ = import_text(&lines.join("\n"));
        }

        #[test]
        fn on_shuffled_lines_of_a_fixture(order in Just(fixture_lines()).prop_shuffle()) {
            let imported = import_text(&order.join("\n")).unwrap();
            // Shuffled or not, nobody is invented: everyone imported is named in the fixture.
            let text = fixture_lines().join("\n");
            for person in &imported.session.people {
                prop_assert!(text.contains(&person.name), "{} was invented", person.name);
            }
        }
    }
}

#[test]
fn the_date_line_is_read_in_its_own_zone_and_a_missing_zone_is_said() {
    let page = |date: &str| {
        import_text(&format!(
            "IGF 2022 WS #1 Zones\n{date}\nRound Table - 90 Min\nOrganizer 1: Jo Ng, Lab\n"
        ))
        .unwrap()
    };
    for (date, start) in [
        (
            "Thursday, 1st December, 2022 (13:50 CET)",
            "2022-12-01T13:50:00+01:00",
        ),
        (
            "Thursday, 1st December, 2022 (13:50 EST)",
            "2022-12-01T13:50:00-05:00",
        ),
        (
            "Thursday, 1st December, 2022 (1:50 PM UTC)",
            "2022-12-01T13:50:00Z",
        ),
        (
            "Thursday, 1st December, 2022 (13:50 Europe/Berlin)",
            "2022-12-01T13:50:00+01:00",
        ),
    ] {
        let imported = page(date);
        assert_eq!(imported.session.info.start, Some(at(start)), "{date}");
        assert!(!warned(&imported, 2, "zone"), "{}", debug(&imported));
    }
    let unzoned = page("Thursday, 1st December, 2022 (13:50)");
    assert_eq!(unzoned.session.info.start, Some(at("2022-12-01T13:50:00Z")));
    assert!(warned(&unzoned, 2, "read as UTC"), "{}", debug(&unzoned));
    let leap = page("Thursday, 1st December, 2022 (13:50:60 UTC)");
    assert_eq!(leap.session.info.start, None);
    assert!(warned(&leap, 2, "up to 59"), "{}", debug(&leap));

    // An offset past the world's (UTC-12 to UTC+14) is not "no zone": the time is not read.
    for beyond in ["UTC+99", "UTC-13", "GMT+14:30"] {
        let far = page(&format!("Thursday, 1st December, 2022 (13:50 {beyond})"));
        assert_eq!(far.session.info.start, None, "{beyond}");
        assert!(
            warned(&far, 2, beyond) && warned(&far, 2, "UTC-12 to UTC+14"),
            "{}",
            debug(&far)
        );
    }

    // The night the clocks go back, 02:30 comes twice: the reading taken is said.
    let twice = page("Sunday, 30th October, 2022 (02:30 Europe/Berlin) - (03:30 Europe/Berlin)");
    assert_eq!(
        twice.session.info.start,
        Some(at("2022-10-30T02:30:00+02:00"))
    );
    assert!(
        warned(
            &twice,
            2,
            "2022-10-30 02:30:00 happens twice in Europe/Berlin"
        ) && warned(&twice, 2, "read as the first, UTC+02:00"),
        "{}",
        debug(&twice)
    );
    // The night they go forward, 02:30 never comes.
    let skipped = page("Sunday, 27th March, 2022 (02:30 Europe/Berlin)");
    assert_eq!(skipped.session.info.start, None);
    assert!(
        warned(
            &skipped,
            2,
            "2022-03-27 02:30:00 does not exist in Europe/Berlin"
        ),
        "{}",
        debug(&skipped)
    );
}

#[test]
fn control_characters_leave_imported_names_with_a_warning() {
    let text = import_text(
        "IGF 2022 WS #1 Controls\nSpeakers\nEve\u{1b}[2J Mallory\u{7}, Civil Society\n",
    )
    .unwrap();
    assert_eq!(names(&text.session), ["Eve[2J Mallory"]);
    assert!(warned(&text, 3, "control characters"), "{}", debug(&text));

    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("page.html");
    std::fs::write(
        &page,
        "<html><body><h1>IGF 2022 WS #1 Controls</h1><h2>Speakers</h2>\
         <p>Eve\u{1b}]0;owned\u{7} Mallory&#x7f;, Civil Society</p></body></html>",
    )
    .unwrap();
    let html = import_file(&page).unwrap();
    assert_eq!(names(&html.session), ["Eve]0;owned Mallory"]);
    assert!(
        html.warnings
            .iter()
            .any(|w| w.message.contains("control characters")),
        "{}",
        debug(&html)
    );
}

#[test]
fn pages_past_the_limits_are_refused_quickly() {
    let dir = tempfile::tempdir().unwrap();
    let deep = dir.path().join("deep.html");
    let levels = 50_000;
    std::fs::write(
        &deep,
        format!(
            "<html><body><h1>IGF 2022 WS #1 Deep</h1>{}x{}</body></html>",
            "<ul><li>".repeat(levels),
            "</li></ul>".repeat(levels)
        ),
    )
    .unwrap();
    // Refused by a linear scan before the conversion that would take minutes; the test itself
    // would hang, not fail, if it were not.
    let error = import_file(&deep).unwrap_err().to_string();
    assert!(
        error.contains("deep.html") && error.contains("256 levels"),
        "{error}"
    );

    let questions: String = (1..=300).map(|n| format!("{n}. Question {n}?\n")).collect();
    let page = dir.path().join("many.txt");
    std::fs::write(
        &page,
        format!("IGF 2022 WS #1 Many\nPolicy Questions\n{questions}"),
    )
    .unwrap();
    let error = import_file(&page).unwrap_err().to_string();
    assert!(
        error.contains("many.txt")
            && error.contains("line 2")
            && error.contains("300 policy questions"),
        "{error}"
    );
}

#[test]
fn a_page_pasted_twice_adds_nobody_and_keeps_the_repeat() {
    let page = std::fs::read_to_string(fixture("headings-present.txt")).unwrap();
    let once = import_text(&page).unwrap();
    let twice = import_text(&format!("{page}\n{page}")).unwrap();
    assert_eq!(names(&twice.session), names(&once.session));
    assert_eq!(twice.session.people, once.session.people);
    assert_eq!(twice.session.questions, once.session.questions);
    let repeat = twice.session.info.sections.last().unwrap();
    assert_eq!(repeat.heading, "Repeated page");
    assert!(
        twice
            .warnings
            .iter()
            .any(|w| w.message.contains("pasted twice"))
    );

    // A second copy from the date line down: its date and format lines are not people.
    let from_date: String = page.lines().skip(1).collect::<Vec<_>>().join("\n");
    let tail = import_text(&format!("{page}\n{from_date}")).unwrap();
    assert_eq!(
        names(&tail.session),
        names(&once.session),
        "{}",
        debug(&tail)
    );
}

/// Every text page of the fixtures, and the shared real page when it is there.
fn text_pages() -> Vec<(String, String)> {
    let mut pages: Vec<(String, String)> = std::fs::read_dir(fixture(""))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "txt"))
        .map(|path| {
            let text = std::fs::read_to_string(&path).unwrap();
            (path.display().to_string(), text)
        })
        .collect();
    let shared = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/proposals/igf2022-ws422-cyber-diplomacy.txt");
    if let Ok(text) = std::fs::read_to_string(&shared) {
        pages.push((shared.display().to_string(), text));
    }
    pages.sort();
    pages
}

#[test]
fn a_page_pasted_twice_with_no_line_break_between_is_read_once() {
    for (name, page) in text_pages() {
        let once = import_text(&page).unwrap();
        let first = page.trim_end();
        // The copy glued to the first copy's last line, with a space or none; the whole page, or
        // (as a selection that began lower down) from its second line on.
        let second = first
            .trim_start()
            .split_once('\n')
            .map_or("", |(_, rest)| rest.trim_start());
        for copy in [first.trim_start(), second] {
            for glue in ["", " "] {
                let twice = import_text(&format!("{first}{glue}{copy}\n")).unwrap();
                let what = format!("{name}, glued with {glue:?}: {}", debug(&twice));
                // The same people: none named after a line of the second copy ("Round Table -
                // Circle - 90 Min"), none twice.
                assert_eq!(twice.session.people, once.session.people, "{what}");
                assert_eq!(twice.session.questions, once.session.questions, "{what}");
                assert_eq!(twice.session.info.sdgs, once.session.info.sdgs, "{what}");
                assert_eq!(
                    twice.session.info.format, once.session.info.format,
                    "{what}"
                );
                assert!(
                    twice
                        .warnings
                        .iter()
                        .any(|w| w.message.contains("no line break between the copies")),
                    "{what}"
                );
            }
        }
    }
}

// Issue 9: real pages vary more than the fixtures above. Each fixture below is made up, in the
// shape of one way a copied page differs.

#[test]
fn a_page_indented_throughout_reads_as_if_it_were_not() {
    let imported = import("indented.txt");
    let session = &imported.session;
    assert_eq!(session.info.code, "IGF 2024 WS #207");
    assert_eq!(session.info.title, "Community Networks After the Grant");
    assert_eq!(session.info.start, Some(at("2024-12-18T10:15:00+03:00")));
    assert_eq!(session.info.format.as_deref(), Some("Round Table"));
    use Role::*;
    assert_eq!(roles(session, "Kwame Asante"), [Organizer, OnsiteModerator]);
    assert_eq!(roles(session, "Lena Vogt"), [OnlineModerator]);
    assert_eq!(roles(session, "Rosa Quispe"), [Speaker, Rapporteur]);
    assert_eq!(question_texts(session).len(), 2);
    let flush: String = std::fs::read_to_string(fixture("indented.txt"))
        .unwrap()
        .lines()
        .map(|l| format!("{}\n", l.trim_start()))
        .collect();
    assert_eq!(import_text(&flush).unwrap().session, *session);
}

#[test]
fn a_page_that_starts_with_the_roster_has_no_title_and_says_so() {
    let imported = import("roster-first.txt");
    let session = &imported.session;
    assert_eq!(session.info.title, "", "{}", debug(&imported));
    assert_eq!(session.info.code, "");
    assert!(
        warned(&imported, 1, "title is unknown"),
        "{}",
        debug(&imported)
    );
    assert_eq!(
        names(session),
        ["Mirela Costa", "Hamid Karimi", "Yuki Tanaka"]
    );
    assert_eq!(roles(session, "Mirela"), [Role::Organizer, Role::Speaker]);
    assert_eq!(session.info.format.as_deref(), Some("Panel"));
}

#[test]
fn the_code_alone_on_the_first_line_and_the_title_on_the_second() {
    let imported = import("code-then-title.txt");
    let info = &imported.session.info;
    assert_eq!(info.code, "IGF 2023 WS #88");
    assert_eq!(info.title, "Satellites, Spectrum and the Last Billion");
    assert!(
        !imported
            .warnings
            .iter()
            .any(|w| w.message.contains("title")),
        "{}",
        debug(&imported)
    );
    assert_eq!(info.start, Some(at("2023-10-09T01:30:00Z")));
    assert_eq!(names(&imported.session), ["Priyanka Das", "Tomasz Nowak"]);
}

#[test]
fn numbered_questions_after_blank_lines_under_their_heading() {
    let imported = import("questions-after-blank-lines.txt");
    assert_eq!(
        question_texts(&imported.session),
        [
            "What public data do local newsrooms need that governments do not publish?",
            "Who should pay to keep such data open and current?"
        ],
        "{}",
        debug(&imported)
    );
    assert!(
        imported
            .session
            .info
            .expected_outcomes
            .as_deref()
            .is_some_and(|o| o.starts_with("A short list"))
    );
}

#[test]
fn prose_after_the_questions_is_description_not_a_question() {
    let imported = import("questions-then-prose.txt");
    let session = &imported.session;
    assert_eq!(
        question_texts(session),
        [
            "How can young engineers take part in standards bodies without employer funding?",
            "What would make standards meetings easier to follow for newcomers?"
        ],
        "{}",
        debug(&imported)
    );
    let description = session
        .info
        .sections
        .iter()
        .find(|s| s.heading == "Description")
        .expect("the prose is kept");
    assert!(
        description
            .text
            .starts_with("The session will address both")
    );
    assert_eq!(session.info.sdgs, ["4. Quality Education"]);
}

#[test]
fn titled_numbered_questions_on_a_page_without_headings() {
    let imported = import("questions-without-heading.txt");
    let session = &imported.session;
    let questions: Vec<(Option<&str>, &str)> = session
        .questions
        .iter()
        .map(|q| (q.title.as_deref(), q.text.as_str()))
        .collect();
    assert_eq!(
        questions,
        [
            (
                Some("Compliance costs"),
                "How can small businesses meet data transfer rules they cannot afford lawyers for?"
            ),
            (
                Some("Trust"),
                "What would make buyers abroad trust a small seller's data practices?"
            ),
        ],
        "{}",
        debug(&imported)
    );
    assert!(
        warned(&imported, 10, "without a heading"),
        "{}",
        debug(&imported)
    );
    assert_eq!(session.info.format.as_deref(), Some("Debate - Classroom"));
    assert_eq!(
        names(session),
        ["Hanna Virtanen", "Oluwaseun Adeyemi", "Camila Rojas"]
    );
}

#[test]
fn an_organizer_spelled_differently_under_a_role_heading_is_one_person() {
    let imported = import("organizer-listed-twice.txt");
    let session = &imported.session;
    assert_eq!(
        names(session),
        [
            "Ana Beatriz Ferreira Lopes",
            "Jean-Pierre Mbeki",
            "Lucía Fernández"
        ],
        "{}",
        debug(&imported)
    );
    use Role::*;
    assert_eq!(roles(session, "Ana Beatriz"), [Organizer, OnsiteModerator]);
    assert_eq!(
        roles(session, "Jean-Pierre"),
        [Organizer, Speaker, OnlineModerator]
    );
    assert!(
        warned(&imported, 15, "Ana Beatriz Ferreira Lopes"),
        "{}",
        debug(&imported)
    );
    assert!(
        warned(&imported, 19, "Jean-Pierre Mbeki"),
        "{}",
        debug(&imported)
    );
}
