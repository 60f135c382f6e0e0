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
        name: "Dmitry Ivanov",
        latin: &["Dmitry", "Ivanov"],
        affiliation: "Volga Netlab",
        affiliation_key: "volganetlab",
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
    /// Some letters written with Cyrillic or Greek look-alikes ("Ѕobota", "Ιvanov").
    LookAlike,
    /// Another transliteration ("Dmitrii", "Aleksandra", "Okonkvo").
    Transliterated,
    /// The other gender's form of the surname ("Ivanova", "Sobotová").
    OtherGender,
    /// A Japanese honorific, joined or hyphenated ("Komiyamasan", "Komiyama-sensei").
    Honorific,
    /// A curly possessive ("Sobota’s").
    CurlyPossessive,
    /// Spelled out letter by letter ("S o b o t a", "S.o.b.o.t.a", "S-o-b-o-t-a").
    LetterSpaced,
}

const SPELLINGS: [Spelling; 22] = [
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
    Spelling::LookAlike,
    Spelling::Transliterated,
    Spelling::OtherGender,
    Spelling::Honorific,
    Spelling::CurlyPossessive,
    Spelling::LetterSpaced,
];

/// A Cyrillic or Greek letter that looks like a Latin one.
fn look_alike(c: char, at: usize) -> Option<char> {
    Some(match c {
        'a' => '\u{430}',
        'c' => '\u{441}',
        'e' => '\u{435}',
        'i' => '\u{456}',
        'o' if at.is_multiple_of(2) => '\u{43e}',
        'o' => '\u{3bf}',
        'p' => '\u{440}',
        's' => '\u{455}',
        'x' => '\u{445}',
        'y' => '\u{443}',
        'A' => '\u{410}',
        'B' => '\u{412}',
        'C' => '\u{421}',
        'E' => '\u{415}',
        'H' => '\u{41d}',
        'I' => '\u{399}',
        'K' => '\u{41a}',
        'M' => '\u{41c}',
        'N' => '\u{39d}',
        'O' => '\u{41e}',
        'P' => '\u{420}',
        'S' => '\u{405}',
        'T' => '\u{422}',
        _ => return None,
    })
}

/// The longest Latin part of a name, the one a variant spelling is made of.
fn longest(entry: &Entry) -> &'static str {
    entry
        .latin
        .iter()
        .copied()
        .max_by_key(|p| p.len())
        .unwrap_or(entry.name)
}

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
        Spelling::LookAlike => latin
            .iter()
            .map(|part| {
                // Every other letter that has a look-alike, from the first or the second.
                let mut swapped = 0;
                part.chars()
                    .map(|c| match look_alike(c, at) {
                        Some(other) if (swapped + at).is_multiple_of(2) || part.len() <= 2 => {
                            swapped += 1;
                            other
                        }
                        Some(_) => {
                            swapped += 1;
                            c
                        }
                        None => c,
                    })
                    .collect::<String>()
            })
            .collect::<Vec<_>>()
            .join(" "),
        Spelling::Transliterated => {
            let part = longest(entry);
            if let Some(stem) = part.strip_suffix('y') {
                format!("{stem}{}", ["ii", "iy", "ij"][at % 3])
            } else if part.contains('x') {
                part.replace('x', "ks")
            } else if part.contains('w') {
                part.replace('w', "v")
            } else {
                entry.name.to_string()
            }
        }
        Spelling::OtherGender => match last {
            short if short.len() < 5 => entry.name.to_string(),
            ov if ov.ends_with("ov") => format!("{ov}a"),
            vowel if vowel.ends_with(['a', 'o', 'e']) => {
                format!("{}ová", &vowel[..vowel.len() - 1])
            }
            other => format!("{other}ová"),
        },
        Spelling::Honorific => match last {
            short if short.len() < 4 => entry.name.to_string(),
            name => format!("{name}{}", ["san", "-san", "-sensei", "sama"][at % 4]),
        },
        Spelling::CurlyPossessive => format!("{last}\u{2019}s view"),
        Spelling::LetterSpaced => {
            // Two letters apart are no name: "N a" is read as the words it is.
            let letters: Vec<String> = longest(entry).chars().map(String::from).collect();
            match letters.len() {
                0..3 => entry.name.to_string(),
                _ => letters.join([" ", ".", "-"][at % 3]),
            }
        }
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
        (S::TechnicalCommunity, R::Weog),
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
    // Read as it looks: Cyrillic and Greek look-alikes as the Latin letters they resemble.
    // A capital that looks like "l" is an "I".
    let looks: String = text
        .chars()
        .map(|c| {
            let prototype: String = unicode_security::skeleton(&c.to_string()).collect();
            match prototype.chars().all(|p| p.is_ascii_alphanumeric()) {
                true if !c.is_ascii() && c.is_uppercase() && prototype == "l" => "i".into(),
                true if !c.is_ascii() => prototype.to_lowercase(),
                _ => c.to_lowercase().to_string(),
            }
        })
        .collect();
    let squashed = format!(
        "{squashed} {}",
        fold(&looks)
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect::<String>()
    );
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
        for needle in variant_needles(entry) {
            if squashed.contains(&needle) {
                found.push(needle);
            }
        }
        if squashed.contains(entry.affiliation_key) {
            found.push(entry.affiliation_key.to_string());
        }
    }
    found
}

