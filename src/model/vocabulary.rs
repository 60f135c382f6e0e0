//! The closed vocabularies of an IGF session: stakeholder groups, UN regional groups, roles and
//! note kinds. Each has a display label (what the IGF pages and reports say), a stable slug (what
//! the command line and JSON use) and a forgiving parser that accepts the spellings found on real
//! proposal pages.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

use super::names::fold;

/// A value was not one of the words a vocabulary knows.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {vocabulary} \"{given}\"; expected one of: {expected}")]
pub struct UnknownWord {
    pub vocabulary: &'static str,
    pub given: String,
    pub expected: String,
}

macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        $name:ident, $what:literal {
            $( $variant:ident => $label:literal, $slug:literal, [$($alias:literal),*] ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The words used on IGF pages and in reports.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            /// The stable identifier used on the command line and in JSON.
            pub fn slug(self) -> &'static str {
                match self { $($name::$variant => $slug),+ }
            }

            fn aliases(self) -> &'static [&'static str] {
                match self { $($name::$variant => &[$($alias),*]),+ }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.label())
            }
        }

        impl FromStr for $name {
            type Err = UnknownWord;

            fn from_str(given: &str) -> Result<Self, Self::Err> {
                let wanted = comparable(given);
                Self::ALL
                    .iter()
                    .copied()
                    .find(|v| {
                        comparable(v.label()) == wanted
                            || comparable(v.slug()) == wanted
                            || v.aliases().iter().any(|a| comparable(a) == wanted)
                    })
                    .ok_or_else(|| UnknownWord {
                        vocabulary: $what,
                        given: given.trim().to_string(),
                        expected: Self::ALL.iter().map(|v| v.slug()).collect::<Vec<_>>().join(", "),
                    })
            }
        }
    };
}

/// Case, accents, punctuation and the words "group"/"the"/"and" do not distinguish two spellings.
fn comparable(text: &str) -> String {
    fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !matches!(*w, "group" | "the" | "and" | "of"))
        .collect::<Vec<_>>()
        .join(" ")
}

vocabulary! {
    /// The multistakeholder community a person speaks for.
    StakeholderGroup, "stakeholder group" {
        Government => "Government", "government", ["gov", "governments"],
        CivilSociety => "Civil Society", "civil-society", ["cs", "civil"],
        PrivateSector => "Private Sector", "private-sector", ["private", "business", "ps"],
        TechnicalCommunity => "Technical Community", "technical-community", ["technical", "tc", "academia", "academic", "technical academic community"],
        IntergovernmentalOrganization => "Intergovernmental Organization", "intergovernmental-organization", ["igo", "intergovernmental", "intergovernmental organisation", "international organization", "intergovernmental organizations"],
    }
}

vocabulary! {
    /// The United Nations regional group a person comes from. IGF pages also use
    /// "Intergovernmental Organization" in this place, so it is a value here too.
    RegionalGroup, "regional group" {
        African => "African Group", "african", ["africa", "african states", "african group"],
        AsiaPacific => "Asia-Pacific Group", "asia-pacific", ["asia pacific", "asia and the pacific", "asia pacific states", "asia", "apac"],
        EasternEuropean => "Eastern European Group", "eastern-european", ["eastern europe", "eastern european states", "eeg"],
        Grulac => "Latin American and Caribbean Group (GRULAC)", "grulac", ["latin american caribbean", "latin american caribbean grulac", "latin america caribbean", "latin american caribbean states", "latin america", "lac"],
        Weog => "Western European and Others Group (WEOG)", "weog", ["western european others", "western european others weog", "western europe others", "western european others states", "western europe"],
        IntergovernmentalOrganization => "Intergovernmental Organization", "intergovernmental-organization", ["igo", "intergovernmental", "intergovernmental organisation", "international organization"],
    }
}

