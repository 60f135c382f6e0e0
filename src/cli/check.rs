use std::path::Path;
use std::process::ExitCode;

use rapporteur::model::Session;
use rapporteur::store::{SessionPaths, Store};
use rapporteur::text::visible;
use rapporteur::transcript::{Analysis, Kept, QuoteStatus};

pub fn run(path: &Path) -> anyhow::Result<ExitCode> {
    let (session, warnings) = Store::read(path)?;
    let mut problems: Vec<String> = warnings.iter().map(|w| w.to_string()).collect();
    problems.extend(session.problems().iter().map(|p| p.to_string()));
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
    let analysis = Kept::load_read(&kept_path)
        .map(|kept| kept.map(|(kept, transcript)| Analysis::new(session, transcript, &kept.map)));
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
