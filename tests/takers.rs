//! Several note takers, one session folder: each writes only their own files, and every reader
//! unites them.

mod common;

use std::fs;
use std::process::{Command, Stdio};

use common::{arg, fails, ok, rapporteur, scratch, workshop};
use rapporteur::store::{SessionPaths, Store, StoreError, taker_slug};

fn shared_workshop() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, path) = scratch();
    drop(Store::create(&path, &workshop()).unwrap());
    ok(rapporteur(&["join", arg(&path), "--taker", "Ana Silva"]));
    (dir, path)
}

fn notes_json(path: &std::path::Path) -> Vec<serde_json::Value> {
    ok(rapporteur(&["notes", arg(path), "--json"]))
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

#[test]
fn each_taker_writes_only_their_own_files_and_readers_see_all() {
    let (_dir, path) = shared_workshop();
    let header = fs::read(&path).unwrap();
    let first_journal = fs::read(SessionPaths::new(&path).journal).unwrap();
    let ana = ["--taker", "Ana Silva"];
    ok(rapporteur(
        &[
            &["note", arg(&path), "-s", "online", "from the chat"][..],
            &ana,
        ]
        .concat(),
    ));
    ok(rapporteur(
        &[&["person", "add", arg(&path), "Omar Haddad"][..], &ana].concat(),
    ));
    ok(rapporteur(
        &[&["floor", arg(&path), "haddad", "--at", "14:10"][..], &ana].concat(),
    ));
    assert_eq!(
        fs::read(&path).unwrap(),
        header,
        "a joined taker never writes the header"
    );
    assert_eq!(
        fs::read(SessionPaths::new(&path).journal).unwrap(),
        first_journal,
        "nor the first taker's journal"
    );

    // The first taker sees the newcomer and names them in a note.
    ok(rapporteur(&[
        "note",
        arg(&path),
        "-s",
        "haddad",
        "from the room",
    ]));
    let notes = notes_json(&path);
    let by = |text: &str| notes.iter().find(|n| n["text"] == text).unwrap().clone();
    assert_eq!(by("from the chat")["taker"], "Ana Silva");
    assert_eq!(by("from the room")["taker"], "Bruna Toso de Alcântara");
    assert_eq!(by("from the room")["speaker"], "Omar Haddad");
    let shown = ok(rapporteur(&["show", arg(&path), "--json"]));
    assert!(shown.contains("Omar Haddad"), "{shown}");
    let stats = ok(rapporteur(&["stats", arg(&path), "--json"]));
    assert!(stats.contains("Omar Haddad"), "{stats}");
}

#[test]
fn the_lock_is_per_taker() {
    let (_dir, path) = shared_workshop();
    let ana = Store::open_as(&path, Some("ana silva")).unwrap();
    // The first taker writes while Ana's screen is open.
    ok(rapporteur(&["note", arg(&path), "from the room"]));
    let error = Store::open_as(&path, Some("Ana Silva")).unwrap_err();
    match error {
        StoreError::Locked { pid, .. } => assert_eq!(pid, Some(std::process::id())),
        other => panic!("{other}"),
    }
    drop(ana);
    let error = fails(rapporteur(&["note", arg(&path), "--taker", "Zed", "x"]));
    assert!(error.contains("has not joined"), "{error}");
}

#[test]
fn a_sync_tools_conflict_copy_is_reported_not_read_twice() {
    let (_dir, path) = shared_workshop();
    ok(rapporteur(&[
        "note",
        arg(&path),
        "--taker",
        "Ana Silva",
        "once",
    ]));
    let journal = SessionPaths::of_taker(&path, &taker_slug("Ana Silva")).journal;
    let copy = journal.with_file_name("ana-silva.notes.sync-conflict-20221201-140501-ABCDEFG.ron");
    fs::copy(&journal, &copy).unwrap();
    let output = rapporteur(&["notes", arg(&path)]);
    let error = common::text(&output.stderr);
    let listed = ok(output);
    assert_eq!(listed.lines().filter(|l| l.contains("once")).count(), 1);
    assert!(
        error.contains("sync-conflict") && error.contains("not read"),
        "{error}"
    );
    let problems = fails(rapporteur(&["check", arg(&path)]));
    assert!(problems.contains("sync-conflict"), "{problems}");
}

/// Two takers add notes as fast as they can while a third reads: every read succeeds, and in
/// the end every note is there once.
#[test]
fn two_takers_write_at_once_while_a_third_reads() {
    let (_dir, path) = shared_workshop();
    const EACH: usize = 25;
    let writer = |taker: &str| {
        Command::new("sh")
            .arg("-c")
            .arg(format!(
                r#"i=0; while [ $i -lt {EACH} ]; do "$0" note "$1" --taker "$2" "note $i by $2" || exit 1; i=$((i+1)); done"#
            ))
            .arg(env!("CARGO_BIN_EXE_rapporteur"))
            .arg(&path)
            .arg(taker)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    };
    let mut first = writer("Bruna Toso de Alcântara");
    let mut second = writer("Ana Silva");
    let mut reads = 0;
    while first.try_wait().unwrap().is_none() || second.try_wait().unwrap().is_none() {
        let (session, _) = Store::read(&path).expect("a read during writes succeeds");
        assert!(session.notes.len() <= 2 * EACH);
        reads += 1;
    }
    assert!(first.wait().unwrap().success() && second.wait().unwrap().success());
    assert!(reads > 0);
    let notes = notes_json(&path);
    assert_eq!(notes.len(), 2 * EACH);
    for taker in ["Bruna Toso de Alcântara", "Ana Silva"] {
        assert_eq!(notes.iter().filter(|n| n["taker"] == taker).count(), EACH);
    }
}

/// A copy of a session's files (header and folder) in a directory of its own.
fn copy_session(from: &std::path::Path, to_dir: &std::path::Path) -> std::path::PathBuf {
    let to = to_dir.join(from.file_name().unwrap());
    fs::create_dir_all(to_dir).unwrap();
    fs::copy(from, &to).unwrap();
    let status = Command::new("cp")
        .arg("-a")
        .arg(SessionPaths::new(from).folder)
        .arg(SessionPaths::new(&to).folder)
        .status()
        .unwrap();
    assert!(status.success());
    to
}

#[test]
fn separate_copies_merge_once_in_any_order() {
    let (dir, room) = scratch();
    drop(Store::create(&room, &workshop()).unwrap());
    ok(rapporteur(&[
        "note",
        arg(&room),
        "-s",
        "sobota",
        "--at",
        "14:00",
        "said by both",
    ]));
    let chat = copy_session(&room, &dir.path().join("chat"));
    ok(rapporteur(&[
        "note",
        arg(&room),
        "-s",
        "paulus",
        "--at",
        "14:05",
        "only in the room",
    ]));
    ok(rapporteur(&["person", "add", arg(&chat), "omar haddad"]));
    ok(rapporteur(&[
        "note",
        arg(&chat),
        "-s",
        "haddad",
        "--at",
        "14:06",
        "only in the chat",
    ]));
    // The same note corrected differently in each copy: the later correction wins.
    for (path, text, minute) in [
        (&room, "said by both, fixed", 10),
        (&chat, "said by both, fixed later", 20),
    ] {
        let opened = Store::open(path).unwrap();
        let mut note = opened.session.notes[0].clone();
        note.text = text.into();
        note.edited = Some(common::at(&format!("2022-12-01T14:{minute}:00Z")));
        let mut store = opened.store;
        store
            .append(&rapporteur::model::Change::Edit(note))
            .unwrap();
    }

    let merged = |name: &str, copies: &[&std::path::Path]| {
        let out = dir.path().join(name);
        let mut args = vec!["merge", arg(&out)];
        args.extend(copies.iter().map(|p| arg(p)));
        let said = ok(rapporteur(&args));
        (notes_json(&out), said)
    };
    let (ab, said) = merged("ab.ron", &[&room, &chat]);
    assert!(
        said.contains("3 notes, 1 of them in more than one copy"),
        "{said}"
    );
    assert!(
        said.contains("said by both, fixed\""),
        "the other edit is listed: {said}"
    );
    let texts: Vec<&str> = ab.iter().map(|n| n["text"].as_str().unwrap()).collect();
    assert_eq!(
        texts,
        [
            "said by both, fixed later",
            "only in the room",
            "only in the chat"
        ]
    );
    assert_eq!(ab[2]["speaker"], "omar haddad");
    assert_eq!(merged("ba.ron", &[&chat, &room]).0, ab);
    assert_eq!(merged("aba.ron", &[&room, &chat, &room]).0, ab);

    // A laptop whose clock was 42 seconds fast.
    let out = dir.path().join("shifted.ron");
    let shift = format!("{}=-00:00:42", arg(&chat));
    ok(rapporteur(&[
        "merge",
        arg(&out),
        arg(&room),
        arg(&chat),
        "--shift",
        &shift,
    ]));
    let shifted = notes_json(&out);
    let chat_note = shifted
        .iter()
        .find(|n| n["text"] == "only in the chat")
        .unwrap();
    assert_eq!(chat_note["at"], "2022-12-01T14:05:18Z");

    let other = dir.path().join("other.ron");
    let mut session = workshop();
    session.info.code = "IGF 2022 WS #999".into();
    drop(Store::create(&other, &session).unwrap());
    let out = dir.path().join("refused.ron");
    let error = fails(rapporteur(&["merge", arg(&out), arg(&room), arg(&other)]));
    assert!(error.contains("different events"), "{error}");
    assert!(!out.exists());
    ok(rapporteur(&[
        "merge",
        arg(&out),
        arg(&room),
        arg(&other),
        "--force",
    ]));
}

/// Two takers, three break-out groups: notes carry their group, `notes -g` filters, and the final
/// report has a section per group with its members and notes, names replaced when anonymous.
#[test]
fn break_out_groups_of_two_takers_are_exported_group_by_group() {
    let (_dir, path) = shared_workshop();
    let s = arg(&path);
    ok(rapporteur(&[
        "group",
        "add",
        s,
        "Group A",
        "--taker",
        "Bruna Toso de Alcântara",
        "--member",
        "sobota",
    ]));
    ok(rapporteur(&[
        "group",
        "add",
        s,
        "Group B",
        "--taker",
        "Ana Silva",
        "--member",
        "paulus",
    ]));
    ok(rapporteur(&[
        "group",
        "add",
        s,
        "Group C",
        "--member",
        "markovski",
    ]));
    ok(rapporteur(&[
        "note",
        s,
        "-g",
        "group a",
        "-s",
        "sobota",
        "--at",
        "14:10",
        "Norms need evidence",
    ]));
    ok(rapporteur(&[
        "note",
        s,
        "--taker",
        "Ana Silva",
        "-g",
        "GROUP B",
        "-s",
        "paulus",
        "--at",
        "14:11",
        "Attribution is political",
    ]));
    ok(rapporteur(&["note", s, "--at", "14:12", "Back in plenary"]));
    let error = fails(rapporteur(&["note", s, "-g", "Group D", "x"]));
    assert!(error.contains("Group A, Group B, Group C"), "{error}");

    let in_b = ok(rapporteur(&["notes", s, "-g", "group b", "--json"]));
    assert_eq!(in_b.lines().count(), 1);
    assert!(
        in_b.contains("\"group\":\"Group B\"") && in_b.contains("\"taker\":\"Ana Silva\""),
        "{in_b}"
    );
    let all = ok(rapporteur(&["notes", s, "--json"]));
    assert_eq!(all.lines().filter(|l| l.contains("\"group\"")).count(), 2);

    let report = ok(rapporteur(&["export", s, "final"]));
    for expected in [
        "### Break-out group: Group A",
        "Members: Livia Sobota.",
        "Norms need evidence",
        "### Break-out group: Group B",
        "Notes taken by Ana Silva.",
        "Attribution is political",
        "### Break-out group: Group C",
        "_No notes were taken in this group._",
    ] {
        assert!(report.contains(expected), "{expected}\n{report}");
    }
    let group_c = &report[report.find("Group C").unwrap()..];
    assert!(!group_c.contains("Back in plenary"));
    let anonymous = ok(rapporteur(&["export", s, "final", "--anonymous"]));
    assert!(anonymous.contains("### Break-out group: Group A"));
    assert!(
        !anonymous.contains("Sobota") && !anonymous.contains("Paulus"),
        "{anonymous}"
    );
}

/// Two takers (Bruna in the room, Ana for two groups) and three break-out groups, as checked in:
/// the final report has a section per group, in the order they were made, each with its members,
/// its taker and only its own notes, whichever taker wrote them.
#[test]
fn a_fixture_of_two_takers_and_three_groups_exports_a_section_per_group() {
    let fixture =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/breakout/ws222.ron");
    let report = ok(rapporteur(&["export", arg(&fixture), "final"]));
    let sections: Vec<&str> = report.split("### Break-out group: ").skip(1).collect();
    let names: Vec<&str> = sections
        .iter()
        .map(|s| s.lines().next().unwrap_or_default())
        .collect();
    assert_eq!(names, ["Access", "Skills", "Policy"], "{report}");
    let expected = [
        (
            "Members: Livia Sobota, Alexandra Paulus.",
            "Notes taken by Bruna Toso.",
            [
                "Rural schools still pay per megabyte",
                "Community networks fill the gap",
            ],
        ),
        (
            "Members: Veni Markovski, Omar Haddad.",
            "Notes taken by Ana Silva.",
            [
                "Digital literacy must start",
                "Who pays for training the trainers?",
            ],
        ),
        (
            "Members: Mei Chen, Kwame Mensah.",
            "Notes taken by Ana Silva.",
            [
                "Universal service funds sit unspent",
                "Spend the funds on last-mile access",
            ],
        ),
    ];
    for (section, (members, taker, notes)) in sections.iter().zip(expected) {
        // A section ends where the next heading begins.
        let section = section.split("\n## ").next().unwrap_or_default();
        assert!(section.contains(members), "{section}");
        assert!(section.contains(taker), "{section}");
        assert_eq!(section.matches("\n- ").count(), 2, "{section}");
        for note in notes {
            assert_eq!(section.matches(note).count(), 1, "{note} in {section}");
        }
    }
    // The plenary note, in no group, is with the audience's questions and in no group's section.
    let plenary = "A plenary question from the chat on affordability";
    assert_eq!(report.matches(plenary).count(), 1, "{report}");
    assert!(!sections.iter().any(|s| s.contains(plenary)));
}

/// A hand-made hybrid session: Ana takes the room, Omar (the online moderator) the chat. Three
/// hand-overs both recorded two seconds apart, differently: the floor follows Omar for the online
/// audience and Ana for the room, and `check` lists every difference. A question from the room
/// and, four seconds later, one from the chat: two turns, both kept. One hand-over both recorded
/// alike: counted once, and no conflict.
#[test]
fn two_takers_floor_changes_for_one_moment_follow_the_role_and_are_listed() {
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/floor-conflict/ws.ron");
    let (session, warnings) = Store::read(&fixture).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    let floor: Vec<String> = session
        .floor
        .iter()
        .map(|f| {
            let who = f
                .speaker
                .map(|s| session.speaker_name(s))
                .unwrap_or_default();
            format!("{} {who}", f.at.format("%H:%M:%S"))
        })
        .collect();
    assert_eq!(
        floor,
        [
            "14:00:00 Alexandra Paulus",
            "14:10:02 Online audience",
            "14:20:02 Online audience",
            "14:30:02 Alexandra Paulus",
            "14:40:00 Onsite audience",
            "14:40:04 Online audience",
            "14:50:00 Alexandra Paulus",
        ]
    );
    let problems = fails(rapporteur(&["check", arg(&fixture)]));
    let listed: Vec<&str> = problems
        .lines()
        .filter(|line| line.contains("recorded the floor"))
        .collect();
    assert_eq!(listed.len(), 3, "{problems}");
    assert!(listed[0].contains(
        "Omar Haddad gave it to Online audience, Ana Silva to Alexandra Paulus (2 s apart); the \
         session follows Omar Haddad"
    ));
    assert!(listed[1].contains("Ana Silva to Onsite audience (2 s apart)"));
    assert!(listed[2].contains(
        "Ana Silva gave it to Alexandra Paulus, Omar Haddad to Onsite audience (2 s apart); the \
         session follows Ana Silva"
    ));
}

/// The floor conflicts inside a copy (two takers who shared a folder) are carried into a merge:
/// every record of every copy is in the merged session, and `check` on it lists what `check` on
/// the shared folder listed, nothing more and nothing less.
#[test]
fn a_merge_keeps_every_floor_record_and_check_lists_the_same_conflicts() {
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/floor-conflict/ws.ron");
    let (dir, _) = scratch();
    let copy = copy_session(&fixture, &dir.path().join("copy"));
    ok(rapporteur(&[
        "note",
        arg(&copy),
        "--at",
        "14:55",
        "only in the copy",
    ]));
    let conflicts = |path: &std::path::Path| -> Vec<String> {
        let said = fails(rapporteur(&["check", arg(path)]));
        said.lines()
            .filter_map(|line| line.split_once(": two takers recorded the floor"))
            .map(|(_, problem)| problem.to_string())
            .collect()
    };
    let expected = conflicts(&fixture);
    assert_eq!(expected.len(), 3);
    let (before, _) = Store::read(&fixture).unwrap();
    for (name, copies) in [
        ("ab.ron", vec![&fixture, &copy]),
        ("ba.ron", vec![&copy, &fixture]),
        ("aba.ron", vec![&fixture, &copy, &fixture]),
    ] {
        let out = dir.path().join(name);
        let mut args = vec!["merge", arg(&out)];
        args.extend(copies.iter().map(|p| arg(p)));
        let output = rapporteur(&args);
        let warned = common::text(&output.stderr);
        ok(output);
        assert!(warned.contains("3 record(s) of the floor"), "{warned}");
        assert_eq!(conflicts(&out), expected, "{name}");
        let (merged, _) = Store::read(&out).unwrap();
        assert_eq!(merged.floor, before.floor, "{name}");
        assert_eq!(merged.notes.len(), 1);
    }
}

/// Two takers of one folder, each on their own laptop, add the same newcomer before the other's
/// files arrive: once both are there, reading the folder gives one person, and the notes and
/// floor changes of either name them.
#[test]
fn the_latest_edit_of_a_person_stands_whichever_taker_made_it() {
    let (_dir, path) = shared_workshop();
    let s = arg(&path);
    let affiliation = || -> serde_json::Value {
        let shown: serde_json::Value =
            serde_json::from_str(&ok(rapporteur(&["show", s, "--json"]))).unwrap();
        let people = shown["people"].as_array().unwrap();
        let maria = people.iter().find(|p| p["name"] == "Maria Silva");
        maria.expect("Maria Silva on the roster")["affiliation"].clone()
    };
    let add = |affiliation: &str, taker: &[&str]| {
        let args = [
            &[
                "person",
                "add",
                s,
                "Maria Silva",
                "--affiliation",
                affiliation,
            ][..],
            taker,
        ];
        ok(rapporteur(&args.concat()));
    };
    add("A", &["--taker", "Ana Silva"]);
    add("B", &["--taker", "Ana Silva"]);
    assert_eq!(affiliation(), "B");
    // The first taker, whose roster is the header, corrects Ana's entry.
    add("C", &[]);
    assert_eq!(affiliation(), "C");
    // And Ana corrects it again.
    add("D", &["--taker", "Ana Silva"]);
    assert_eq!(affiliation(), "D");
}

#[test]
fn what_two_takers_entries_for_one_newcomer_say_differently_is_listed_by_check() {
    let (dir, path) = shared_workshop();
    let laptop = copy_session(&path, &dir.path().join("laptop"));
    let add = |session: &std::path::Path, name: &str, affiliation: &str, taker: &[&str]| {
        let args = [
            &[
                "person",
                "add",
                arg(session),
                name,
                "--affiliation",
                affiliation,
            ][..],
            taker,
        ];
        ok(rapporteur(&args.concat()));
    };
    add(
        &laptop,
        "jose perez",
        "Universidad de Chile",
        &["--taker", "Ana Silva"],
    );
    add(&path, "José Pérez", "ISOC Chile", &[]);
    let journal = |session: &std::path::Path| {
        SessionPaths::of_taker(session, &taker_slug("Ana Silva")).journal
    };
    fs::copy(journal(&laptop), journal(&path)).unwrap();

    let listed = rapporteur(&["check", arg(&path)]);
    let listed = format!(
        "{}{}",
        common::text(&listed.stdout),
        common::text(&listed.stderr)
    );
    assert!(
        listed.contains("two takers' entries for José Pérez give different affiliations")
            && listed.contains("\"Universidad de Chile\"")
            && listed.contains("\"ISOC Chile\""),
        "{listed}"
    );
    let (session, _) = Store::read(&path).unwrap();
    assert_eq!(
        session.roster().filter(|p| p.name == "José Pérez").count(),
        1
    );
}

#[test]
fn the_same_newcomer_added_by_two_takers_of_one_folder_is_one_person() {
    let (dir, path) = shared_workshop();
    // Ana's laptop: a copy of the folder, not synced yet.
    let laptop = copy_session(&path, &dir.path().join("laptop"));
    let ana = ["--taker", "Ana Silva"];
    ok(rapporteur(
        &[&["person", "add", arg(&laptop), "jose perez"][..], &ana].concat(),
    ));
    ok(rapporteur(
        &[
            &[
                "note",
                arg(&laptop),
                "-s",
                "perez",
                "--at",
                "14:10",
                "from the chat",
            ][..],
            &ana,
        ]
        .concat(),
    ));
    ok(rapporteur(
        &[&["floor", arg(&laptop), "perez", "--at", "14:09"][..], &ana].concat(),
    ));
    ok(rapporteur(&["person", "add", arg(&path), "José Pérez"]));
    ok(rapporteur(&[
        "note",
        arg(&path),
        "-s",
        "perez",
        "--at",
        "14:11",
        "from the room",
    ]));
    // The sync tool brings Ana's journal over.
    let journal = |session: &std::path::Path| {
        SessionPaths::of_taker(session, &taker_slug("Ana Silva")).journal
    };
    fs::copy(journal(&laptop), journal(&path)).unwrap();

    let fine = ok(rapporteur(&["check", arg(&path)]));
    assert!(fine.contains("fine"), "{fine}");
    let notes = notes_json(&path);
    assert_eq!(notes.len(), 2);
    assert!(
        notes.iter().all(|n| n["speaker"] == "José Pérez"),
        "{notes:?}"
    );
    let (session, _) = Store::read(&path).unwrap();
    let named: Vec<&str> = session
        .roster()
        .filter(|p| rapporteur::model::fold(&p.name) == "jose perez")
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(named, ["José Pérez"]);
    assert_eq!(
        session.floor.last().and_then(|f| f.speaker),
        notes_speaker(&session, "from the room")
    );
    // Either taker names him by name again without being told it is ambiguous.
    for taker in ["Ana Silva", "Bruna Toso de Alcântara"] {
        ok(rapporteur(&[
            "note",
            arg(&path),
            "--taker",
            taker,
            "-s",
            "pérez",
            "once more",
        ]));
    }
    let stats = ok(rapporteur(&["stats", arg(&path), "--json"]));
    let stats: serde_json::Value = serde_json::from_str(&stats).unwrap();
    let tallies: Vec<&serde_json::Value> = stats["speakers"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["speaker"] == "José Pérez")
        .collect();
    assert_eq!(tallies.len(), 1, "{stats}");
    assert_eq!(tallies[0]["notes"], 4, "{stats}");
}

fn notes_speaker(
    session: &rapporteur::model::Session,
    text: &str,
) -> Option<rapporteur::model::Speaker> {
    session.notes.iter().find(|n| n.text == text)?.speaker
}

#[test]
fn a_name_that_would_share_a_takers_files_is_refused_naming_that_taker() {
    let (_dir, path) = shared_workshop();
    let s = arg(&path);
    let error = fails(rapporteur(&["join", s, "--taker", "ana silva"]));
    assert!(
        error.contains("files of Ana Silva, who joined already"),
        "{error}"
    );
    let again = ok(rapporteur(&["join", s, "--taker", "Ana Silva"]));
    assert!(again.contains("had joined already"), "{again}");
    ok(rapporteur(&["join", s, "--taker", "陈静"]));
    let error = fails(rapporteur(&["join", s, "--taker", "Chen Jing"]));
    assert!(error.contains("files of 陈静"), "{error}");
    let error = fails(rapporteur(&[
        "join",
        s,
        "--taker",
        "BRUNA TOSO DE ALCANTARA",
    ]));
    assert!(
        error.contains("files of Bruna Toso de Alcântara, the session's first taker"),
        "{error}"
    );
    let takers = fs::read_dir(SessionPaths::new(&path).folder.join("takers"))
        .unwrap()
        .filter(|entry| {
            let name = entry.as_ref().unwrap().file_name();
            name.to_string_lossy().ends_with(".notes.ron")
        })
        .count();
    assert_eq!(takers, 2, "Ana Silva's and 陈静's journals, no more");
}
