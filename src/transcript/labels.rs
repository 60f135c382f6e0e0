//! Who a captioner's label names: the roster's moderator, a person whose name it spells (in part,
//! in another order, with an honorific or a slip of a letter or two), the room or the chat. A
//! label that could name two people, or nobody, is never guessed: it stays unknown until the
//! rapporteur maps it.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::parse::{Bare, Transcript, unnamed_label};
use crate::model::{PersonId, Role, Session, Speaker, fold};

/// Whom a turn is put down to.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Attribution {
    Speaker(Speaker),
    /// A label the roster does not settle, as the captioner first wrote it (`>>` for no name).
    Unknown(String),
}

impl Attribution {
    /// How a report names them: the roster's name, the audience's, or the label as written.
    pub fn name(&self, session: &Session) -> String {
        match self {
            Attribution::Speaker(speaker) => session.speaker_name(*speaker),
            Attribution::Unknown(label) => label.clone(),
        }
    }

    pub fn speaker(&self) -> Option<Speaker> {
        match self {
            Attribution::Speaker(speaker) => Some(*speaker),
            Attribution::Unknown(_) => None,
        }
    }
}

/// The label that settles every voice the captioner did not name (a bare `>>`) at once.
pub const BARE: &str = ">>";

/// The labels the rapporteur settled (`--map "JANE ROE=audience"`), kept with the transcript so
/// that the next import knows them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct LabelMap {
    entries: Vec<MapEntry>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MapEntry {
    /// As the rapporteur typed it.
    pub label: String,
    pub speaker: Speaker,
}

impl LabelMap {
    /// Whom the map gives this label to: spellings that differ only in case, accents,
    /// punctuation or honorifics are one label.
    pub fn get(&self, label: &str) -> Option<Speaker> {
        let wanted = key(label);
        self.entries
            .iter()
            .find(|e| key(&e.label) == wanted)
            .map(|e| e.speaker)
    }

    /// Gives the label to `speaker`, or forgets it with None.
    pub fn set(&mut self, label: &str, speaker: Option<Speaker>) {
        let wanted = key(label);
        self.entries.retain(|e| key(&e.label) != wanted);
        if let Some(speaker) = speaker {
            self.entries.push(MapEntry {
                label: label.trim().to_string(),
                speaker,
            });
        }
    }

    pub fn entries(&self) -> &[MapEntry] {
        &self.entries
    }
}

/// What makes two spellings of a label the same: the name's words, without case, accents,
/// punctuation or honorifics.
pub fn key(label: &str) -> String {
    let label = label.trim();
    if label == BARE {
        return BARE.to_string();
    }
    let words = name_words(label);
    if words.is_empty() {
        fold(label)
    } else {
        words.join(" ")
    }
}

/// Whom each turn is put down to, in turn order. A bare `>>` that goes on with the previous
/// speaker is theirs; an unnamed voice is settled by its own mapping (`(unnamed 2)`), else by
/// the one for every unnamed voice (`>>`), else stays unknown.
pub fn attribute(session: &Session, transcript: &Transcript, map: &LabelMap) -> Vec<Attribution> {
    let mut known: HashMap<String, Attribution> = HashMap::new();
    let names = roster_names(session);
    let mut result: Vec<Attribution> = Vec::with_capacity(transcript.turns.len());
    // Whom the last turn that said something is put down to: a bare `>>` going on is theirs.
    let mut last_said: Option<usize> = None;
    for turn in &transcript.turns {
        let who = match (&turn.label, turn.bare) {
            (Some(label), _) => known
                .entry(key(label))
                .or_insert_with(|| {
                    map.get(label)
                        .or_else(|| match_with(session, &names, label))
                        .map_or_else(|| Attribution::Unknown(label.clone()), Attribution::Speaker)
                })
                .clone(),
            (None, Some(Bare::Unnamed(number))) => {
                let label = unnamed_label(number);
                map.get(&label)
                    .or_else(|| map.get(BARE))
                    .map_or(Attribution::Unknown(label), Attribution::Speaker)
            }
            // A turn that says nothing before anyone spoke is nobody's, and is never counted.
            (None, _) => last_said.map_or_else(
                || Attribution::Unknown(BARE.to_string()),
                |index| result[index].clone(),
            ),
        };
        if turn.words > 0 {
            last_said = Some(result.len());
        }
        result.push(who);
    }
    result
}

