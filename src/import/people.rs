//! People on a session page: reading "Name, Affiliation, Stakeholder, Region" and merging the
//! entries that name the same person under several roles.

use crate::model::{Person, PersonId, RegionalGroup, Role, StakeholderGroup, fold};

use super::ImportWarning;

/// What one roster entry says about a person.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Entry {
    /// None when the page gives only the groups ("Organizer 1: Civil Society, African Group").
    pub name: Option<String>,
    pub affiliation: Option<String>,
    pub stakeholder: Option<StakeholderGroup>,
    pub region: Option<RegionalGroup>,
}

/// Reads the comma-separated parts of an entry. The first part is the name; trailing parts that
/// parse as a stakeholder or regional group are those; whatever is between is the affiliation,
/// which may itself contain commas.
pub(crate) fn entry(text: &str) -> Entry {
    let parts: Vec<&str> = text
        .split(',')
        .map(|p| {
            p.trim()
                .trim_matches(|c: char| matches!(c, '•' | '*' | '·'))
                .trim()
        })
        .filter(|p| !p.is_empty())
        .collect();
    if parts.iter().all(|p| is_group(p)) {
        let (stakeholder, region) = groups(&parts);
        return Entry {
            name: None,
            affiliation: None,
            stakeholder,
            region,
        };
    }
    let Some((first, rest)) = parts.split_first() else {
        return Entry::default();
    };
    let trailing = rest
        .iter()
        .rev()
        .take(2)
        .take_while(|p| is_group(p))
        .count();
    let (middle, group_parts) = rest.split_at(rest.len() - trailing);
    let (stakeholder, region) = groups(group_parts);
    Entry {
        name: Some(tidy_name(first)),
        affiliation: (!middle.is_empty()).then(|| middle.join(", ")),
        stakeholder,
        region,
    }
}

fn is_group(part: &str) -> bool {
    part.parse::<StakeholderGroup>().is_ok() || part.parse::<RegionalGroup>().is_ok()
}

/// Pages write "Stakeholder, Region", but a lone group is most often the stakeholder group, and
/// a few pages swap the two.
fn groups(parts: &[&str]) -> (Option<StakeholderGroup>, Option<RegionalGroup>) {
    match parts {
        [one] => match one.parse::<StakeholderGroup>() {
            Ok(stakeholder) => (Some(stakeholder), None),
            Err(_) => (None, one.parse().ok()),
        },
        [a, b] => match (a.parse(), b.parse()) {
            (Ok(stakeholder), Ok(region)) => (Some(stakeholder), Some(region)),
            _ => (b.parse().ok(), a.parse().ok()),
        },
        _ => (None, None),
    }
}

/// Trims stray punctuation and, for a name typed all in lower case ("maria da silva"),
/// capitalises each word except the particles that stay lower case in names ("Maria da Silva").
/// Names with any capital letter, and scripts without case, are kept as given.
fn tidy_name(name: &str) -> String {
    let name = name
        .trim_matches(|c: char| c.is_whitespace() || matches!(c, '-' | '–' | ':' | ';'))
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let all_lower = name.chars().any(char::is_lowercase) && !name.chars().any(char::is_uppercase);
    if !all_lower {
        return name;
    }
    name.split(' ')
        .enumerate()
        .map(|(i, word)| {
            if i > 0 && PARTICLES.contains(&word) {
                return word.to_string();
            }
            let mut chars = word.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect())
                .unwrap_or_default()
        })
        .collect::<Vec<String>>()
        .join(" ")
}

/// Words that stay lower case inside names ("Bruna Toso de Alcântara", "Ngozi van Dyk").
const PARTICLES: &[&str] = &[
    "de", "da", "do", "dos", "das", "del", "della", "di", "du", "van", "von", "der", "den", "la",
    "le", "bin", "binti", "al", "y", "e",
];

/// A name written with capitals has them on every word but the particles; a sentence ("As an
/// environment full of ...") does not.
fn name_shaped(name: &str) -> bool {
    if !name.chars().any(char::is_uppercase) {
        return true;
    }
    name.split_whitespace().all(|word| {
        PARTICLES.contains(&word) || !word.chars().next().is_some_and(char::is_lowercase)
    })
}

/// Whether a line without a heading reads as a roster entry: a short name first, and nothing
/// that only sentences, questions or numbered lists have.
pub(crate) fn looks_like_entry(text: &str) -> bool {
    let first = text.split(',').next().unwrap_or("").trim();
    let words = first.split_whitespace().count();
    let starts_like_a_list = text
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit() || matches!(c, '-' | '•' | '*' | '('));
    (1..=8).contains(&words)
        && first.chars().count() <= 80
        && text.chars().count() <= 300
        && first.chars().any(char::is_alphabetic)
        && name_shaped(first)
        && !text.contains('?')
        && !text.ends_with(':')
        && !first.ends_with('.')
        && !starts_like_a_list
}

