//! The real program in a pseudo-terminal: type a tagged note, quit, find it in the session file.
//! Until the CLI's `rapporteur SESSION` is on this branch, the program is examples/live.rs, which
//! calls the same `rapporteur::tui::run`; `cargo test` builds it (a filtered `cargo test --test
//! tui_pty` needs `cargo build --example live` first).

use std::io::{Read, Write};
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use rapporteur::model::{NoteKind, Speaker};
use rapporteur::store::Store;

fn live_example() -> PathBuf {
    // target/debug/deps/tui_pty-… → target/debug/examples/live
    let exe = std::env::current_exe().unwrap();
    let dir = exe.parent().unwrap().parent().unwrap();
    dir.join("examples")
        .join(format!("live{}", std::env::consts::EXE_SUFFIX))
}

/// Reads what the program draws until `wanted` has appeared, or fails after `limit`.
fn wait_for(output: &mpsc::Receiver<Vec<u8>>, seen: &mut Vec<u8>, wanted: &str, limit: Duration) {
    let deadline = Instant::now() + limit;
    while !String::from_utf8_lossy(seen).contains(wanted) {
        let left = deadline.saturating_duration_since(Instant::now());
        match output.recv_timeout(left) {
            Ok(bytes) => seen.extend(bytes),
            Err(_) => panic!(
                "\"{wanted}\" never appeared; the screen so far:\n{}",
                String::from_utf8_lossy(seen)
            ),
        }
    }
}

#[test]
fn a_note_typed_in_a_terminal_reaches_the_session_file() {
    let program = live_example();
    assert!(
        program.exists(),
        "{} is built by `cargo test` (or `cargo build --example live`)",
        program.display()
    );
    let dir = tempfile::tempdir().unwrap();
    let session = dir.path().join("pty.ron");

    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 30,
            cols: 100,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut command = CommandBuilder::new(&program);
    command.arg(&session);
    command.env("TERM", "xterm-256color");
    let mut child = pty.slave.spawn_command(command).unwrap();
    drop(pty.slave);
    let mut reader = pty.master.try_clone_reader().unwrap();
    let mut writer = pty.master.take_writer().unwrap();
    let (sender, output) = mpsc::channel();
    std::thread::spawn(move || {
        let mut buffer = [0u8; 4096];
        while let Ok(n) = reader.read(&mut buffer) {
            if n == 0 || sender.send(buffer[..n].to_vec()).is_err() {
                break;
            }
        }
    });

    let mut seen = Vec::new();
    wait_for(&output, &mut seen, "New note", Duration::from_secs(20));
    // Alt+2 gives the floor to person 2, F3 tags question 2, Alt+t makes it a takeaway; then the
    // text, Enter to save it, and Ctrl+Q to quit.
    for keys in [
        &b"\x1b2"[..],
        b"\x1bOR",
        b"\x1bt",
        "Capacity first — 先建设能力".as_bytes(),
        b"\r",
    ] {
        writer.write_all(keys).unwrap();
        writer.flush().unwrap();
    }
    // The note's question tag in brackets is drawn only once the note is in the timeline.
    wait_for(&output, &mut seen, "[Q2]", Duration::from_secs(20));
    writer.write_all(b"\x11").unwrap();
    writer.flush().unwrap();

    let deadline = Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(
            Instant::now() < deadline,
            "the program did not quit on Ctrl+Q"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success(), "{status:?}");
    // The terminal was given back: the alternate screen was left.
    while let Ok(bytes) = output.recv_timeout(Duration::from_millis(500)) {
        seen.extend(bytes);
    }
    assert!(String::from_utf8_lossy(&seen).contains("\x1b[?1049l"));

    let (session, _) = Store::read(&session).unwrap();
    let note = session
        .notes
        .last()
        .expect("the note is in the session file");
    assert_eq!(note.text, "Capacity first — 先建设能力");
    assert_eq!(note.questions, vec![2]);
    assert_eq!(note.kind, NoteKind::Takeaway);
    let speaker = note.speaker.expect("a speaker");
    assert_eq!(session.speaker_name(speaker), "Alexandra Paulus");
    assert!(matches!(speaker, Speaker::Person(_)));
}