/// Whom a label names, if it names one of them with confidence.
pub fn match_label(session: &Session, label: &str) -> Option<Speaker> {
    match_with(session, &roster_names(session), label)
}

/// The words of each name on the roster, folded once for all the labels.
fn roster_names(session: &Session) -> Vec<(PersonId, Vec<String>)> {
    session
        .roster()
        .map(|p| (p.id, name_words(&p.name)))
        .collect()
}

fn match_with(
    session: &Session,
    names: &[(PersonId, Vec<String>)],
    label: &str,
) -> Option<Speaker> {
    let words = name_words(label);
    if let Some(standing) = standing(&words) {
        return match standing {
            Standing::Moderator(role) => only_one_with(session, role).map(Speaker::Person),
            Standing::Audience => Some(Speaker::Audience),
            Standing::Online => Some(Speaker::Online),
        };
    }
    // "MODERATOR RAFAEL EVANGELISTA", "CHAIR SOBOTA": the part, then the name.
    let words: Vec<String> = words
        .into_iter()
        .filter(|w| !MODERATOR_WORDS.contains(&w.as_str()))
        .collect();
    let mut scored: Vec<(f64, PersonId)> = names
        .iter()
        .filter_map(|(id, name)| Some((name_score(&words, name)?, *id)))
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    match scored.as_slice() {
        [] => None,
        [(_, only)] => Some(Speaker::Person(*only)),
        [(best, id), (second, _), ..] => {
            (best - second >= CLEAR_LEAD).then_some(Speaker::Person(*id))
        }
    }
}

/// How much better the best name must fit than the next: an exact "ALEXANDRE" picks Alexandre
/// over Alexandra (one letter off), but two names one letter off each are a guess.
const CLEAR_LEAD: f64 = 0.05;
/// One letter off in four, or two in eight: a captioner's slip, not another name.
const SAME_WORD: f64 = 0.75;
/// Shorter words are compared exactly; two letters or fewer ("de", "da") are not compared at all.
const FUZZY_FROM: usize = 4;
const SIGNIFICANT_FROM: usize = 3;

/// How well a label's words fit a name, from 0 to 1, or None when a word of the label is not in
/// the name. The name may have more words (a middle name or second surname left out), in any
/// order.
fn name_score(label: &[String], name: &[String]) -> Option<f64> {
    let significant: Vec<&String> = label
        .iter()
        .filter(|w| w.chars().count() >= SIGNIFICANT_FROM)
        .collect();
    if significant.is_empty() {
        return None;
    }
    let mut used = vec![false; name.len()];
    let mut total = 0.0;
    for word in &significant {
        let (index, similarity) = name
            .iter()
            .enumerate()
            .filter(|(index, _)| !used[*index])
            .map(|(index, part)| (index, word_similarity(word, part)))
            .max_by(|a, b| a.1.total_cmp(&b.1))?;
        if similarity < SAME_WORD {
            return None;
        }
        used[index] = true;
        total += similarity;
    }
    Some(total / significant.len() as f64)
}

fn word_similarity(a: &str, b: &str) -> f64 {
    if a == b {
        1.0
    } else if a.chars().count() >= FUZZY_FROM && b.chars().count() >= FUZZY_FROM {
        strsim::normalized_damerau_levenshtein(a, b)
    } else {
        0.0
    }
}

/// Titles a captioner puts before a name; `he` only when dotted (`H.E.`), as He is also a name.
const HONORIFICS: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "dr",
    "prof",
    "professor",
    "amb",
    "ambassador",
    "hon",
    "honorable",
    "honourable",
    "excellency",
    "sir",
    "dame",
];

/// The words of a name, folded, without honorifics: "H.E. Ms. Lívia SOBOTA" → [livia, sobota].
fn name_words(text: &str) -> Vec<String> {
    let tokens: Vec<String> = text.split_whitespace().map(fold).collect();
    let mut words = Vec::new();
    for (index, token) in tokens.iter().enumerate() {
        let bare: String = token.chars().filter(|c| c.is_alphanumeric()).collect();
        let excellency_follows = tokens
            .get(index + 1)
            .is_some_and(|next| next.starts_with("excellenc"));
        let honorific = HONORIFICS.contains(&bare.as_str())
            || (bare == "he" && token.contains('.'))
            || (matches!(bare.as_str(), "his" | "her") && excellency_follows);
        if honorific {
            continue;
        }
        words.extend(
            token
                .split(|c: char| !c.is_alphanumeric())
                .filter(|part| !part.is_empty())
                .map(str::to_string),
        );
    }
    words
}

