//! The reports of the fixture session: every profile × report × format, normal and anonymous,
//! snapshotted; names gone under --anonymous; limits, overrides and template errors.

mod fixture;

use rapporteur::model::{Attendance, NoteKind, Session, fold};
use rapporteur::report::{
    self, Anonymity, BUILT_IN, Form, Format, Options, Profile, Report, ReportError, TemplateDirs,
};
use rapporteur::store::Store;

const PROFILES: [&str; 2] = ["igf", "igf-2016"];

fn fixture() -> Session {
    let (session, warnings) = Store::read(fixture::fixture_path()).expect("read the fixture");
    assert!(warnings.is_empty(), "{warnings:?}");
    session
}

fn export(
    session: &Session,
    profile: &str,
    report: Report,
    format: Format,
    anonymous: bool,
) -> String {
    let dirs = TemplateDirs::built_in();
    let profile = Profile::load(profile, &dirs).expect("profile");
    let options = Options {
        report,
        format,
        anonymous: anonymous.then_some(Anonymity::GroupAndRegion),
        template: None,
        dirs: &dirs,
        wrap: None,
    };
    report::export(session, &profile, &options)
        .expect("export")
        .text
}

/// The checked-in session is what `fixture::session()` builds, written by the store.
/// Run with RAPPORTEUR_UPDATE_FIXTURES=1 to write it anew.
#[test]
fn the_fixture_file_is_the_fixture_session() {
    let dir = tempfile::tempdir().unwrap();
    let fresh = dir.path().join("ws-attribution.ron");
    drop(Store::create(&fresh, &fixture::session()).unwrap());
    let checked_in = fixture::fixture_path();
    for (new, old) in [
        (fresh.clone(), checked_in.clone()),
        (
            rapporteur::store::SessionPaths::new(&fresh).journal,
            rapporteur::store::SessionPaths::new(&checked_in).journal,
        ),
    ] {
        let new_text = std::fs::read_to_string(&new).unwrap();
        if std::env::var_os("RAPPORTEUR_UPDATE_FIXTURES").is_some() {
            std::fs::create_dir_all(old.parent().unwrap()).unwrap();
            std::fs::write(&old, &new_text).unwrap();
        }
        let old_text = std::fs::read_to_string(&old).unwrap_or_default();
        assert_eq!(
            old_text,
            new_text,
            "{} is stale; run with RAPPORTEUR_UPDATE_FIXTURES=1",
            old.display()
        );
    }
    // The floor each taker recorded is kept beside the settled floor of a session read from
    // files, for settling again when more arrive; one taker's records are the floor itself.
    let mut read = fixture();
    let records: Vec<_> = read.floor_records.iter().flat_map(|(_, f)| f).collect();
    assert_eq!(records, read.floor.iter().collect::<Vec<_>>());
    read.floor_records.clear();
    assert_eq!(read, fixture::session());
}

#[test]
fn every_profile_report_and_format_snapshots() {
    let session = fixture();
    for profile in PROFILES {
        for report in Report::ALL {
            for format in Format::TEXT {
                for anonymous in [false, true] {
                    let text = export(&session, profile, report, format, anonymous);
                    let name = format!(
                        "{profile}-{}{}.{}",
                        report.slug(),
                        if anonymous { "-anonymous" } else { "" },
                        format.slug()
                    );
                    insta::assert_snapshot!(name, text);
                }
            }
        }
    }
}

#[test]
fn every_built_in_profile_parses_and_names_templates_that_exist() {
    for (file, text) in BUILT_IN.iter().filter(|(f, _)| f.starts_with("profiles/")) {
        let profile = Profile::parse(text, file).unwrap_or_else(|e| panic!("{e}"));
        for format in [Format::Markdown, Format::Text, Format::Html] {
            let template = &profile.templates[format.slug()];
            assert!(
                BUILT_IN.iter().any(|(f, _)| f == template),
                "{file}: {template}"
            );
        }
    }
    assert_eq!(TemplateDirs::built_in().profile_names(), PROFILES);
}

/// Every word of the text, folded: what a reader could find a name in.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(fold)
        .collect()
}

