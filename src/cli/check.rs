use std::path::Path;
use std::process::ExitCode;

use rapporteur::model::{Session, Speaker};
use rapporteur::store::{SessionPaths, Store};
use rapporteur::text::visible;
use rapporteur::transcript::{Analysis, Kept, QuoteStatus};

pub fn run(path: &Path) -> anyhow::Result<ExitCode> {
    let (session, warnings) = Store::read(path)?;
    let mut problems: Vec<String> = warnings.iter().map(|w| w.to_string()).collect();
    problems.extend(problems_in(&session));
    let quotes = check_quotes(path, &session);
    problems.extend(quotes.problems);
    if problems.is_empty() {
        let mut fine = format!(
            "{}: fine: {} people, {} policy questions, {} notes, {} floor changes",
            path.display(),
            session.roster().count(),
            session.questions.len(),
            session.notes.len(),
            session.floor.len()
        );
        // Fine says what it looked at: a reader should not wonder whether the quotes were checked.
        if let Some(found) = quotes.found {
            fine += &format!("; quotes checked against the transcript: {found} found");
        }
        super::say(fine);
        return Ok(ExitCode::SUCCESS);
    }
    for problem in &problems {
        eprintln!("{}", visible(&format!("{}: {problem}", path.display())));
    }
    eprintln!(
        "{}",
        visible(&format!(
            "{}: {} problem(s)",
            path.display(),
            problems.len()
        ))
    );
    Ok(ExitCode::FAILURE)
}

/// The quotes read against the kept transcript.
struct QuotesChecked {
    /// Quotes put down to the wrong speaker, or not said in these words.
    problems: Vec<String>,
    /// How many were found as noted; None when no transcript is kept (or it cannot be read).
    found: Option<usize>,
}

fn check_quotes(path: &Path, session: &Session) -> QuotesChecked {
    let kept_path = SessionPaths::new(path).transcript;
    let analysis = Kept::load(&kept_path).and_then(|kept| match kept {
        Some(kept) => {
            let transcript = kept.transcript(&kept_path)?;
            Ok(Some(Analysis::new(session, transcript, &kept.map)))
        }
        None => Ok(None),
    });
    match analysis {
        Ok(Some(analysis)) => {
            let checks = analysis.check_quotes(session);
            let problems: Vec<String> = checks
                .iter()
                .filter_map(|check| super::transcript::quote_problem(session, check))
                .collect();
            QuotesChecked {
                found: Some(
                    checks
                        .iter()
                        .filter(|c| c.status == QuoteStatus::Found)
                        .count(),
                ),
                problems,
            }
        }
        Ok(None) => QuotesChecked {
            problems: Vec::new(),
            found: None,
        },
        Err(error) => QuotesChecked {
            problems: vec![error.to_string()],
            found: None,
        },
    }
}

/// What is wrong inside a session that loads: references to nobody, questions that do not exist.
fn problems_in(session: &Session) -> Vec<String> {
    let mut problems = Vec::new();
    let unknown = |speaker: Option<Speaker>| matches!(speaker, Some(Speaker::Person(id)) if session.person(id).is_none());
    for note in &session.notes {
        if unknown(note.speaker) {
            problems.push(format!(
                "note {} names a person who is not on the roster",
                note.id
            ));
        }
        for number in &note.questions {
            if session.question(*number).is_none() {
                problems.push(format!(
                    "note {} is tagged with policy question {number}, which does not exist",
                    note.id
                ));
            }
        }
    }
    for change in &session.floor {
        if unknown(change.speaker) {
            problems.push(format!(
                "the floor change at {} names a person who is not on the roster",
                change.at
            ));
        }
    }
    let mut numbers: Vec<u8> = session.questions.iter().map(|q| q.number).collect();
    numbers.sort_unstable();
    if numbers.windows(2).any(|w| w[0] == w[1]) {
        problems.push("two policy questions have the same number".to_string());
    }
    let mut names: Vec<String> = session
        .roster()
        .map(|p| rapporteur::model::fold(&p.name))
        .collect();
    names.sort();
    for pair in names.windows(2).filter(|w| w[0] == w[1]) {
        problems.push(format!("\"{}\" is on the roster twice", pair[0]));
    }
    problems
}
