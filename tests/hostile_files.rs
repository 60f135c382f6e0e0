//! Files as a hostile user lays them out: FIFOs, devices and symlinks where the session's files
//! go, reports aimed at the session's own files, crashes that leave temporary files behind.

mod common;

use std::fs;
use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::{arg, scratch, text, workshop};
use rapporteur::store::{SessionPaths, Store, StoreError};

/// Runs the binary; a run that has not ended after ten seconds is killed and fails the test.
fn run(args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_rapporteur"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(10) {
            child.kill().unwrap();
            panic!("rapporteur {args:?} hung");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

fn fails(output: Output) -> String {
    assert!(
        !output.status.success(),
        "expected failure: {}",
        text(&output.stdout)
    );
    text(&output.stderr)
}

fn ok(output: Output) -> String {
    assert!(output.status.success(), "{}", text(&output.stderr));
    text(&output.stdout)
}

fn new_workshop() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, path) = scratch();
    drop(Store::create(&path, &workshop()).unwrap());
    (dir, path)
}

fn mkfifo(path: &Path) {
    let c = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    // SAFETY: a valid C string and mode.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
}

#[test]
fn a_fifo_as_header_journal_or_proposal_is_refused_by_name_at_once() {
    let (dir, path) = new_workshop();
    let fifo = dir.path().join("pipe.ron");
    mkfifo(&fifo);
    for command in ["check", "notes", "show"] {
        let error = fails(run(&[command, arg(&fifo)]));
        assert!(error.contains("FIFO"), "{command}: {error}");
    }
    let error = fails(run(&["note", arg(&fifo), "text"]));
    assert!(error.contains("FIFO"), "{error}");
    let proposal = dir.path().join("proposal.txt");
    mkfifo(&proposal);
    let fresh = dir.path().join("fresh.ron");
    let error = fails(run(&[
        "new",
        arg(&fresh),
        "--from-proposal",
        arg(&proposal),
    ]));
    assert!(error.contains("FIFO"), "{error}");
    assert!(!fresh.exists());

    let journal = SessionPaths::new(&path).journal;
    fs::remove_file(&journal).unwrap();
    mkfifo(&journal);
    for args in [vec!["check", arg(&path)], vec!["note", arg(&path), "x"]] {
        let error = fails(run(&args));
        assert!(error.contains("FIFO"), "{args:?}: {error}");
    }
}

#[test]
fn a_journal_that_is_a_device_is_refused_not_read_forever() {
    let (_dir, path) = new_workshop();
    let journal = SessionPaths::new(&path).journal;
    for device in ["/dev/zero", "/dev/full"] {
        fs::remove_file(&journal).ok();
        std::os::unix::fs::symlink(device, &journal).unwrap();
        let error = fails(run(&["check", arg(&path)]));
        assert!(error.contains("notes.ron"), "{error}");
        assert!(error.contains("symbolic link"), "{error}");
    }
}

#[test]
fn a_symlinked_lock_is_refused_and_its_target_untouched() {
    let (dir, path) = new_workshop();
    let victim = dir.path().join("victim.txt");
    fs::write(&victim, "precious").unwrap();
    let lock = SessionPaths::new(&path).lock;
    fs::remove_file(&lock).unwrap();
    std::os::unix::fs::symlink(&victim, &lock).unwrap();
    let error = fails(run(&["note", arg(&path), "a note"]));
    assert!(error.contains("lock"), "{error}");
    assert!(error.contains("symbolic link"), "{error}");
    assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
}

#[test]
fn a_report_is_never_written_over_the_sessions_own_files() {
    let (dir, path) = new_workshop();
    ok(run(&["note", arg(&path), "-s", "sobota", "kept"]));
    let paths = SessionPaths::new(&path);
    let link_to_journal = dir.path().join("innocent.md");
    std::os::unix::fs::symlink(&paths.journal, &link_to_journal).unwrap();
    let hard_link = dir.path().join("hard.md");
    fs::hard_link(&paths.journal, &hard_link).unwrap();
    let dotted = dir.path().join("sub/../ws422.ron");
    fs::create_dir(dir.path().join("sub")).unwrap();
    let before = (fs::read(&path).unwrap(), fs::read(&paths.journal).unwrap());
    for target in [
        path.clone(),
        paths.journal.clone(),
        paths.lock.clone(),
        paths.draft.clone(),
        paths.folder.join("anything.md"),
        link_to_journal,
        hard_link,
        dotted,
        dir.path().join("ws422.notes.ron"),
    ] {
        let error = fails(run(&[
            "export",
            arg(&path),
            "short",
            "-o",
            target.to_str().unwrap(),
        ]));
        assert!(
            error.contains("files of the session"),
            "{target:?}: {error}"
        );
    }
    assert_eq!(
        (fs::read(&path).unwrap(), fs::read(&paths.journal).unwrap()),
        before
    );
    assert!(ok(run(&["notes", arg(&path)])).contains("kept"));
}

