//! Who is likeliest to take the floor, and so which people get the quick keys (Alt+1…Alt+9).

use super::roster::{Person, PersonId};
use super::session::Session;
use super::vocabulary::Role;

/// Where a person comes in the speaking order: the onsite moderator opens, the speakers follow in
/// the page's order, the online moderator brings in the chat; people of no known role (added
/// live, most likely to speak) come next, and the organizers and the rapporteur, who seldom take
/// the floor, last. Someone with several roles ranks by the one that speaks most.
fn speaking_rank(person: &Person) -> u8 {
    let rank = |role: &Role| match role {
        Role::OnsiteModerator => 0,
        Role::Speaker => 1,
        Role::OnlineModerator => 2,
        Role::Organizer | Role::Rapporteur => 4,
    };
    person.roles.iter().map(rank).min().unwrap_or(3)
}

impl Session {
    /// Everyone on the roster in speaking order; within a rank, the roster's (the page's) order.
    pub fn speaking_order(&self) -> Vec<PersonId> {
        let mut people: Vec<&Person> = self.roster().collect();
        people.sort_by_key(|p| speaking_rank(p));
        people.iter().map(|p| p.id).collect()
    }

    /// The people with quick keys, the first nine getting Alt+1…Alt+9: those of `fixed` (the
    /// order a screen settled on when it opened, so that a newcomer moves nobody's key) still on
    /// the roster, then everyone else in speaking order. Someone marked absent has no key, and
    /// the people after them move up.
    pub fn quick_keys(&self, fixed: &[PersonId]) -> Vec<PersonId> {
        let known = fixed.iter().copied();
        let newcomers = self
            .speaking_order()
            .into_iter()
            .filter(|id| !fixed.contains(id));
        known
            .chain(newcomers)
            .filter(|id| {
                self.person(*id)
                    .is_some_and(|p| !p.removed && !p.marked_absent())
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Attendance;

    fn panel() -> Session {
        let mut session = Session::default();
        let people: [(&str, &[Role]); 7] = [
            ("Organizer", &[Role::Organizer]),
            ("Rapporteur", &[Role::Rapporteur, Role::Organizer]),
            ("Online moderator", &[Role::OnlineModerator]),
            ("First speaker", &[Role::Speaker]),
            (
                "Onsite moderator",
                &[Role::OnsiteModerator, Role::Organizer],
            ),
            ("Second speaker", &[Role::Speaker]),
            ("Added live", &[]),
        ];
        for (index, (name, roles)) in people.into_iter().enumerate() {
            let mut person = Person::new(PersonId(index as u32 + 1), name);
            person.roles = roles.to_vec();
            session.people.push(person);
        }
        session
    }

    fn names(session: &Session, ids: &[PersonId]) -> Vec<String> {
        let name = |id: &PersonId| session.person(*id).unwrap().name.clone();
        ids.iter().map(name).collect()
    }

    #[test]
    fn the_onsite_moderator_then_the_speakers_in_page_order_then_the_online_moderator() {
        let session = panel();
        assert_eq!(
            names(&session, &session.quick_keys(&[])),
            [
                "Onsite moderator",
                "First speaker",
                "Second speaker",
                "Online moderator",
                "Added live",
                "Organizer",
                "Rapporteur"
            ]
        );
    }

    #[test]
    fn someone_marked_absent_has_no_key_and_the_next_moves_up() {
        let mut session = panel();
        let fixed = session.speaking_order();
        session.person_mut(PersonId(4)).unwrap().attendance = Attendance::Absent;
        let keys = names(&session, &session.quick_keys(&fixed));
        assert_eq!(
            keys[..3],
            ["Onsite moderator", "Second speaker", "Online moderator"]
        );
        assert!(!keys.contains(&"First speaker".to_string()));
    }

    #[test]
    fn a_newcomer_after_the_order_was_fixed_moves_nobody() {
        let mut session = panel();
        let fixed = session.speaking_order();
        let mut late = Person::new(PersonId(0), "Late speaker");
        late.roles = vec![Role::Speaker];
        let (late, _) = session.enrol(late);
        let keys = session.quick_keys(&fixed);
        assert_eq!(keys[..fixed.len()], fixed[..]);
        assert_eq!(keys.last(), Some(&late));
    }
}
