//! Sustainable Development Goals, recognised by their number and name so that a line such as
//! "9. Industry, Innovation and Infrastructure" is not taken for a numbered policy question even
//! when the page lost its "SDGs" heading.

use crate::model::fold;

const GOALS: [&str; 17] = [
    "No Poverty",
    "Zero Hunger",
    "Good Health and Well-Being",
    "Quality Education",
    "Gender Equality",
    "Clean Water and Sanitation",
    "Affordable and Clean Energy",
    "Decent Work and Economic Growth",
    "Industry, Innovation and Infrastructure",
    "Reduced Inequalities",
    "Sustainable Cities and Communities",
    "Responsible Consumption and Production",
    "Climate Action",
    "Life Below Water",
    "Life on Land",
    "Peace, Justice and Strong Institutions",
    "Partnerships for the Goals",
];

fn words(text: &str) -> String {
    fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && *w != "and")
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether the line names a goal by number and name: "9. Industry, Innovation and
/// Infrastructure", "GOAL 4: Quality Education", "SDG 16 - Peace, Justice and Strong Institutions".
pub(crate) fn is_goal(line: &str) -> bool {
    let folded = fold(line);
    let rest = folded
        .strip_prefix("goal")
        .or_else(|| folded.strip_prefix("sdg"))
        .unwrap_or(&folded)
        .trim_start();
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let Some(goal) = digits
        .parse::<usize>()
        .ok()
        .and_then(|n| n.checked_sub(1))
        .and_then(|i| GOALS.get(i))
    else {
        return false;
    };
    let name = rest.get(digits.len()..).unwrap_or("");
    words(name) == words(goal)
}

/// Under an "SDGs" heading short entries ("9.5", "SDG 16") are goals or targets too.
pub(crate) fn is_goal_reference(line: &str) -> bool {
    is_goal(line)
        || (line.chars().count() <= 60
            && line.chars().next().is_some_and(|c| c.is_ascii_digit())
            && !line.contains('?'))
        || fold(line).starts_with("sdg")
        || fold(line).starts_with("goal ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn goals_by_number_and_name() {
        assert!(is_goal("9. Industry, Innovation and Infrastructure"));
        assert!(is_goal("16. Peace, Justice and Strong Institutions"));
        assert!(is_goal("GOAL 4: Quality Education"));
        assert!(is_goal("SDG 17 - Partnerships for the Goals"));
        assert!(!is_goal("9. How do we build infrastructure?"));
        assert!(!is_goal("4. Industry, Innovation and Infrastructure"));
        assert!(!is_goal("99. Zero Hunger"));
    }
}