#[test]
fn no_name_nor_surname_survives_an_anonymous_export() {
    let session = fixture();
    let mut name_words: Vec<String> = Vec::new();
    for person in &session.people {
        name_words.extend(
            words(&person.name)
                .into_iter()
                .filter(|w| w.chars().count() >= 3),
        );
    }
    name_words.extend(session.people.iter().map(|p| fold(&p.name)));
    for profile in PROFILES {
        for report in Report::ALL {
            for format in Format::TEXT {
                let text = export(&session, profile, report, format, true);
                let found = words(&text);
                let folded = fold(&text);
                for name in &name_words {
                    let present = if name.contains(' ') {
                        folded.contains(name.as_str())
                    } else {
                        found.contains(name)
                    };
                    assert!(
                        !present,
                        "\"{name}\" survives in {profile} {report:?} {format:?}:\n{text}"
                    );
                }
                // Affiliations name people too.
                for person in &session.people {
                    let affiliation = person.affiliation.as_deref().unwrap_or_default();
                    assert!(
                        !text.contains(affiliation),
                        "{affiliation} in {profile} {report:?} {format:?}"
                    );
                }
            }
        }
    }
}

#[test]
fn only_people_present_are_listed_as_taking_part() {
    let mut session = fixture();
    let took_part = |session: &Session| -> Vec<String> {
        let json: serde_json::Value =
            serde_json::from_str(&export(session, "igf", Report::Final, Format::Json, false))
                .unwrap();
        json["participants"]["people"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap().to_string())
            .collect()
    };
    // Everyone who spoke or was noted; not the absent, the removed, nor the rapporteur, whose
    // attendance nothing recorded.
    let names = took_part(&session);
    assert_eq!(names.len(), 6, "{names:?}");
    for name in ["Dmitri Volkov", "Jean-Pierre Moreau", "Aisha Rahman"] {
        assert!(!names.iter().any(|n| n == name), "{name} in {names:?}");
    }
    let aisha = session.person_named("Aisha Rahman").unwrap().id;
    session.person_mut(aisha).unwrap().attendance = Attendance::Present;
    assert!(took_part(&session).iter().any(|n| n == "Aisha Rahman"));
    let json: serde_json::Value =
        serde_json::from_str(&export(&session, "igf", Report::Final, Format::Json, false)).unwrap();
    let speakers: Vec<&str> = json["floor"]["speakers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["label"].as_str().unwrap())
        .collect();
    assert!(!speakers.contains(&"Dmitri Volkov"), "{speakers:?}");
    assert!(speakers.contains(&"Onsite audience") && speakers.contains(&"Online audience"));
}

#[test]
fn the_form_seeds_fields_from_notes_and_drafts_override_them() {
    let session = fixture();
    let profile = Profile::load("igf", &TemplateDirs::built_in()).unwrap();
    let form = Form::new(&session, &profile, Report::Short);
    let takeaways = form.group(Report::Short, "takeaways").unwrap();
    let seeded: Vec<_> = session
        .notes
        .iter()
        .filter(|n| n.kind == NoteKind::Takeaway)
        .collect();
    assert_eq!(takeaways.entries.len(), seeded.len());
    let first = &takeaways.entries[0];
    assert_eq!(first.key, "short.takeaways.1");
    assert!(first.drafted);
    assert_eq!(first.text, session.report_fields["short.takeaways.1"]);
    assert_eq!(first.notes, vec![seeded[0].id]);
    let second = &takeaways.entries[1];
    assert!(!second.drafted);
    assert_eq!(second.text, seeded[1].text);
    assert_eq!(second.words, report::word_count(&seeded[1].text));
    // Four takeaways, three allowed: the report exports and says so.
    let warnings: Vec<String> = form.warnings().iter().map(|w| w.to_string()).collect();
    assert_eq!(warnings, ["short.takeaways: 4 items, over the limit of 3"]);

    let final_form = Form::new(&session, &profile, Report::Final);
    let q1 = final_form.field("final.session_report.q1").unwrap();
    assert!(
        q1.text
            .starts_with("Kwame Mensah-Boateng: Public attribution is a political decision"),
        "{}",
        q1.text
    );
    assert!(
        q1.notes
            .iter()
            .all(|id| session.note(*id).unwrap().is_about(1))
    );
    assert!(
        q1.notes
            .windows(2)
            .all(|w| session.note(w[0]).unwrap().at <= session.note(w[1]).unwrap().at)
    );
}

/// The profile allows three takeaways; with one marked in the notes the form still offers three
/// slots to write in, and the report lists only the ones written.
#[test]
fn the_form_offers_as_many_item_slots_as_the_profile_allows() {
    let mut session = fixture();
    session.report_fields.clear();
    let kept = session
        .notes
        .iter()
        .find(|n| n.kind == NoteKind::Takeaway)
        .unwrap()
        .id;
    let others: Vec<_> = session
        .notes
        .iter()
        .filter(|n| n.kind == NoteKind::Takeaway && n.id != kept)
        .map(|n| n.id)
        .collect();
    for id in others {
        session.delete_note(id);
    }
    let profile = Profile::load("igf", &TemplateDirs::built_in()).unwrap();
    let form = Form::new(&session, &profile, Report::Short);
    let slots: Vec<&str> = form
        .group(Report::Short, "takeaways")
        .unwrap()
        .entries
        .iter()
        .map(|f| f.text.as_str())
        .collect();
    assert_eq!(slots.len(), 3);
    assert!(!slots[0].is_empty() && slots[1].is_empty() && slots[2].is_empty());

    session
        .report_fields
        .insert("short.takeaways.3".into(), "Written by hand.".into());
    let text = export(&session, "igf", Report::Short, Format::Markdown, false);
    assert!(text.contains("2. Written by hand."), "{text}");
    assert!(!text.contains("3."), "empty slots are left out: {text}");
}

#[test]
fn a_users_templates_dir_overrides_the_built_in_templates() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("report.md.j2"),
        "Mine: {{ session.title }}\n",
    )
    .unwrap();
    let dirs = TemplateDirs::new([dir.path().to_path_buf()]);
    let profile = Profile::load("igf", &dirs).unwrap();
    let options = Options {
        report: Report::Short,
        format: Format::Markdown,
        anonymous: None,
        template: None,
        dirs: &dirs,
        wrap: None,
    };
    let text = report::export(&fixture(), &profile, &options).unwrap().text;
    assert_eq!(
        text,
        "Mine: Attribution of cyberattacks: who decides, and on what evidence?\n"
    );
}