/// The forms of a name that hold none of its parts whole ("dmitrii", "sobotova"), as a search
/// for them would be written.
fn variant_needles(entry: &Entry) -> Vec<String> {
    let mut needles = Vec::new();
    for spelling in [
        Spelling::Transliterated,
        Spelling::OtherGender,
        Spelling::Honorific,
    ] {
        for at in 0..4 {
            let spelled: String = searchable(&spell(entry, spelling, at))
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .collect();
            if spelled.len() >= 5 && !needles.contains(&spelled) {
                needles.push(spelled);
            }
        }
    }
    needles
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

#[test]
fn every_spelling_of_every_name_goes_in_every_format() {
    // The property test below draws some; this goes through all of them once, a spelling at a
    // time, so that a leak names its spelling.
    for (index, spelling) in SPELLINGS.iter().enumerate() {
        let mentions: Vec<(usize, usize, usize)> = (0..ROSTER.len())
            .flat_map(|person| [person, person + 3].map(|at| (person, index, at)))
            .collect();
        let session = session(&mentions);
        for format in Format::ALL {
            let text = export(&session, Report::Final, format);
            let found = leaks(&text);
            assert!(
                found.is_empty(),
                "{spelling:?} {format:?}: {found:?}\n{text}"
            );
        }
    }
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

/// The words of a report, folded, as a set.
fn word_set(text: &str) -> std::collections::BTreeSet<String> {
    words(&searchable(&visible(text))).into_iter().collect()
}

#[test]
fn no_ordinary_word_of_the_fixture_report_disappears() {
    // The shared fixture session's final report, named and anonymous: what goes must be a name
    // or an affiliation of its roster (or a word of one), never an ordinary word that a form,
    // transliteration or spelling-out of a name happens to resemble.
    // Against the same report with a roster of names found nowhere, whose anonymizer has
    // nothing to find: what the real roster's anonymizer took beyond that is what it blanked.
    let session = fixture::session();
    let mut unknown = session.clone();
    for (n, person) in unknown.people.iter_mut().enumerate() {
        person.name = format!("Zzq{n}");
        person.affiliation = Some(format!("Qqz{n}"));
    }
    let dirs = TemplateDirs::built_in();
    let profile = Profile::load("igf", &dirs).unwrap();
    let export = |session: &Session| {
        let options = Options {
            report: Report::Final,
            format: Format::Markdown,
            anonymous: Some(Anonymity::GroupAndRegion),
            template: None,
            dirs: &dirs,
            wrap: None,
        };
        report::export(session, &profile, &options).unwrap().text
    };
    let named = word_set(&export(&unknown));
    let anonymous = word_set(&export(&session));
    let roster: Vec<String> = session
        .people
        .iter()
        .flat_map(|p| [Some(p.name.as_str()), p.affiliation.as_deref()])
        .flatten()
        .chain([session.taker.as_str()])
        .flat_map(|text| words(&searchable(text)))
        .filter(|w| w.len() >= 2)
        .collect();
    let gone: Vec<&String> = named
        .difference(&anonymous)
        .filter(|w| !roster.iter().any(|r| w.contains(r.as_str())))
        .collect();
    assert!(gone.is_empty(), "ordinary words blanked: {gone:?}");
    assert!(named.len() > 200, "the report has words: {}", named.len());
}
