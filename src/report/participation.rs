//! What the final report's Participation and Gender fields say before the rapporteur drafts
//! them: the figures given with `rapporteur participation`, and the recorded speakers' genders.

use super::profile::Figure;
use crate::model::Session;
use crate::stats::{self, Until};

/// The text of one participation figure; empty when it was not given.
pub fn figure(session: &Session, figure: Figure) -> String {
    let given = &session.participation;
    let number = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_default();
    match figure {
        Figure::Onsite => number(given.onsite),
        Figure::Online => number(given.online),
        Figure::Women => number(given.women),
        Figure::Total => match (given.onsite, given.online) {
            (Some(onsite), Some(online)) => format!(
                "{} ({onsite} onsite, {online} online)",
                u64::from(onsite) + u64::from(online)
            ),
            (Some(onsite), None) => format!("{onsite} onsite"),
            (None, Some(online)) => format!("{online} online"),
            (None, None) => String::new(),
        },
        Figure::WomenAndGenderDiverse => match (given.women, given.gender_diverse) {
            (Some(women), Some(diverse)) => format!("{women} women, {diverse} gender-diverse"),
            (Some(women), None) => format!("{women} women"),
            (None, Some(diverse)) => format!("{diverse} gender-diverse"),
            (None, None) => String::new(),
        },
        Figure::Gender => {
            let discussed = match given.gender_discussed {
                Some(true) => Some("Gender issues were discussed."),
                Some(false) => Some("Gender issues were not discussed."),
                None => None,
            };
            let counted = stats::compute(session, Until::LastRecorded);
            let speakers = stats::speakers_by_gender(session, &counted);
            [
                discussed,
                given.gender_notes.as_deref(),
                speakers.as_deref(),
            ]
            .into_iter()
            .flatten()
            .filter(|text| !text.trim().is_empty())
            .collect::<Vec<_>>()
            .join(" ")
        }
    }
}