#[test]
fn a_broken_user_template_names_its_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mine.md.j2");
    std::fs::write(
        &path,
        "# {{ session.title }}\n\n{% for x in questions %}\n{{ x.number }\n{% endfor %}\n",
    )
    .unwrap();
    let dirs = TemplateDirs::built_in();
    let profile = Profile::load("igf", &dirs).unwrap();
    let options = Options {
        report: Report::Final,
        format: Format::Markdown,
        anonymous: None,
        template: Some(&path),
        dirs: &dirs,
        wrap: None,
    };
    let error = report::export(&fixture(), &profile, &options).unwrap_err();
    let ReportError::Template { file, line, .. } = &error else {
        panic!("{error}")
    };
    assert_eq!(file, &path.display().to_string());
    assert_eq!(*line, Some(4));
    assert!(
        error
            .to_string()
            .starts_with(&format!("{}:4: ", path.display())),
        "{error}"
    );

    // An error in an included template names that file.
    std::fs::write(dir.path().join("part.j2"), "ok\n{{ 1 + }}\n").unwrap();
    std::fs::write(&path, "{% include \"part.j2\" %}\n").unwrap();
    let dirs = TemplateDirs::new([dir.path().to_path_buf()]);
    let options = Options {
        dirs: &dirs,
        wrap: None,
        ..options
    };
    let error = report::export(&fixture(), &profile, &options)
        .unwrap_err()
        .to_string();
    assert!(
        error.starts_with(&format!("{}:2: ", dir.path().join("part.j2").display())),
        "{error}"
    );
}

#[test]
fn a_broken_profile_names_its_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("profiles")).unwrap();
    let path = dir.path().join("profiles/mine.ron");
    std::fs::write(
        &path,
        "Profile(\n    name: \"mine\",\n    templates: {},\n    short: (title: 3),\n)\n",
    )
    .unwrap();
    let error = Profile::load("mine", &TemplateDirs::new([dir.path().to_path_buf()]))
        .unwrap_err()
        .to_string();
    assert!(
        error.starts_with(&format!("{}:4:", path.display())),
        "{error}"
    );
    let unknown = Profile::load("nope", &TemplateDirs::built_in())
        .unwrap_err()
        .to_string();
    assert!(unknown.contains("igf, igf-2016"), "{unknown}");
}
