//! The Chatham House Rule against spellings a note taker might use: generated notes name the
//! people of a roster in every form a name takes in a hurried note (accents decomposed, a
//! zero-width space inside, CamelCase tags and handles, digits and plural endings, no
//! apostrophe, another script, full-width letters, the affiliation), and no name part nor
//! affiliation may be found in any anonymous export: Markdown, text, HTML, JSON or Word.

mod common;
mod fixture;

use proptest::prelude::*;
use rapporteur::model::{Note, NoteKind, Person, PersonId, RegionalGroup, Session, Speaker};
use rapporteur::model::{StakeholderGroup, fold};
use rapporteur::report::{self, Anonymity, Format, Options, Profile, Report, TemplateDirs};
use unicode_normalization::UnicodeNormalization;

/// A roster entry: the name as on the roster, its parts as a reader would spell them out in
/// Latin letters, and an affiliation with what identifies it.
struct Entry {
    name: &'static str,
    latin: &'static [&'static str],
    affiliation: &'static str,
    /// Folded, letters and digits only: what must not be found in an export.
    affiliation_key: &'static str,
}

const ROSTER: &[Entry] = &[
    Entry {
        name: "Livia Sobota",
        latin: &["Livia", "Sobota"],
        affiliation: "JPCERT/CC",
        affiliation_key: "jpcert",
    },
    Entry {
        name: "Alexandra Paulus",
        latin: &["Alexandra", "Paulus"],
        affiliation: "NIC.br",
        affiliation_key: "nicbr",
    },
    Entry {
        name: "Li Na",
        latin: &["Li", "Na"],
        affiliation: "Qiantang Digital Trust",
        affiliation_key: "qiantang",
    },
    Entry {
        name: "Siobhán O'Brien",
        latin: &["Siobhan", "OBrien"],
        affiliation: "Kilkenny Netwatch",
        affiliation_key: "kilkenny",
    },
    Entry {
        name: "陈静",
        latin: &["Chen", "Jing"],
        affiliation: "Zhejiang Xinlian",
        affiliation_key: "zhejiang",
    },
    Entry {
        name: "Ngozi Okonkwo-Adeyemi",
        latin: &["Ngozi", "Okonkwo", "Adeyemi"],
        affiliation: "Lagos Fibre Kollektiv",
        affiliation_key: "lagosfibrekollektiv",
    },
];

/// One way to write a person in a note.
#[derive(Debug, Clone, Copy)]
enum Spelling {
    AsOnRoster,
    Upper,
    Lower,
    Decomposed,
    ZeroWidthInside,
    CamelTag,
    LowerHandle,
    InitialHandle,
    WithYear,
    Plural,
    Possessive,
    ApostropheLess,
    FullWidth,
    EachPartAlone,
    Affiliation,
    AffiliationLower,
}

const SPELLINGS: [Spelling; 16] = [
    Spelling::AsOnRoster,
    Spelling::Upper,
    Spelling::Lower,
    Spelling::Decomposed,
    Spelling::ZeroWidthInside,
    Spelling::CamelTag,
    Spelling::LowerHandle,
    Spelling::InitialHandle,
    Spelling::WithYear,
    Spelling::Plural,
    Spelling::Possessive,
    Spelling::ApostropheLess,
    Spelling::FullWidth,
    Spelling::EachPartAlone,
    Spelling::Affiliation,
    Spelling::AffiliationLower,
];

fn full_width(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '!'..='~' => char::from_u32(c as u32 - 0x21 + 0xFF01).unwrap_or(c),
            other => other,
        })
        .collect()
}

