//! The participation figures the final report asks for (how many took part onsite and online,
//! how many were women or gender-diverse, whether gender was discussed), as the rapporteur gave
//! them: counted in the room, not derived from the roster.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::{Change, Session};

/// Each figure is None until given; giving some leaves the others as they were.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Participation {
    pub onsite: Option<u32>,
    pub online: Option<u32>,
    pub women: Option<u32>,
    pub gender_diverse: Option<u32>,
    pub gender_discussed: Option<bool>,
    /// How gender was discussed, in the rapporteur's words.
    pub gender_notes: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParticipationError {
    #[error("expected a whole number of people, not \"{0}\"")]
    NotACount(String),
    #[error("expected yes or no, not \"{0}\"")]
    NotYesOrNo(String),
    #[error(
        "{women} women and {gender_diverse} gender-diverse participants make {counted}, more than \
         the {total} who took part ({onsite} onsite and {online} online); check the figures"
    )]
    MoreThanTookPart {
        women: u32,
        gender_diverse: u32,
        counted: u64,
        onsite: u32,
        online: u32,
        total: u64,
    },
}

impl Participation {
    /// These figures with the ones `given` put over them.
    pub fn updated(&self, given: &Participation) -> Participation {
        Participation {
            onsite: given.onsite.or(self.onsite),
            online: given.online.or(self.online),
            women: given.women.or(self.women),
            gender_diverse: given.gender_diverse.or(self.gender_diverse),
            gender_discussed: given.gender_discussed.or(self.gender_discussed),
            gender_notes: given.gender_notes.clone().or(self.gender_notes.clone()),
        }
    }

    /// Women and gender-diverse participants together cannot be more than everyone who took
    /// part. Checked once both onsite and online are known: until then the total is not.
    pub fn check(&self) -> Result<(), ParticipationError> {
        let (Some(onsite), Some(online)) = (self.onsite, self.online) else {
            return Ok(());
        };
        let women = self.women.unwrap_or(0);
        let gender_diverse = self.gender_diverse.unwrap_or(0);
        // u64: two u32 figures cannot overflow it.
        let counted = u64::from(women) + u64::from(gender_diverse);
        let total = u64::from(onsite) + u64::from(online);
        if counted > total {
            return Err(ParticipationError::MoreThanTookPart {
                women,
                gender_diverse,
                counted,
                onsite,
                online,
                total,
            });
        }
        Ok(())
    }

    pub fn is_empty(&self) -> bool {
        *self == Participation::default()
    }

    /// A number of people as the command line and the screen's form take it.
    pub fn parse_count(text: &str) -> Result<u32, ParticipationError> {
        text.trim()
            .parse()
            .map_err(|_| ParticipationError::NotACount(text.trim().to_string()))
    }

    /// Whether gender was discussed, as the command line and the screen's form take it.
    pub fn parse_yes_no(text: &str) -> Result<bool, ParticipationError> {
        match text.trim().to_lowercase().as_str() {
            "yes" | "y" | "true" => Ok(true),
            "no" | "n" | "false" => Ok(false),
            _ => Err(ParticipationError::NotYesOrNo(text.trim().to_string())),
        }
    }
}

impl Session {
    /// The change that records figures `given` at `at`, once they are checked together with
    /// those given before: the one way the command line and the screen record them. Notes are
    /// trimmed; blank notes are not given.
    pub fn participation_change(
        &self,
        mut given: Participation,
        at: DateTime<FixedOffset>,
    ) -> Result<Change, ParticipationError> {
        given.gender_notes = given
            .gender_notes
            .map(|text| text.trim().to_string())
            .filter(|text| !text.is_empty());
        self.participation.updated(&given).check()?;
        Ok(Change::Participation { figures: given, at })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figures(onsite: u32, online: u32, women: u32, gender_diverse: u32) -> Participation {
        Participation {
            onsite: Some(onsite),
            online: Some(online),
            women: Some(women),
            gender_diverse: Some(gender_diverse),
            ..Participation::default()
        }
    }

    #[test]
    fn women_and_gender_diverse_cannot_exceed_those_who_took_part() {
        assert_eq!(figures(30, 10, 25, 15).check(), Ok(()));
        let error = figures(30, 10, 35, 6).check().unwrap_err();
        let text = error.to_string();
        assert!(text.contains("41") && text.contains("40"), "{text}");
        assert!(
            figures(u32::MAX, u32::MAX, u32::MAX, u32::MAX)
                .check()
                .is_ok()
        );
        assert!(figures(0, 0, u32::MAX, u32::MAX).check().is_err());
    }

    #[test]
    fn figures_given_later_keep_the_others() {
        let first = figures(30, 10, 12, 1);
        let later = Participation {
            online: Some(14),
            gender_discussed: Some(true),
            ..Participation::default()
        };
        let both = first.updated(&later);
        assert_eq!(both.onsite, Some(30));
        assert_eq!(both.online, Some(14));
        assert_eq!(both.gender_discussed, Some(true));
        assert_eq!(both.women, Some(12));
    }
}
