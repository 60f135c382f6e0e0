//! The real program in a pseudo-terminal, as a new user starts it: `rapporteur` alone in an empty
//! directory makes session.ron from the built-in example; type a tagged note, quit, find the note
//! in the session file. And the ways it is stopped from outside: a signal, or its terminal
//! closed under it, which must save the note being typed, give the terminal back and end.

use std::os::fd::RawFd;
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};
use rapporteur::model::{NoteKind, Speaker};
use rapporteur::store::Store;
use rapporteur::tui::Recovery;

/// Long enough for a debug build on a busy machine; each wait ends as soon as its condition holds.
const LIMIT: Duration = Duration::from_secs(20);

/// The program in a pseudo-terminal. The master is read and written through its own descriptor
/// (no cloned reader or writer), so that dropping it closes the terminal for good.
struct Program {
    _dir: tempfile::TempDir,
    session: PathBuf,
    master: Option<Box<dyn MasterPty + Send>>,
    child: Option<Box<dyn Child + Send + Sync>>,
    seen: Vec<u8>,
}

impl Program {
    fn start() -> Program {
        Program::start_with(|program| CommandBuilder::new(program))
    }

    /// The program as a terminal window's shell runs it: a child of the shell, which leads the
    /// terminal's session, so that a hang-up signals the shell and not necessarily the program.
    /// The shell survives it to write the program's exit status to `status`.
    fn behind_a_shell() -> Program {
        Program::start_with(|program| {
            let mut command = CommandBuilder::new("sh");
            command.args(["-c", "trap '' HUP; \"$0\"; echo $? > status", program]);
            command
        })
    }

    fn start_with(command: impl FnOnce(&str) -> CommandBuilder) -> Program {
        let dir = tempfile::tempdir().unwrap();
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: 30,
                cols: 100,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut command = command(env!("CARGO_BIN_EXE_rapporteur"));
        command.cwd(dir.path());
        command.env("TERM", "xterm-256color");
        let child = pty.slave.spawn_command(command).unwrap();
        drop(pty.slave);
        Program {
            session: dir.path().join("session.ron"),
            _dir: dir,
            master: Some(pty.master),
            child: Some(child),
            seen: Vec::new(),
        }
    }

    fn fd(&self) -> RawFd {
        self.master.as_ref().unwrap().as_raw_fd().unwrap()
    }

    fn screen(&self) -> String {
        String::from_utf8_lossy(&self.seen).into_owned()
    }

    fn type_keys(&self, keys: &[u8]) {
        let mut rest = keys;
        while !rest.is_empty() {
            let n = unsafe { libc::write(self.fd(), rest.as_ptr().cast(), rest.len()) };
            assert!(n > 0, "{}", std::io::Error::last_os_error());
            rest = &rest[n as usize..];
        }
    }

    /// Reads what the program wrote, waiting up to `left`; false once it can write no more.
    fn read_some(&mut self, left: Duration) -> bool {
        let mut watched = libc::pollfd {
            fd: self.fd(),
            events: libc::POLLIN,
            revents: 0,
        };
        let millis = i32::try_from(left.as_millis()).unwrap_or(i32::MAX);
        if unsafe { libc::poll(&mut watched, 1, millis) } <= 0 {
            return true;
        }
        let mut buffer = [0u8; 4096];
        let n = unsafe { libc::read(self.fd(), buffer.as_mut_ptr().cast(), buffer.len()) };
        if n <= 0 {
            // EIO: the program's side of the terminal is closed.
            return false;
        }
        self.seen.extend_from_slice(&buffer[..n as usize]);
        true
    }

    /// Reads what the program draws until `wanted` has appeared.
    fn wait_for(&mut self, wanted: &str) {
        let deadline = Instant::now() + LIMIT;
        while !self.screen().contains(wanted) {
            let left = deadline.saturating_duration_since(Instant::now());
            assert!(
                !left.is_zero() && self.read_some(left),
                "\"{wanted}\" never appeared; the screen so far:\n{}",
                self.screen()
            );
        }
    }