fn spell(entry: &Entry, spelling: Spelling, at: usize) -> String {
    let latin = entry.latin;
    let last = latin[latin.len() - 1];
    match spelling {
        Spelling::AsOnRoster => entry.name.to_string(),
        Spelling::Upper => entry.name.to_uppercase(),
        Spelling::Lower => latin.join(" ").to_lowercase(),
        Spelling::Decomposed => entry.name.nfd().collect(),
        Spelling::ZeroWidthInside => {
            let chars: Vec<char> = last.chars().collect();
            let cut = 1 + at % (chars.len() - 1);
            let (a, b) = chars.split_at(cut);
            format!(
                "{}\u{200B}{}",
                a.iter().collect::<String>(),
                b.iter().collect::<String>()
            )
        }
        Spelling::CamelTag => format!("#{}", latin.concat()),
        Spelling::LowerHandle => format!("@{}", latin.concat().to_lowercase()),
        Spelling::InitialHandle => {
            format!("@{}{}", &latin[0][..1], last.to_lowercase())
        }
        Spelling::WithYear => format!("{last}{}", 2000 + at % 30),
        Spelling::Plural => format!("the {last}s"),
        Spelling::Possessive => format!("{last}'s view"),
        Spelling::ApostropheLess => entry.name.replace(['\'', '’'], ""),
        Spelling::FullWidth => full_width(last),
        Spelling::EachPartAlone => latin.join(" said, and "),
        Spelling::Affiliation => entry.affiliation.to_string(),
        Spelling::AffiliationLower => entry.affiliation.to_lowercase(),
    }
}

fn session(mentions: &[(usize, usize, usize)]) -> Session {
    let mut session = fixture::session();
    use RegionalGroup as R;
    use StakeholderGroup as S;
    let groups = [
        (S::TechnicalCommunity, R::EasternEuropean),
        (S::Government, R::Weog),
        (S::PrivateSector, R::AsiaPacific),
        (S::CivilSociety, R::Weog),
        (S::Government, R::AsiaPacific),
        (S::CivilSociety, R::African),
    ];
    session.people = ROSTER
        .iter()
        .zip(groups)
        .enumerate()
        .map(|(i, (entry, (stakeholder, region)))| {
            let mut person = Person::new(PersonId(i as u32 + 1), entry.name);
            person.affiliation = Some(entry.affiliation.to_string());
            person.stakeholder = Some(stakeholder);
            person.region = Some(region);
            person
        })
        .collect();
    session.report_fields.clear();
    let start = fixture::at("10:30");
    session.notes = mentions
        .iter()
        .enumerate()
        .map(|(n, &(person, spelling, at))| {
            let text = format!(
                "Point {n} (marker{n}): as {} put it, evidence must be shared.",
                spell(&ROSTER[person], SPELLINGS[spelling], at)
            );
            let kind = [NoteKind::Takeaway, NoteKind::Question, NoteKind::Remark][n % 3];
            let speaker = match n % 4 {
                0 => Speaker::Audience,
                1 => Speaker::Online,
                _ => Speaker::Person(PersonId((n % ROSTER.len()) as u32 + 1)),
            };
            Note::new(
                start + chrono::TimeDelta::minutes(n as i64),
                Some(speaker),
                vec![1],
                kind,
                text,
                "taker",
            )
        })
        .collect();
    session
}

/// The text as a reader searching for a name would see it: compatibility-decomposed, marks
/// and zero-width characters gone, other scripts in Latin letters, lower case.
fn searchable(text: &str) -> String {
    let plain: String = text
        .nfkd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .filter(|c| !matches!(c, '\u{200B}'..='\u{200F}' | '\u{2060}' | '\u{FEFF}'))
        .collect();
    fold(&plain)
}

/// Every word of the searchable text, cut where CamelCase or digits begin a new word.
fn words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    for word in text.split(|c: char| !c.is_alphanumeric()) {
        let mut current = String::new();
        let mut previous: Option<char> = None;
        for c in word.chars() {
            let breaks = previous.is_some_and(|p| {
                (p.is_lowercase() && c.is_uppercase()) || (p.is_numeric() != c.is_numeric())
            });
            if breaks && !current.is_empty() {
                words.push(std::mem::take(&mut current).to_lowercase());
            }
            current.push(c);
            previous = Some(c);
        }
        if !current.is_empty() {
            words.push(current.to_lowercase());
        }
    }
    words
}

/// The text a reader sees: for HTML, the body without its tags ("<li>" is no "Li").
fn visible(text: &str) -> String {
    match text.find("<body") {
        Some(body) => common::without_markup(&text[body..]),
        None => text.to_string(),
    }
}