#[test]
fn a_report_onto_a_symlink_replaces_its_target_and_keeps_link_and_mode() {
    let (dir, path) = new_workshop();
    let real = dir.path().join("real.md");
    fs::write(&real, "old").unwrap();
    fs::set_permissions(&real, fs::Permissions::from_mode(0o640)).unwrap();
    let link = dir.path().join("report.md");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    ok(run(&["export", arg(&path), "short", "-o", arg(&link)]));
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        fs::read_to_string(&real)
            .unwrap()
            .contains("IGF 2022 WS #422")
    );
    let mode = fs::metadata(&real).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);

    let error = fails(run(&["export", arg(&path), "short", "-o", "/dev/null"]));
    assert!(error.contains("device"), "{error}");
    let error = fails(run(&[
        "export",
        arg(&path),
        "short",
        "-o",
        dir.path().to_str().unwrap(),
    ]));
    assert!(error.contains("directory"), "{error}");
}

#[test]
fn a_symlinked_header_is_written_through_and_stays_a_link() {
    let (dir, path) = new_workshop();
    let link = dir.path().join("linked.ron");
    std::os::unix::fs::symlink(&path, &link).unwrap();
    // The session's folder is named after the name the user gives.
    fs::rename(
        SessionPaths::new(&path).folder,
        SessionPaths::new(&link).folder,
    )
    .unwrap();
    ok(run(&["person", "add", arg(&link), "Ana Silva"]));
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(fs::read_to_string(&path).unwrap().contains("Ana Silva"));
}

