//! Who is who when the page lost its roster headings. IGF pages always list the roster in the
//! same order (organizers, speakers, additional speakers, onsite moderator, online moderator,
//! rapporteur), so the order, and the double blank lines left where a heading was, still tell.

use super::headings::Slot;

/// One roster line, or a roster heading, in page order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Item {
    Heading(Slot),
    /// "Organizer 1: ..." or "Speaker 2: ...": the line says its own place.
    Numbered {
        slot: Slot,
        line: usize,
        text: String,
    },
    /// A line with only the person on it; its place comes from the headings and the order.
    Bare {
        line: usize,
        text: String,
        blanks_before: usize,
    },
}

/// A roster line with its place decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Placed {
    pub slot: Slot,
    pub line: usize,
    pub text: String,
    /// True when no heading said so and the place was read from the order of the page.
    pub inferred: bool,
}

/// Decides the place of every roster line. `lost_gap` is how many blank lines in a row mark a
/// lost heading (see [`super::lines::lost_heading_gap`]).
pub(crate) fn place(items: &[Item], lost_gap: usize) -> Vec<Placed> {
    let mut placed = Vec::new();
    // The heading the next bare lines are under, or the numbered place they come after.
    let mut under: Option<Slot> = None;
    let mut after = Slot::Speaker;
    let mut index = 0;
    while let Some(item) = items.get(index) {
        match item {
            Item::Heading(slot) => under = Some(*slot),
            Item::Numbered { slot, line, text } => {
                placed.push(Placed {
                    slot: *slot,
                    line: *line,
                    text: text.clone(),
                    inferred: false,
                });
                under = None;
                after = *slot;
            }
            Item::Bare { .. } => {
                let run_end = items[index..]
                    .iter()
                    .position(|i| !matches!(i, Item::Bare { .. }))
                    .map_or(items.len(), |p| index + p);
                let bound = items.get(run_end).and_then(|i| match i {
                    Item::Heading(slot) | Item::Numbered { slot, .. } => Some(*slot),
                    Item::Bare { .. } => None,
                });
                let run: Vec<(usize, &str, usize)> = items[index..run_end]
                    .iter()
                    .filter_map(|i| match i {
                        Item::Bare {
                            line,
                            text,
                            blanks_before,
                        } => Some((*line, text.as_str(), *blanks_before)),
                        _ => None,
                    })
                    .collect();
                placed.extend(place_run(&run, under, after, bound, lost_gap));
                index = run_end;
                continue;
            }
        }
        index += 1;
    }
    placed
}

/// The places a run of bare lines can take: from its heading (or just after the numbered lines
/// before it) up to, not including, the heading that follows it.
fn possible(under: Option<Slot>, after: Slot, bound: Option<Slot>) -> Vec<Slot> {
    let first = match under {
        Some(slot) => slot,
        None => after.max(Slot::Speaker),
    };
    let skip_first = under.is_none();
    let slots: Vec<Slot> = Slot::ALL
        .iter()
        .copied()
        .filter(|s| if skip_first { *s > first } else { *s >= first })
        // Bare lines after the numbered speakers are additional speakers at the earliest.
        .filter(|s| under.is_some() || *s >= Slot::AdditionalSpeaker)
        .filter(|s| bound.is_none_or(|b| *s < b))
        .collect();
    if slots.is_empty() {
        vec![under.unwrap_or(Slot::AdditionalSpeaker)]
    } else {
        slots
    }
}

