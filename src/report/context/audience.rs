//! What the audience said, and the notes of each break-out group, as the templates see them.

use serde::Serialize;

use crate::model::{Note, Session, Speaker};
use crate::report::anonymize::Anonymity;
use crate::stats::reader_at;

#[derive(Debug, Clone, Serialize)]
pub struct AudienceView {
    pub onsite: Vec<AudienceNote>,
    pub online: Vec<AudienceNote>,
    /// How many of them are questions.
    pub questions: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct AudienceNote {
    /// "Onsite audience" or "Online audience".
    pub speaker: &'static str,
    /// "10:42", the local time of the session.
    pub at: String,
    /// "question", "remark", ...
    pub kind: &'static str,
    pub question: bool,
    pub text: String,
    /// The policy questions it bears on.
    pub questions: Vec<u8>,
    /// Who read it out for the audience (the online moderator, from the chat), if someone did.
    pub read_by: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct GroupView {
    pub name: String,
    pub taker: Option<String>,
    pub members: Vec<String>,
    pub notes: Vec<GroupNote>,
}

#[derive(Debug, Clone, Serialize)]
pub struct GroupNote {
    pub at: String,
    pub speaker: Option<String>,
    pub kind: &'static str,
    pub text: String,
}

pub(super) fn groups_view(session: &Session) -> Vec<GroupView> {
    session
        .groups
        .iter()
        .map(|group| GroupView {
            name: group.name.clone(),
            taker: group.taker.clone(),
            members: group
                .members
                .iter()
                .map(|id| session.speaker_name(Speaker::Person(*id)))
                .collect(),
            notes: session
                .notes
                .iter()
                .filter(|n| n.group.as_ref() == Some(&group.name) && !n.text.trim().is_empty())
                .map(|n| GroupNote {
                    at: n.at.format("%H:%M").to_string(),
                    speaker: n.speaker.map(|s| session.speaker_name(s)),
                    kind: n.kind.slug(),
                    text: n.text.trim().to_string(),
                })
                .collect(),
        })
        .collect()
}

pub(super) fn audience_view(session: &Session, anonymity: Option<Anonymity>) -> AudienceView {
    let view = |note: &Note, speaker: Speaker| AudienceNote {
        speaker: speaker.audience_label().unwrap_or_default(),
        at: note.at.format("%H:%M").to_string(),
        kind: note.kind.slug(),
        question: note.kind == crate::model::NoteKind::Question,
        text: note.text.trim().to_string(),
        questions: note.questions.clone(),
        read_by: reader_at(session, speaker, note.at)
            .map(|id| super::person_name(session, id, anonymity)),
    };
    let from = |audience: Speaker| -> Vec<AudienceNote> {
        session
            .notes
            .iter()
            .filter(|n| n.speaker == Some(audience) && !n.text.trim().is_empty())
            .map(|n| view(n, audience))
            .collect()
    };
    let onsite = from(Speaker::Audience);
    let online = from(Speaker::Online);
    let questions = onsite.iter().chain(&online).filter(|n| n.question).count();
    AudienceView {
        onsite,
        online,
        questions,
    }
}