    /// Everything the program wrote, up to the closing of its side of the terminal.
    fn read_to_end(&mut self) {
        let deadline = Instant::now() + LIMIT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            assert!(
                !left.is_zero(),
                "the output never ended:\n{}",
                self.screen()
            );
            if !self.read_some(left) {
                return;
            }
        }
    }

    /// How the program ended, waited for on a thread so that a program that never ends fails
    /// the test instead of hanging it.
    fn exit(&mut self) -> ExitStatus {
        let pid = self.pid();
        let mut child = self.child.take().unwrap();
        let (exited, exit) = mpsc::channel();
        std::thread::spawn(move || exited.send(child.wait()));
        match exit.recv_timeout(LIMIT) {
            Ok(status) => status.unwrap(),
            Err(_) => {
                // A failed test leaves no program behind: the child leads its own session and
                // process group, which holds the program behind a shell too.
                unsafe { libc::kill(-pid, libc::SIGKILL) };
                panic!("the program did not end within {LIMIT:?}");
            }
        }
    }

    fn pid(&self) -> libc::pid_t {
        self.child.as_ref().unwrap().process_id().unwrap() as libc::pid_t
    }

    /// The text of the note being typed, as the recovery file holds it.
    fn draft_text(&self) -> String {
        let opened = Store::open(&self.session).unwrap();
        let draft: Recovery = opened.store.load_draft().unwrap().expect("a recovery file");
        draft.text
    }
}

impl Drop for Program {
    fn drop(&mut self) {
        // A failed test leaves no program behind.
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
        }
    }
}

#[test]
fn a_note_typed_in_a_terminal_reaches_the_session_file() {
    let mut program = Program::start();
    program.wait_for("New note");
    // Alt+2 gives the floor to person 2, F3 tags question 2, Alt+t makes it a takeaway; then the
    // text, Enter to save it, and Ctrl+Q to quit.
    for keys in [
        &b"\x1b2"[..],
        b"\x1bOR",
        b"\x1bt",
        "Capacity first — 先建设能力".as_bytes(),
        b"\r",
    ] {
        program.type_keys(keys);
    }
    // The note's question tag in brackets is drawn only once the note is in the timeline.
    program.wait_for("[Q2]");
    program.type_keys(b"\x11");
    let status = program.exit();
    assert!(status.success(), "{status:?}");
    // The terminal was given back: the alternate screen was left.
    program.read_to_end();
    assert!(program.screen().contains("\x1b[?1049l"));

    let (session, _) = Store::read(&program.session).unwrap();
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

#[test]
fn a_signal_saves_the_note_being_typed_gives_the_terminal_back_and_fails() {
    for signal in [libc::SIGTERM, libc::SIGHUP, libc::SIGINT] {
        let mut program = Program::start();
        program.wait_for("New note");
        // One word: the screen draws each word at its own place.
        program.type_keys(b"unsaved-words");
        program.wait_for("unsaved-words");
        assert_eq!(unsafe { libc::kill(program.pid(), signal) }, 0);
        let status = program.exit();
        assert_eq!(status.exit_code(), 128 + signal as u32, "signal {signal}");
        program.read_to_end();
        let screen = program.screen();
        // The alternate screen left, the mouse and bracketed paste turned off.
        for restore in ["\x1b[?1049l", "\x1b[?1000l", "\x1b[?2004l"] {
            assert!(
                screen.contains(restore),
                "signal {signal}: {restore:?} missing"
            );
        }
        assert!(
            screen.contains("stopped by SIG"),
            "signal {signal}: {screen}"
        );
        assert_eq!(program.draft_text(), "unsaved-words", "signal {signal}");
    }
}

#[test]
fn a_terminal_closed_under_the_program_ends_it_with_the_note_saved() {
    let mut program = Program::behind_a_shell();
    program.wait_for("New note");
    program.type_keys(b"typed-before-closing");
    program.wait_for("typed-before-closing");
    // The window is closed: the master's only descriptor goes, and the terminal hangs up.
    drop(program.master.take());
    program.exit();
    let status = std::fs::read_to_string(program.session.with_file_name("status")).unwrap();
    assert_eq!(status.trim(), "1", "the program's exit status");
    assert_eq!(program.draft_text(), "typed-before-closing");
}

#[test]
fn open_with_a_clock_replays_from_it_says_so_and_pauses() {
    let mut program = Program::start_with(|program| {
        let mut command = CommandBuilder::new("sh");
        let script = "\"$0\" new session.ron --title Workshop >/dev/null && \
                      exec \"$0\" open session.ron --clock 14:05";
        command.args(["-c", script, program]);
        command
    });
    program.wait_for("replay");
    program.type_keys(b"\x1bk");
    program.wait_for("replay paused");
    program.type_keys(b"from the video\r");
    program.type_keys(b"\x11");
    assert!(program.exit().success());
    let (session, _) = Store::read(&program.session).unwrap();
    let note = session
        .notes
        .last()
        .expect("the note is in the session file");
    assert_eq!(note.text, "from the video");
    // Stamped with the video's time, not the time the test ran.
    assert_eq!(note.at.format("%H:%M").to_string(), "14:05");
}