vocabulary! {
    /// What a person does in the session; one person can hold several roles.
    Role, "role" {
        Organizer => "Organizer", "organizer", ["organiser", "co-organizer", "co organizer"],
        Speaker => "Speaker", "speaker", ["panelist", "panellist", "additional speaker", "discussant"],
        OnsiteModerator => "Onsite Moderator", "onsite-moderator", ["moderator", "on-site moderator", "on site moderator", "chair"],
        OnlineModerator => "Online Moderator", "online-moderator", ["remote moderator"],
        Rapporteur => "Rapporteur", "rapporteur", ["note taker", "notetaker"],
    }
}

vocabulary! {
    /// A person's gender, as the rapporteur recorded it: never guessed from a name.
    Gender, "gender" {
        Woman => "Woman", "woman", ["women", "female"],
        Man => "Man", "man", ["men", "male"],
        GenderDiverse => "Gender-diverse", "gender-diverse", ["diverse", "non-binary", "nonbinary"],
    }
}

vocabulary! {
    /// What a note records.
    NoteKind, "note kind" {
        Remark => "Remark", "remark", ["r", "comment"],
        Question => "Question", "question", ["q"],
        Quote => "Quote", "quote", ["quotation"],
        Takeaway => "Takeaway", "takeaway", ["key takeaway", "t"],
        CallToAction => "Call to action", "call-to-action", ["cta", "call", "action"],
    }
}

impl StakeholderGroup {
    /// At most ten columns, for a roster row or a bar's label.
    pub fn short(self) -> &'static str {
        match self {
            StakeholderGroup::Government => "Government",
            StakeholderGroup::CivilSociety => "Civil soc.",
            StakeholderGroup::PrivateSector => "Private",
            StakeholderGroup::TechnicalCommunity => "Technical",
            StakeholderGroup::IntergovernmentalOrganization => "IGO",
        }
    }
}

impl RegionalGroup {
    /// At most eight columns, for a roster row or a bar's label.
    pub fn short(self) -> &'static str {
        match self {
            RegionalGroup::African => "African",
            RegionalGroup::AsiaPacific => "Asia-Pac",
            RegionalGroup::EasternEuropean => "EEG",
            RegionalGroup::Grulac => "GRULAC",
            RegionalGroup::Weog => "WEOG",
            RegionalGroup::IntergovernmentalOrganization => "IGO",
        }
    }
}

// The enum comes from `vocabulary!`, which cannot mark a `#[default]` variant.
#[allow(clippy::derivable_impls)]
impl Default for NoteKind {
    fn default() -> Self {
        NoteKind::Remark
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regional_groups_accept_the_spellings_of_igf_pages() {
        for (text, expected) in [
            (
                "Latin American and Caribbean Group (GRULAC)",
                RegionalGroup::Grulac,
            ),
            ("GRULAC", RegionalGroup::Grulac),
            ("Asia and the Pacific Group", RegionalGroup::AsiaPacific),
            ("Asia-Pacific Group", RegionalGroup::AsiaPacific),
            (
                "Western European and Others Group (WEOG)",
                RegionalGroup::Weog,
            ),
            ("WEOG", RegionalGroup::Weog),
            ("Eastern European Group", RegionalGroup::EasternEuropean),
            ("African Group", RegionalGroup::African),
            (
                "Intergovernmental Organization",
                RegionalGroup::IntergovernmentalOrganization,
            ),
        ] {
            assert_eq!(text.parse::<RegionalGroup>(), Ok(expected), "{text}");
        }
    }

    #[test]
    fn unknown_words_list_what_is_expected() {
        let error = "Martians".parse::<StakeholderGroup>().unwrap_err();
        assert!(error.to_string().contains("civil-society"), "{error}");
        assert!(error.to_string().contains("Martians"), "{error}");
    }

    #[test]
    fn every_slug_and_label_parses_back() {
        for kind in NoteKind::ALL {
            assert_eq!(kind.slug().parse::<NoteKind>(), Ok(*kind));
            assert_eq!(kind.label().parse::<NoteKind>(), Ok(*kind));
        }
        for role in Role::ALL {
            assert_eq!(role.slug().parse::<Role>(), Ok(*role));
        }
    }
}