/// A label that names a part in the session rather than a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Standing {
    Moderator(Role),
    Audience,
    Online,
}

const MODERATOR_WORDS: &[&str] = &[
    "moderator",
    "chair",
    "chairperson",
    "chairman",
    "chairwoman",
    "cochair",
    "facilitator",
];
const AUDIENCE_WORDS: &[&str] = &[
    "audience",
    "participant",
    "participants",
    "floor",
    "questioner",
    "attendee",
];
const ONLINE_WORDS: &[&str] = &["online", "remote", "virtual", "zoom"];
/// Words that may go with the ones above without naming anyone: "SPEAKER FROM THE FLOOR".
const FILLER_WORDS: &[&str] = &[
    "the", "from", "in", "on", "site", "onsite", "room", "member", "speaker", "co", "session",
    "chat", "main",
];

fn standing(words: &[String]) -> Option<Standing> {
    let has = |set: &[&str]| words.iter().any(|w| set.contains(&w.as_str()));
    let other = words.iter().any(|w| {
        let w = w.as_str();
        ![MODERATOR_WORDS, AUDIENCE_WORDS, ONLINE_WORDS, FILLER_WORDS]
            .iter()
            .any(|set| set.contains(&w))
            && !w.chars().all(|c| c.is_ascii_digit())
    });
    if other {
        return None;
    }
    let (moderator, audience, online) =
        (has(MODERATOR_WORDS), has(AUDIENCE_WORDS), has(ONLINE_WORDS));
    match (moderator, audience, online) {
        (true, false, false) => Some(Standing::Moderator(Role::OnsiteModerator)),
        (true, false, true) => Some(Standing::Moderator(Role::OnlineModerator)),
        (false, true, false) => Some(Standing::Audience),
        (false, _, true) => Some(Standing::Online),
        _ => None,
    }
}