/// The people of a page, one per person however many times the page lists them.
#[derive(Debug, Default)]
pub(crate) struct Roster {
    pub people: Vec<Person>,
}

/// Names that differ only in case, accents or punctuation ("Vinicius W. O. Santos" and
/// "vinicius w o santos") are the same person's.
fn key(name: &str) -> String {
    fold(name)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether two folded names (see [`key`]) are one person's written two ways, as a page that
/// lists someone under "Organizer 2" and again under a role heading does: with initials or middle
/// names left out ("ana beatriz f lopes", "ana lopes" for "ana beatriz ferreira lopes"), or with
/// one letter off ("jean pierre mbekki"). First and last names must agree.
fn same_person_spelled_differently(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let short_words: Vec<&str> = short.split(' ').collect();
    let long_words: Vec<&str> = long.split(' ').collect();
    let ends_agree = short_words.len() >= 2
        && short_words.first() == long_words.first()
        && short_words.last() == long_words.last();
    if ends_agree {
        // Every word of the shorter form is, in order, a word or the initial of a word of the longer.
        let mut rest = long_words.iter();
        let abbreviated = short_words.iter().all(|word| {
            rest.any(|long| long == word || (word.chars().count() == 1 && long.starts_with(word)))
        });
        if abbreviated {
            return true;
        }
    }
    // A letter off is a typo in a name long enough that two people are unlikely to be that close.
    long.chars().count() >= 10 && strsim::levenshtein(short, long) <= 1
}

impl Roster {
    /// Adds a role to the person the entry names, creating them on first mention. Later entries
    /// fill in what earlier ones left out; where they disagree the first entry wins and a warning
    /// says so.
    pub fn add(
        &mut self,
        entry: Entry,
        role: Role,
        line: usize,
        warnings: &mut Vec<ImportWarning>,
    ) {
        let Some(name) = entry.name.filter(|n| !key(n).is_empty()) else {
            warnings.push(ImportWarning::new(
                line,
                format!(
                    "the {} is given only by groups, without a name; nobody added",
                    role.label().to_lowercase()
                ),
            ));
            return;
        };
        let wanted = key(&name);
        let exact = self.people.iter().position(|p| key(&p.name) == wanted);
        let close: Vec<usize> = self
            .people
            .iter()
            .enumerate()
            .filter(|(_, p)| same_person_spelled_differently(&key(&p.name), &wanted))
            .map(|(index, _)| index)
            .collect();
        let index = match (exact, close.as_slice()) {
            (Some(index), _) => index,
            // Only when one person is that close: with two, which one is a guess.
            (None, [index]) => {
                let kept = self.people[*index].name.clone();
                warnings.push(ImportWarning::new(
                    line,
                    format!(
                        "\"{name}\" is read as {kept}, listed before under another role (the same person spelled differently; add them with `rapporteur person add` if not)"
                    ),
                ));
                *index
            }
            _ => {
                let id = PersonId(u32::try_from(self.people.len() + 1).unwrap_or(u32::MAX));
                self.people.push(Person::new(id, name.clone()));
                self.people.len() - 1
            }
        };
        let Some(person) = self.people.get_mut(index) else {
            return;
        };
        person.add_role(role);
        fill(
            &mut person.affiliation,
            entry.affiliation,
            "affiliation",
            &name,
            line,
            warnings,
        );
        fill(
            &mut person.stakeholder,
            entry.stakeholder,
            "stakeholder group",
            &name,
            line,
            warnings,
        );
        fill(
            &mut person.region,
            entry.region,
            "regional group",
            &name,
            line,
            warnings,
        );
    }
}

fn fill<T: PartialEq + std::fmt::Display>(
    slot: &mut Option<T>,
    given: Option<T>,
    what: &str,
    name: &str,
    line: usize,
    warnings: &mut Vec<ImportWarning>,
) {
    match (slot.as_ref(), given) {
        (None, given) => *slot = given,
        (Some(kept), Some(given)) if *kept != given => warnings.push(ImportWarning::new(
            line,
            format!("{name} is listed again with {what} \"{given}\"; kept \"{kept}\" from the first entry"),
        )),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn four_three_two_and_one_part_entries() {
        let e = entry("Ana Lima, Instituto, Rio, Civil Society, GRULAC");
        assert_eq!(e.name.as_deref(), Some("Ana Lima"));
        assert_eq!(e.affiliation.as_deref(), Some("Instituto, Rio"));
        assert_eq!(e.stakeholder, Some(StakeholderGroup::CivilSociety));
        assert_eq!(e.region, Some(RegionalGroup::Grulac));
        let e = entry("Koichiro Komiyama, Technical Community, Asia and the Pacific Group");
        assert_eq!(e.affiliation, None);
        assert_eq!(e.region, Some(RegionalGroup::AsiaPacific));
        let e = entry("Everton T Rodrigues, NIC.br,");
        assert_eq!(e.affiliation.as_deref(), Some("NIC.br"));
        assert_eq!(e.stakeholder, None);
        assert_eq!(
            entry("  Alexandre Costa Barbosa ").name.as_deref(),
            Some("Alexandre Costa Barbosa")
        );
    }

    #[test]
    fn groups_only_give_no_name() {
        let e = entry("Civil Society, African Group");
        assert_eq!(e.name, None);
        assert_eq!(e.region, Some(RegionalGroup::African));
    }

    #[test]
    fn lower_case_names_are_capitalised_but_particles_kept() {
        assert_eq!(
            entry("maria da silva, Civil Society").name.as_deref(),
            Some("Maria da Silva")
        );
        assert_eq!(entry("danah boyd").name.as_deref(), Some("Danah Boyd"));
        assert_eq!(
            entry("Ngozi van Dyk").name.as_deref(),
            Some("Ngozi van Dyk")
        );
        assert_eq!(entry("김민수, Government").name.as_deref(), Some("김민수"));
    }

    #[test]
    fn the_same_person_twice_is_one_person_with_both_roles() {
        let mut roster = Roster::default();
        let mut warnings = Vec::new();
        roster.add(
            entry("Bruna Toso de Alcântara, NIC.br/CGI.br"),
            Role::Organizer,
            5,
            &mut warnings,
        );
        roster.add(
            entry("BRUNA TOSO DE ALCANTARA, Technical Community, GRULAC"),
            Role::Rapporteur,
            35,
            &mut warnings,
        );
        assert_eq!(roster.people.len(), 1);
        let bruna = &roster.people[0];
        assert_eq!(bruna.name, "Bruna Toso de Alcântara");
        assert_eq!(bruna.roles, vec![Role::Organizer, Role::Rapporteur]);
        assert_eq!(bruna.affiliation.as_deref(), Some("NIC.br/CGI.br"));
        assert_eq!(
            bruna.stakeholder,
            Some(StakeholderGroup::TechnicalCommunity)
        );
        assert!(warnings.is_empty());
    }

    #[test]
    fn the_same_name_spelled_differently_is_one_person() {
        for (a, b) in [
            ("Ana Beatriz Ferreira Lopes", "ANA BEATRIZ F. LOPES"),
            ("Vinicius W. O. Santos", "Vinicius Santos"),
            ("Jean-Pierre Mbeki", "Jean Pierre Mbekki"),
        ] {
            assert!(
                same_person_spelled_differently(&key(a), &key(b)),
                "{a} / {b}"
            );
        }
        for (a, b) in [
            ("Ana Lima", "Ama Lima"),
            ("Ana Lopes", "Ana Beatriz Santos"),
            ("Maria Silva", "Mario Silva Costa"),
            ("Li Na", "Li Wei"),
        ] {
            assert!(
                !same_person_spelled_differently(&key(a), &key(b)),
                "{a} / {b}"
            );
        }
    }

    #[test]
    fn disagreeing_entries_keep_the_first_and_warn() {
        let mut roster = Roster::default();
        let mut warnings = Vec::new();
        roster.add(entry("Jo Ng, Government"), Role::Speaker, 3, &mut warnings);
        roster.add(
            entry("Jo Ng, Civil Society"),
            Role::Rapporteur,
            9,
            &mut warnings,
        );
        assert_eq!(
            roster.people[0].stakeholder,
            Some(StakeholderGroup::Government)
        );
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].line, 9);
    }

    #[test]
    fn entries_and_sentences() {
        assert!(looks_like_entry(
            "Rafael Evangelista, Technical Community, GRULAC"
        ));
        assert!(looks_like_entry("李华"));
        assert!(!looks_like_entry(
            "9. Industry, Innovation and Infrastructure"
        ));
        assert!(!looks_like_entry(
            "As an environment full of uncertainties, deepened by the permanent increase of malicious activities online"
        ));
        assert!(!looks_like_entry("How do we do this?"));
    }
}