fn leaks(text: &str) -> Vec<String> {
    let text = &visible(text);
    let plain: String = text
        .nfkd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .filter(|c| !matches!(c, '\u{200B}'..='\u{200F}' | '\u{2060}' | '\u{FEFF}'))
        .collect();
    let transliterated = deunicode::deunicode(&plain);
    let squashed: String = searchable(text)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    let words = words(&transliterated);
    let mut found = Vec::new();
    for entry in ROSTER {
        for part in entry.latin {
            let part = part.to_lowercase();
            let present = if part.len() >= 4 {
                squashed.contains(&part)
            } else {
                words.contains(&part)
            };
            if present {
                found.push(part);
            }
        }
        let joined = entry.latin.concat().to_lowercase();
        if words.contains(&joined) {
            found.push(joined);
        }
        if squashed.contains(entry.affiliation_key) {
            found.push(entry.affiliation_key.to_string());
        }
    }
    found
}

/// The export as a reader sees it; for Word, the text of the document and its properties.
fn export(session: &Session, report: Report, format: Format) -> String {
    let dirs = TemplateDirs::built_in();
    let profile = Profile::load("igf", &dirs).expect("the igf profile");
    let options = Options {
        report,
        format,
        anonymous: Some(Anonymity::GroupAndRegion),
        template: None,
        dirs: &dirs,
        wrap: None,
    };
    let bytes = report::export_document(session, &profile, &options)
        .expect("export")
        .bytes;
    if format.is_text() {
        return String::from_utf8(bytes).expect("UTF-8");
    }
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip package");
    let mut text = String::from("<body>");
    for name in [
        "word/document.xml",
        "docProps/core.xml",
        "docProps/custom.xml",
    ] {
        let mut part = String::new();
        std::io::Read::read_to_string(&mut archive.by_name(name).expect(name), &mut part)
            .expect("UTF-8 XML");
        text.push_str(&part);
    }
    text
}

#[test]
fn the_leak_check_sees_every_spelling() {
    // Every spelling, unreplaced, is found: the check is not blind.
    for (person, entry) in ROSTER.iter().enumerate() {
        for (index, spelling) in SPELLINGS.iter().enumerate() {
            if entry.latin.iter().all(|p| p.len() < 3)
                && matches!(spelling, Spelling::InitialHandle | Spelling::Plural)
            {
                // "@Lna" holds no name part of "Li Na", and a two-letter part is a name only
                // as a whole word ("Nas" is not "Na"): nothing to find, nothing to replace.
                continue;
            }
            let note = &session(&[(person, index, 7)]).notes[0].text;
            assert!(
                !leaks(note).is_empty(),
                "{} {spelling:?}: {note}",
                entry.name
            );
        }
    }
    // And in a named export.
    let session = session(&[(0, 0, 0)]);
    let dirs = TemplateDirs::built_in();
    let profile = Profile::load("igf", &dirs).unwrap();
    let options = Options {
        report: Report::Final,
        format: Format::Html,
        anonymous: None,
        template: None,
        dirs: &dirs,
        wrap: None,
    };
    let text = report::export(&session, &profile, &options).unwrap().text;
    assert!(!leaks(&text).is_empty());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    #[test]
    fn no_spelling_of_a_name_survives_any_anonymous_format(
        mentions in prop::collection::vec(
            (0..ROSTER.len(), 0..SPELLINGS.len(), 0usize..100),
            1..12,
        )
    ) {
        let session = session(&mentions);
        for report in [Report::Short, Report::Final] {
            for format in Format::ALL {
                let text = export(&session, report, format);
                let found = leaks(&text);
                prop_assert!(found.is_empty(), "{found:?} in {report:?} {format:?}:\n{text}");
            }
        }
        // The notes did reach the final report: the check looked at them.
        // (Every format, Word included, is checked above: Format::ALL.)
        let text = export(&session, Report::Final, Format::Json);
        for n in 0..mentions.len() {
            prop_assert!(text.contains(&format!("marker{n}")), "marker{n} missing:\n{text}");
        }
    }
}
