//! Which notes a reader asked for: by speaker, policy question, kind and words of the text. Used
//! by `rapporteur notes` and the live screen's timeline alike.

use super::{Note, NoteKind, Speaker, fold};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct NoteFilter {
    /// Words that must all be in the note's text, compared folded (case and accents ignored).
    pub text: String,
    pub speaker: Option<Speaker>,
    pub question: Option<u8>,
    pub kind: Option<NoteKind>,
}

/// A filter ready to test many notes: its words folded once.
pub struct Matcher<'a> {
    filter: &'a NoteFilter,
    words: Vec<String>,
}

impl NoteFilter {
    pub fn is_empty(&self) -> bool {
        self == &NoteFilter::default()
    }

    pub fn matcher(&self) -> Matcher<'_> {
        let words = fold(&self.text)
            .split(' ')
            .filter(|w| !w.is_empty())
            .map(String::from)
            .collect();
        Matcher {
            filter: self,
            words,
        }
    }
}

impl Matcher<'_> {
    /// Whether the filter looks at the text at all: if not, no note needs folding.
    pub fn reads_text(&self) -> bool {
        !self.words.is_empty()
    }

    /// Whether a note passes; `folded` is its text as `fold` makes it (callers may cache it).
    pub fn matches<S: AsRef<str>>(&self, note: &Note, folded: impl FnOnce() -> S) -> bool {
        let filter = self.filter;
        filter.speaker.is_none_or(|s| note.speaker == Some(s))
            && filter.question.is_none_or(|q| note.is_about(q))
            && filter.kind.is_none_or(|k| note.kind == k)
            && (self.words.is_empty() || {
                let text = folded();
                let text = text.as_ref();
                self.words.iter().all(|w| text.contains(w.as_str()))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_part_of_the_filter_must_hold() {
        let at = chrono::DateTime::parse_from_rfc3339("2022-11-30T09:30:00+01:00").unwrap();
        let note = Note::new(
            at,
            Some(Speaker::Audience),
            vec![2],
            NoteKind::Question,
            "Who holds États to account?",
            "t",
        );
        let folded = || fold(&note.text);
        let filter = NoteFilter {
            text: "etats ACCOUNT".into(),
            speaker: Some(Speaker::Audience),
            question: Some(2),
            kind: Some(NoteKind::Question),
        };
        assert!(filter.matcher().matches(&note, folded));
        for other in [
            NoteFilter {
                text: "etats nobody".into(),
                ..filter.clone()
            },
            NoteFilter {
                speaker: Some(Speaker::Online),
                ..filter.clone()
            },
            NoteFilter {
                question: Some(1),
                ..filter.clone()
            },
            NoteFilter {
                kind: Some(NoteKind::Remark),
                ..filter.clone()
            },
        ] {
            assert!(!other.matcher().matches(&note, folded), "{other:?}");
        }
        assert!(
            NoteFilter::default()
                .matcher()
                .matches(&note, || -> &str { unreachable!() })
        );
    }
}