fn only_one_with(session: &Session, role: Role) -> Option<PersonId> {
    let mut holders = session.roster().filter(|p| p.has_role(role));
    match (holders.next(), holders.next()) {
        (Some(one), None) => Some(one.id),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Person;

    fn ws422() -> Session {
        let mut session = Session::default();
        let names = [
            (1, "Bruna Toso de Alcântara", Role::Rapporteur),
            (2, "Livia Sobota", Role::Speaker),
            (3, "Alexandra Paulus", Role::Speaker),
            (4, "Veni Markovski", Role::Speaker),
            (5, "Rafael Evangelista", Role::OnsiteModerator),
            (6, "Alexandre Costa Barbosa", Role::OnlineModerator),
            (7, "Hanane Boujemi", Role::Speaker),
            (8, "Ana Lima", Role::Speaker),
            (9, "Ana Souza", Role::Speaker),
        ];
        for (id, name, role) in names {
            let mut person = Person::new(PersonId(id), name);
            person.add_role(role);
            session.people.push(person);
        }
        session
    }

    fn who(label: &str) -> Option<u32> {
        match match_label(&ws422(), label) {
            Some(Speaker::Person(id)) => Some(id.0),
            Some(other) => panic!("{label} matched {other:?}"),
            None => None,
        }
    }

    #[test]
    fn names_in_any_case_order_and_with_honorifics() {
        assert_eq!(who("LIVIA SOBOTA"), Some(2));
        assert_eq!(who("SOBOTA, LIVIA"), Some(2));
        assert_eq!(who("H.E. MS. SOBOTA"), Some(2));
        assert_eq!(who("Dr. Alexandra Paulus"), Some(3));
        assert_eq!(who("BRUNA ALCANTARA"), Some(1), "a name given in part");
        assert_eq!(who("PROF. BRUNA TOSO DE ALCÂNTARA"), Some(1));
        assert_eq!(who("MODERATOR RAFAEL EVANGELISTA"), Some(5));
        assert_eq!(who("CHAIR SOBOTA"), Some(2), "whoever the name says");
    }

    #[test]
    fn small_misspellings_but_not_other_names() {
        assert_eq!(who("VENI MARKOVKSI"), Some(4), "two letters swapped");
        assert_eq!(who("HUNANE BOUJEMI"), Some(7), "a letter off");
        assert_eq!(who("HANANE"), Some(7));
        assert_eq!(who("ALEXANDRE"), Some(6), "exact beats a letter off");
        assert_eq!(who("ALEXANDRO"), None, "a letter off from two people");
        assert_eq!(who("ANA"), None, "two people are called Ana");
        assert_eq!(who("JANE ROE"), None);
        assert_eq!(
            who("LIVIA SOBOTA SILVA"),
            None,
            "a word the name does not have"
        );
        assert_eq!(who("MR."), None);
    }

    #[test]
    fn moderators_and_audiences_by_their_part() {
        let session = ws422();
        let part = |label| match_label(&session, label);
        assert_eq!(part("MODERATOR"), Some(Speaker::Person(PersonId(5))));
        assert_eq!(part("CHAIR"), Some(Speaker::Person(PersonId(5))));
        assert_eq!(part("ONLINE MODERATOR"), Some(Speaker::Person(PersonId(6))));
        assert_eq!(part("AUDIENCE"), Some(Speaker::Audience));
        assert_eq!(part("PARTICIPANT"), Some(Speaker::Audience));
        assert_eq!(part("SPEAKER FROM THE FLOOR"), Some(Speaker::Audience));
        assert_eq!(part("AUDIENCE MEMBER 2"), Some(Speaker::Audience));
        assert_eq!(part("ONLINE PARTICIPANT"), Some(Speaker::Online));
        assert_eq!(part("REMOTE PARTICIPANT"), Some(Speaker::Online));
        assert_eq!(part("SPEAKER"), None);
        let mut two_chairs = session.clone();
        two_chairs.people[0].add_role(Role::OnsiteModerator);
        assert_eq!(match_label(&two_chairs, "MODERATOR"), None, "which one?");
    }

    #[test]
    fn the_map_settles_labels_by_their_words() {
        let session = ws422();
        let mut map = LabelMap::default();
        map.set("Jane Roe", Some(Speaker::Audience));
        map.set("LIVIA", Some(Speaker::Person(PersonId(3))));
        let transcript = super::super::parse::parse(
            ">> MS. JANE ROE: hi\n>> LIVIA: a\n>> JOHN DOE: b\n>> HUNANE: c\n>>\n",
        )
        .unwrap();
        let attributed = attribute(&session, &transcript, &map);
        assert_eq!(
            attributed,
            [
                Attribution::Speaker(Speaker::Audience),
                Attribution::Speaker(Speaker::Person(PersonId(3))),
                Attribution::Unknown("JOHN DOE".into()),
                Attribution::Speaker(Speaker::Person(PersonId(7))),
                Attribution::Speaker(Speaker::Person(PersonId(7))),
            ],
            "a bare `>>` that says nothing is not a new voice"
        );
        map.set("jane   roe", None);
        assert_eq!(map.entries().len(), 1);
    }

    #[test]
    fn unnamed_voices_are_settled_one_by_one_or_all_at_once() {
        let session = ws422();
        let transcript = super::super::parse::parse(
            ">> LIVIA SOBOTA: Thank you.\n>> A question from me.\n>> and another.\n\
             >> Thanks. A comment.\n>> VENI: Yes.\n>> A third voice.\n",
        )
        .unwrap();
        let unknown = |n| Attribution::Unknown(format!("(unnamed {n})"));
        let livia = Attribution::Speaker(Speaker::Person(PersonId(2)));
        let veni = Attribution::Speaker(Speaker::Person(PersonId(4)));
        let mut map = LabelMap::default();
        assert_eq!(
            attribute(&session, &transcript, &map),
            [
                livia.clone(),
                unknown(1),
                unknown(1),
                unknown(2),
                veni.clone(),
                unknown(3)
            ],
            "a lower-case start goes on with the unnamed voice before it"
        );
        map.set("(UNNAMED 2)", Some(Speaker::Online));
        map.set(BARE, Some(Speaker::Audience));
        let audience = Attribution::Speaker(Speaker::Audience);
        assert_eq!(
            attribute(&session, &transcript, &map),
            [
                livia,
                audience.clone(),
                audience.clone(),
                Attribution::Speaker(Speaker::Online),
                veni,
                audience
            ]
        );
    }
}
