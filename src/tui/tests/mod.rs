//! The TUI driven as a user drives it, inside the crate so that the app's state can stay
//! private: scripted keys through the real dispatch and runtime, whole screens rendered into a
//! test buffer and snapshotted, and sessions in temporary directories. (The real binary in a
//! pseudo-terminal is tried in tests/tui_pty.rs.)

mod balance;
mod clock;
mod hostile_text;
mod keymap;
mod keys;
mod participation;
mod read_out;
mod render_prop;
mod report;
mod screens;
mod shared;
mod support;
mod transcript;