#[test]
fn temporary_files_left_by_a_killed_writer_are_removed_by_the_next_one() {
    let (dir, path) = new_workshop();
    let mut child = Command::new("true").spawn().unwrap();
    let dead = child.id();
    child.wait().unwrap();
    let stale = dir
        .path()
        .join(format!(".ws422.ron.rapporteur-tmp-{dead}-0"));
    fs::write(&stale, "half a header").unwrap();
    ok(run(&["person", "add", arg(&path), "Ana Silva"]));
    assert!(!stale.exists());
    let left: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains("tmp"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn new_on_a_full_disk_leaves_nothing_behind() {
    use std::os::unix::process::CommandExt;
    let (dir, _) = scratch();
    let path = dir.path().join("full.ron");
    let mut command = Command::new(env!("CARGO_BIN_EXE_rapporteur"));
    command.args(["new", arg(&path)]);
    // SAFETY: only async-signal-safe calls (setrlimit, signal) between fork and exec.
    unsafe { command.pre_exec(|| common::limit_file_size(0)) };
    let error = fails(command.output().unwrap());
    assert!(error.contains("too large"), "{error}");
    let left: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
    assert!(left.is_empty(), "{left:?}");
}

/// Writers come and go as fast as they can; every one refused is told who holds the lock.
#[test]
fn a_refused_writer_is_always_told_the_holders_pid() {
    let (_dir, path) = new_workshop();
    // Writers that come while it is held, some right as it is taken: each is refused only after
    // waiting for the lock, by which time the holder has written its number.
    let refusals: Vec<Option<u32>> = std::thread::scope(|scope| {
        let holder = Store::open_for_append(&path).unwrap();
        let writers: Vec<_> = (0..4)
            .map(|_| {
                scope.spawn(|| match Store::open_for_append(&path) {
                    Err(StoreError::Locked { pid, .. }) => pid,
                    Err(other) => panic!("{other}"),
                    Ok(_) => panic!("a second writer got the lock"),
                })
            })
            .collect();
        let refusals = writers.into_iter().map(|w| w.join().unwrap()).collect();
        drop(holder);
        refusals
    });
    assert_eq!(refusals.len(), 4);
    assert!(
        refusals.iter().all(|pid| *pid == Some(std::process::id())),
        "{refusals:?}"
    );
}

#[test]
fn export_never_writes_another_sessions_header_journal_or_folder() {
    let (dir, path) = new_workshop();
    let other = dir.path().join("b.ron");
    drop(Store::create(&other, &workshop()).unwrap());
    let other_paths = SessionPaths::new(&other);
    ok(run(&["note", arg(&other), "kept in b"]));
    let format_1 = dir.path().join("old.ron");
    fs::copy("tests/fixtures/format-v1/ws422.ron", &format_1).unwrap();
    let old_journal = dir.path().join("old.notes.ron");
    fs::copy("tests/fixtures/format-v1/ws422.notes.ron", &old_journal).unwrap();
    let inside = other_paths.folder.join("report.md");
    let files = [&other, &other_paths.journal, &format_1, &old_journal];
    let before: Vec<Vec<u8>> = files.iter().map(|f| fs::read(f).unwrap()).collect();
    for target in [
        &other,
        &other_paths.journal,
        &format_1,
        &old_journal,
        &inside,
    ] {
        let error = fails(run(&["export", arg(&path), "short", "-o", arg(target)]));
        assert!(
            error.contains("will not write there"),
            "{target:?}: {error}"
        );
    }
    let after: Vec<Vec<u8>> = files.iter().map(|f| fs::read(f).unwrap()).collect();
    assert_eq!(after, before);
    assert!(!inside.exists());
}

#[test]
fn a_fifo_or_a_device_as_template_or_profile_is_refused_at_once() {
    let (dir, path) = new_workshop();
    let export_with = |option: &str, value: &Path| {
        fails(run(&["export", arg(&path), "short", option, arg(value)]))
    };
    let fifo = dir.path().join("pipe.md.j2");
    mkfifo(&fifo);
    for template in [fifo.as_path(), Path::new("/dev/zero")] {
        let error = export_with("--template", template);
        assert!(
            error.contains("not a regular file"),
            "{template:?}: {error}"
        );
    }
    let templates = dir.path().join("templates");
    fs::create_dir_all(templates.join("profiles")).unwrap();
    mkfifo(&templates.join("profiles/igf.ron"));
    let error = export_with("--templates", &templates);
    assert!(error.contains("FIFO"), "{error}");
    fs::remove_file(templates.join("profiles/igf.ron")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", templates.join("profiles/igf.ron")).unwrap();
    let error = export_with("--templates", &templates);
    assert!(error.contains("device"), "{error}");
    let profile = dir.path().join("mine.ron");
    mkfifo(&profile);
    let error = export_with("--profile", &profile);
    assert_eq!(error.matches("FIFO").count(), 1, "said once: {error}");
}

#[test]
fn a_symlinked_takers_folder_is_refused_and_nothing_is_written_through_it() {
    let (dir, path) = new_workshop();
    ok(run(&["join", arg(&path), "--taker", "Ana"]));
    let folder = SessionPaths::new(&path).folder;
    let takers = folder.join("takers");
    let elsewhere = dir.path().join("elsewhere");
    fs::rename(&takers, &elsewhere).unwrap();
    std::os::unix::fs::symlink(&elsewhere, &takers).unwrap();
    let before: Vec<_> = fs::read_dir(&elsewhere)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    let journal = before
        .iter()
        .find(|p| p.to_string_lossy().ends_with(".notes.ron"))
        .unwrap();
    let journal_before = fs::read(journal).unwrap();
    let error = fails(run(&["note", arg(&path), "--taker", "Ana", "a note"]));
    assert!(error.contains("takers"), "{error}");
    assert_eq!(fs::read(journal).unwrap(), journal_before);
    assert!(!elsewhere.join("ana.lock").exists() || before.iter().any(|p| p.ends_with("ana.lock")));
}

#[test]
fn a_header_naming_another_file_as_its_format_1_journal_reads_no_notes_from_it() {
    let (dir, path) = new_workshop();
    let (_other_dir, other) = new_workshop();
    ok(run(&[
        "note",
        arg(&other),
        "--at",
        "14:00",
        "another session's secret",
    ]));
    let other_journal = SessionPaths::new(&other).journal;
    let relative = pathdiff(&other_journal, dir.path());
    let header = fs::read_to_string(&path).unwrap();
    let tampered = header.replacen(
        "format: 2,",
        &format!("format: 2,\n    format_1_journal: Some({relative:?}),"),
        1,
    );
    assert_ne!(tampered, header, "the header has a format line to add to");
    fs::write(&path, tampered).unwrap();
    let notes = run(&["notes", arg(&path)]);
    let listed = String::from_utf8_lossy(&notes.stdout);
    assert!(!listed.contains("secret"), "{listed}");
}

/// `to` written relative to `from`, through the root: enough for a test's scratch folders.
fn pathdiff(to: &Path, from: &Path) -> String {
    let ups = from.components().count() - 1;
    format!(
        "{}{}",
        "../".repeat(ups),
        to.strip_prefix("/").unwrap().display()
    )
}

#[test]
fn new_on_a_path_that_is_not_a_file_says_what_is_there() {
    let (dir, _) = scratch();
    let fifo = dir.path().join("pipe.ron");
    mkfifo(&fifo);
    let folder = dir.path().join("folder.ron");
    fs::create_dir(&folder).unwrap();
    let dangling = dir.path().join("dangling.ron");
    std::os::unix::fs::symlink(dir.path().join("nowhere.ron"), &dangling).unwrap();
    for (path, what) in [
        (fifo.as_path(), "a FIFO"),
        (folder.as_path(), "a directory"),
        (
            dangling.as_path(),
            "a symbolic link to a file that does not exist",
        ),
        (Path::new("/dev/null"), "a device"),
    ] {
        let error = fails(run(&["new", arg(path)]));
        assert!(error.contains(what), "{path:?}: {error}");
        assert!(!error.contains("already there"), "{path:?}: {error}");
    }
    assert!(
        !dir.path().join("nowhere.ron").exists(),
        "nothing made through the link"
    );
    assert!(
        fs::metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device()
    );
}

#[test]
fn a_read_only_report_file_is_refused_and_left_as_it_is() {
    let (dir, path) = new_workshop();
    let report = dir.path().join("report.md");
    fs::write(&report, "kept").unwrap();
    fs::set_permissions(&report, fs::Permissions::from_mode(0o444)).unwrap();
    let error = fails(run(&["export", arg(&path), "short", "-o", arg(&report)]));
    assert!(
        error.contains("read-only") && error.contains("0444"),
        "{error}"
    );
    assert_eq!(fs::read_to_string(&report).unwrap(), "kept");
    let mode = fs::metadata(&report).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o444, "not chmod'ed around");
}
