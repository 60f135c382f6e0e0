//! The journal: one change a line, in RON, only ever appended to. A reader replays it; only its
//! last line can be torn by a crash, and that is told apart from damage anywhere else.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

use super::{StoreError, parse_error};
use crate::model::Change;

pub(super) const PREAMBLE: &str =
    "// rapporteur journal: one change a line, appended in the order they were made.\n";

const EXPECTED: &str =
    "a journal record such as Note((...)), Edit((...)), Delete(...) or Floor((...))";

/// One change as the line the journal stores, newline included.
pub(super) fn encode(change: &Change) -> Result<String, ron::Error> {
    let mut line = ron::to_string(change)?;
    line.push('\n');
    Ok(line)
}

fn is_blank_or_comment(line: &str) -> bool {
    let line = line.trim();
    line.is_empty() || line.starts_with("//")
}

/// What ends the journal after its last newline.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Tail {
    /// Empty, or every line ends in a newline.
    Whole,
    /// A complete record whose newline was not written.
    MissingNewline,
    /// An incomplete record starting at byte `from`: the crash cut it.
    Torn { from: u64, bytes: Vec<u8> },
}

/// Reads only the end of the journal, back to its last newline: the cost does not grow with the
/// number of notes.
pub(super) fn inspect_tail(file: &mut File, len: u64, path: &Path) -> Result<Tail, StoreError> {
    let io = |e| StoreError::io("read", path, e);
    let mut chunk = vec![0u8; 4096];
    let mut tail: Vec<u8> = Vec::new();
    let mut end = len;
    let newline_at = loop {
        if end == 0 {
            break None;
        }
        let start = end.saturating_sub(chunk.len() as u64);
        let size = (end - start) as usize;
        file.seek(SeekFrom::Start(start)).map_err(io)?;
        file.read_exact(&mut chunk[..size]).map_err(io)?;
        if let Some(pos) = chunk[..size].iter().rposition(|b| *b == b'\n') {
            tail.splice(0..0, chunk[pos + 1..size].iter().copied());
            break Some(start + pos as u64);
        }
        tail.splice(0..0, chunk[..size].iter().copied());
        end = start;
    };
    if tail.is_empty() {
        return Ok(Tail::Whole);
    }
    let from = newline_at.map_or(0, |at| at + 1);
    let whole = std::str::from_utf8(&tail)
        .ok()
        .filter(|text| is_blank_or_comment(text) || ron::from_str::<Change>(text).is_ok());
    Ok(match whole {
        Some(_) => Tail::MissingNewline,
        None => Tail::Torn { from, bytes: tail },
    })
}

/// Every change in the journal text. A last line without its newline that does not parse is a
/// torn tail and is returned as such; damage anywhere else is an error naming the line.
pub(super) fn parse(text: &[u8], path: &Path) -> Result<(Vec<Change>, Option<Tail>), StoreError> {
    let mut changes = Vec::new();
    let mut offset = 0usize;
    for (index, raw) in text.split_inclusive(|b| *b == b'\n').enumerate() {
        let complete = raw.ends_with(b"\n");
        let parsed = match std::str::from_utf8(raw) {
            Ok(line) if is_blank_or_comment(line) => None,
            Ok(line) => Some(
                ron::from_str::<Change>(line).map_err(|e| parse_error(path, index, &e, EXPECTED)),
            ),
            Err(_) => Some(Err(StoreError::Parse {
                path: path.to_path_buf(),
                line: index + 1,
                column: 1,
                message: format!("the line is not UTF-8 text; expected {EXPECTED}"),
            })),
        };
        match parsed {
            None => {}
            Some(Ok(change)) => changes.push(change),
            Some(Err(_)) if !complete => {
                let torn = Tail::Torn {
                    from: offset as u64,
                    bytes: raw.to_vec(),
                };
                return Ok((changes, Some(torn)));
            }
            Some(Err(error)) => return Err(error),
        }
        offset += raw.len();
    }
    Ok((changes, None))
}