fn place_run(
    run: &[(usize, &str, usize)],
    under: Option<Slot>,
    after: Slot,
    bound: Option<Slot>,
    lost_gap: usize,
) -> Vec<Placed> {
    let slots = possible(under, after, bound);
    let headed = under.is_some();
    // Blocks of lines separated by lost headings.
    let mut block_of = Vec::with_capacity(run.len());
    let mut blocks = 0usize;
    for (position, (_, _, blanks)) in run.iter().enumerate() {
        if position > 0 && *blanks >= lost_gap {
            blocks += 1;
        }
        block_of.push(blocks);
    }
    let blocks = blocks + 1;
    let count = run.len();
    let slot_for = |position: usize| -> Slot {
        let pick = |i: usize| {
            slots
                .get(i)
                .or(slots.last())
                .copied()
                .unwrap_or(Slot::AdditionalSpeaker)
        };
        if blocks > 1 && blocks <= slots.len() {
            let block = block_of.get(position).copied().unwrap_or(0);
            // Under a heading the first block is the heading's; without one the blocks are the
            // last places, which every page has (moderators, rapporteur).
            return if headed {
                pick(block)
            } else {
                pick(slots.len() - blocks + block)
            };
        }
        if count >= slots.len() {
            // One each for the later places, the rest share the first (additional speakers).
            let shared = count - slots.len() + 1;
            pick(position.saturating_sub(shared - 1))
        } else if headed && position == 0 {
            pick(0)
        } else {
            pick(slots.len() - (count - position))
        }
    };
    run.iter()
        .enumerate()
        .map(|(position, (line, text, _))| {
            let slot = slot_for(position);
            Placed {
                slot,
                line: *line,
                text: text.to_string(),
                inferred: !(headed && Some(&slot) == slots.first()),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bare(line: usize, blanks_before: usize) -> Item {
        Item::Bare {
            line,
            text: format!("person {line}"),
            blanks_before,
        }
    }

    fn slots(items: &[Item]) -> Vec<(Slot, bool)> {
        place(items, 2)
            .into_iter()
            .map(|p| (p.slot, p.inferred))
            .collect()
    }

    fn speaker() -> Item {
        Item::Numbered {
            slot: Slot::Speaker,
            line: 1,
            text: "s".into(),
        }
    }

    #[test]
    fn lost_moderator_and_rapporteur_headings_with_blank_lines() {
        use Slot::*;
        let items = [
            speaker(),
            Item::Heading(AdditionalSpeaker),
            bare(10, 1),
            bare(13, 2),
            Item::Heading(OnlineModerator),
            bare(17, 1),
            bare(20, 2),
        ];
        assert_eq!(
            slots(&items),
            [
                (Speaker, false),
                (AdditionalSpeaker, false),
                (OnsiteModerator, true),
                (OnlineModerator, false),
                (Rapporteur, true)
            ]
        );
    }

    #[test]
    fn the_same_page_without_blank_lines() {
        use Slot::*;
        let items = [
            speaker(),
            Item::Heading(AdditionalSpeaker),
            bare(10, 0),
            bare(11, 0),
            Item::Heading(OnlineModerator),
            bare(13, 0),
            bare(14, 0),
        ];
        let got: Vec<Slot> = slots(&items).into_iter().map(|(s, _)| s).collect();
        assert_eq!(
            got,
            [
                Speaker,
                AdditionalSpeaker,
                OnsiteModerator,
                OnlineModerator,
                Rapporteur
            ]
        );
    }

    #[test]
    fn without_any_heading_the_last_places_are_filled_first() {
        use Slot::*;
        let four = [speaker(), bare(2, 0), bare(3, 0), bare(4, 0), bare(5, 0)];
        let got: Vec<Slot> = slots(&four).into_iter().map(|(s, _)| s).collect();
        assert_eq!(
            got,
            [
                Speaker,
                AdditionalSpeaker,
                OnsiteModerator,
                OnlineModerator,
                Rapporteur
            ]
        );
        let three = [speaker(), bare(2, 0), bare(3, 0), bare(4, 0)];
        let got: Vec<Slot> = slots(&three).into_iter().map(|(s, _)| s).collect();
        assert_eq!(got, [Speaker, OnsiteModerator, OnlineModerator, Rapporteur]);
        let many = [
            speaker(),
            bare(2, 0),
            bare(3, 0),
            bare(4, 0),
            bare(5, 0),
            bare(6, 0),
        ];
        let got: Vec<Slot> = slots(&many).into_iter().map(|(s, _)| s).collect();
        assert_eq!(
            got,
            [
                Speaker,
                AdditionalSpeaker,
                AdditionalSpeaker,
                OnsiteModerator,
                OnlineModerator,
                Rapporteur
            ]
        );
    }

    #[test]
    fn headed_pages_need_no_inference() {
        use Slot::*;
        let items = [
            Item::Heading(OnsiteModerator),
            bare(2, 0),
            Item::Heading(OnlineModerator),
            bare(4, 0),
            bare(5, 0),
            Item::Heading(Rapporteur),
            bare(7, 0),
        ];
        assert_eq!(
            slots(&items),
            [
                (OnsiteModerator, false),
                (OnlineModerator, false),
                (OnlineModerator, false),
                (Rapporteur, false)
            ]
        );
    }
}
