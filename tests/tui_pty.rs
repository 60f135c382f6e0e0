//! The real program in a pseudo-terminal, as a new user starts it: `rapporteur` alone in an empty
//! directory makes session.ron from the built-in example; type a tagged note, quit, find the note
//! in the session file.

use std::io::{Read, Write};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use rapporteur::model::{NoteKind, Speaker};
use rapporteur::store::Store;

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
    let dir = tempfile::tempdir().unwrap();
    let session = dir.path().join("session.ron");

    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 30,
            cols: 100,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_rapporteur"));
    command.cwd(dir.path());
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

    let (exited, exit) = mpsc::channel();
    std::thread::spawn(move || exited.send(child.wait()));
    let status = exit
        .recv_timeout(Duration::from_secs(20))
        .expect("the program quits on Ctrl+Q")
        .unwrap();
    assert!(status.success(), "{status:?}");
    // The terminal was given back: the alternate screen was left. Everything the program wrote
    // is read: the reader thread ends, and the channel with it, once the pty has no writer left.
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match output.recv_timeout(left) {
            Ok(bytes) => seen.extend(bytes),
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
            Err(mpsc::RecvTimeoutError::Timeout) => panic!(
                "the program's output never ended; the screen so far:\n{}",
                String::from_utf8_lossy(&seen)
            ),
        }
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
    let second = session.quick_keys(&session.speaking_order())[1];
    assert_eq!(
        note.speaker,
        Some(Speaker::Person(second)),
        "Alt+2 gave the floor to person 2"
    );
    assert!(
        session.info.code.starts_with("IGF"),
        "the built-in example session"
    );
}
