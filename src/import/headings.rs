//! The headings of IGF session pages, alone on a line ("Online Moderator") or inline
//! ("Targets: The proposal targets ...").

use crate::model::fold;

/// Where a heading sends the lines under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Heading {
    /// A heading of the roster: the lines under it are people in that slot.
    Roster(Slot),
    PolicyQuestions,
    Sdgs,
    ExpectedOutcomes,
    Format,
    Duration,
    /// Any other part of the page, kept as a section under this heading.
    Other(String),
}

/// The places of the roster, in the order IGF pages list them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Slot {
    Organizer,
    Speaker,
    AdditionalSpeaker,
    OnsiteModerator,
    OnlineModerator,
    Rapporteur,
}

impl Slot {
    pub const ALL: [Slot; 6] = [
        Slot::Organizer,
        Slot::Speaker,
        Slot::AdditionalSpeaker,
        Slot::OnsiteModerator,
        Slot::OnlineModerator,
        Slot::Rapporteur,
    ];

    pub fn role(self) -> crate::model::Role {
        use crate::model::Role;
        match self {
            Slot::Organizer => Role::Organizer,
            Slot::Speaker | Slot::AdditionalSpeaker => Role::Speaker,
            Slot::OnsiteModerator => Role::OnsiteModerator,
            Slot::OnlineModerator => Role::OnlineModerator,
            Slot::Rapporteur => Role::Rapporteur,
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            Slot::Organizer => "organizer",
            Slot::Speaker => "speaker",
            Slot::AdditionalSpeaker => "additional speaker",
            Slot::OnsiteModerator => "onsite moderator",
            Slot::OnlineModerator => "online moderator",
            Slot::Rapporteur => "rapporteur",
        }
    }
}

/// Headings that IGF pages of 2019–2025 use for the parts we keep as sections. Matching is on
/// the folded text, so case and accents do not matter.
const KNOWN_SECTIONS: &[&str] = &[
    "connection with previous messages",
    "targets",
    "description",
    "session description",
    "agenda",
    "agenda/ description",
    "agenda/description",
    "format description",
    "hybrid format",
    "online participation",
    "relevance to theme",
    "relevance to internet governance",
    "discussion facilitation",
    "proposed additional tools",
    "theme",
    "subtheme",
    "sub-theme",
    "issues",
    "session objectives",
    "objectives",
    "what will participants gain from attending this session?",
    "key takeaways",
    "reports",
    "session report",
    "content",
    "background paper",
    "room",
    "venue",
    "session type",
];

fn roster_heading(folded: &str) -> Option<Slot> {
    Some(match folded {
        "organizers" | "organisers" | "organizer" | "organiser" | "co-organizers" => {
            Slot::Organizer
        }
        "speakers" | "speaker" | "panelists" | "panellists" => Slot::Speaker,
        "additional speakers" | "additional speaker" => Slot::AdditionalSpeaker,
        "moderator"
        | "moderators"
        | "onsite moderator"
        | "on-site moderator"
        | "on site moderator"
        | "in-person moderator"
        | "chair" => Slot::OnsiteModerator,
        "online moderator" | "online moderators" | "remote moderator" => Slot::OnlineModerator,
        "rapporteur" | "rapporteurs" | "onsite rapporteur" | "online rapporteur" => {
            Slot::Rapporteur
        }
        _ => return None,
    })
}

/// What a heading phrase (without its colon) is, if it is one we know.
fn known(phrase: &str) -> Option<Heading> {
    let folded = fold(phrase);
    let folded = folded.trim_end_matches(':').trim();
    if let Some(slot) = roster_heading(folded) {
        return Some(Heading::Roster(slot));
    }
    Some(match folded {
        "policy question(s)" | "policy questions" | "policy question" => Heading::PolicyQuestions,
        "sdgs" | "sdg" | "sustainable development goals" | "sdgs:" => Heading::Sdgs,
        "expected outcomes" | "expected outcome" | "expected outputs" => Heading::ExpectedOutcomes,
        "format" | "session format" => Heading::Format,
        "duration (minutes)" | "duration" | "duration (min)" => Heading::Duration,
        known if KNOWN_SECTIONS.contains(&known) => Heading::Other(phrase.trim().to_string()),
        _ => return None,
    })
}

/// A heading alone on its line: a known phrase, or (when `generic`) a short phrase ending in a
/// colon. Among policy questions and roster lines only known headings count, since "Access:"
/// there is the title of a question.
pub(crate) fn standalone(text: &str, generic: bool) -> Option<Heading> {
    if let Some(heading) = known(text.trim_end_matches(':')) {
        return Some(heading);
    }
    let phrase = text.strip_suffix(':')?.trim();
    (generic && looks_like_heading(phrase)).then(|| Heading::Other(phrase.to_string()))
}

/// "Heading: text", split at the first colon when the part before it is a known heading or (when
/// `generic`) looks like one. The rest is never empty.
pub(crate) fn inline(text: &str, generic: bool) -> Option<(Heading, String)> {
    let (phrase, rest) = text.split_once(':')?;
    let rest = rest.trim();
    if rest.is_empty() {
        return None;
    }
    let heading = known(phrase).or_else(|| {
        (generic && looks_like_heading(phrase.trim()))
            .then(|| Heading::Other(phrase.trim().to_string()))
    })?;
    Some((heading, rest.to_string()))
}

/// A short capitalised phrase of words only, as "Hybrid Format" or "Relevance to Theme" are; a
/// sentence with a colon in it ("In this sense: ...") starts with a capital too, so the phrase
/// must also be short and free of digits and sentence punctuation.
fn looks_like_heading(phrase: &str) -> bool {
    let words: Vec<&str> = phrase.split_whitespace().collect();
    let starts_upper = phrase.chars().next().is_some_and(char::is_uppercase);
    let wordy = phrase
        .chars()
        .all(|c| c.is_alphabetic() || matches!(c, ' ' | '(' | ')' | '&' | '-' | '/' | '\''));
    starts_upper && wordy && (1..=4).contains(&words.len()) && phrase.chars().count() <= 40
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roster_headings_of_the_various_years() {
        assert_eq!(
            standalone("Moderator", true),
            Some(Heading::Roster(Slot::OnsiteModerator))
        );
        assert_eq!(
            standalone("Online Moderator", true),
            Some(Heading::Roster(Slot::OnlineModerator))
        );
        assert_eq!(
            standalone("ADDITIONAL SPEAKERS", true),
            Some(Heading::Roster(Slot::AdditionalSpeaker))
        );
        assert_eq!(
            standalone("Policy Question(s)", true),
            Some(Heading::PolicyQuestions)
        );
    }

    #[test]
    fn inline_headings_split_at_the_first_colon() {
        let (heading, rest) = inline("Targets: SDG 9: industry", true).unwrap();
        assert_eq!(heading, Heading::Other("Targets".into()));
        assert_eq!(rest, "SDG 9: industry");
        assert_eq!(
            inline("Duration (minutes): 90", true),
            Some((Heading::Duration, "90".into()))
        );
    }

    #[test]
    fn sentences_with_colons_are_not_headings() {
        assert_eq!(inline("In this sense, we ask: why?", true), None);
        assert_eq!(inline("Speaker 1: Jane Doe", true), None);
        assert_eq!(inline("Targets:", true), None);
        assert_eq!(standalone("Jane Doe, Civil Society", true), None);
    }
}
