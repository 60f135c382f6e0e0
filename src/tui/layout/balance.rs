//! Where the balance panel's parts go: the sections of bars, the policy questions and who has
//! not spoken yet, flowed into as few columns as hold them whole. When even the most columns do
//! not, detail goes first (the blank rows between parts, then the bars of groups with no floor
//! time, then whole sections, the regional groups first), never the questions nor the panel.
//! Reads only the cached figures, so it costs the same at any number of notes.

use ratatui::layout::{Position, Rect};

use crate::stats::Balance;

/// The narrowest column: a short label, a bar and its figure.
pub const MIN_COLUMN: u16 = 24;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece {
    /// One of `Balance::sections`, by position.
    Section(usize),
    Questions,
    NotYetHeard,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placed {
    pub piece: Piece,
    /// Its heading on the first row; shorter than the piece when there was no room for all of it.
    pub area: Rect,
    /// Rows of it left out: the last row drawn says how many more.
    pub cut: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BalancePlan {
    pub placed: Vec<Placed>,
    /// The sections (by position) whose bars of groups with no floor time are left out.
    pub zero_bars_hidden: Vec<usize>,
    /// How many parts had no room at all.
    pub left_out: usize,
}

/// The sections given up first when the panel is short: regional, stakeholder, gender, parts.
const DROP_ORDER: [usize; 4] = [1, 0, 2, 3];

/// The rows a piece needs: its heading, then a row each (a row saying there is nothing, if so).
pub fn piece_rows(balance: &Balance, piece: Piece, zero_bars_hidden: &[usize]) -> usize {
    match piece {
        Piece::Section(i) => {
            let bars = balance.sections.get(i).map_or(&[][..], |s| &s.bars[..]);
            let hidden = zero_bars_hidden.contains(&i);
            let shown = bars
                .iter()
                .filter(|b| !hidden || b.floor > chrono::TimeDelta::zero())
                .count();
            1 + shown.max(1)
        }
        Piece::Questions => 1 + balance.questions.len(),
        // "Not heard yet: nobody" is a heading alone.
        Piece::NotYetHeard => 1 + balance.not_yet_heard.len(),
    }
}

pub fn balance_plan(balance: &Balance, inner: Rect) -> BalancePlan {
    let mut all: Vec<Piece> = (0..balance.sections.len()).map(Piece::Section).collect();
    if !balance.questions.is_empty() {
        all.push(Piece::Questions);
    }
    all.push(Piece::NotYetHeard);
    if inner.is_empty() {
        return BalancePlan {
            left_out: all.len(),
            ..BalancePlan::default()
        };
    }
    let most = (inner.width / MIN_COLUMN).max(1);
    for dropped in 0..=DROP_ORDER.len() {
        let pieces: Vec<Piece> = all
            .iter()
            .copied()
            .filter(|p| !matches!(p, Piece::Section(i) if DROP_ORDER[..dropped].contains(i)))
            .collect();
        // No blank rows between the parts, then no bars at nothing, section by section.
        let hiding = (0..=DROP_ORDER.len()).map(|n| &DROP_ORDER[..n]);
        let tries = std::iter::once((true, &[][..])).chain(hiding.map(|hide| (false, hide)));
        for (gaps, zero_bars_hidden) in tries {
            let flow = Flow {
                balance,
                inner,
                gaps,
                zero_bars_hidden,
            };
            for columns in 1..=most {
                if let Some(placed) = flow.place(&pieces, columns, false) {
                    return BalancePlan {
                        placed,
                        zero_bars_hidden: zero_bars_hidden.to_vec(),
                        left_out: all.len() - pieces.len(),
                    };
                }
            }
        }
    }
    // Not even the questions and who has not spoken fit whole: they are cut.
    let pieces: Vec<Piece> = all
        .into_iter()
        .filter(|p| !matches!(p, Piece::Section(_)))
        .collect();
    let flow = Flow {
        balance,
        inner,
        gaps: false,
        zero_bars_hidden: &[],
    };
    let placed = flow.place(&pieces, most, true).unwrap_or_default();
    BalancePlan {
        left_out: balance.sections.len() + pieces.len() - placed.len(),
        placed,
        zero_bars_hidden: Vec::new(),
    }
}

struct Flow<'a> {
    balance: &'a Balance,
    inner: Rect,
    gaps: bool,
    zero_bars_hidden: &'a [usize],
}

impl Flow<'_> {
    /// The pieces down one column and on to the next, in order. None if one has no room whole,
    /// unless `cut`: then it takes what rows are left and the pieces after it are left out.
    fn place(&self, pieces: &[Piece], columns: u16, cut: bool) -> Option<Vec<Placed>> {
        let inner = self.inner;
        let width = inner.width.saturating_sub(columns - 1) / columns;
        let height = usize::from(inner.height);
        let mut placed = Vec::new();
        let (mut column, mut row) = (0u16, 0usize);
        for &piece in pieces {
            let rows = piece_rows(self.balance, piece, self.zero_bars_hidden);
            let mut gap = usize::from(self.gaps && row > 0);
            if row + gap + rows > height && row > 0 && column + 1 < columns {
                column += 1;
                row = 0;
                gap = 0;
            }
            let room = height.saturating_sub(row + gap);
            let shown = rows.min(room);
            if shown < rows && !cut {
                return None;
            }
            if shown == 0 {
                break;
            }
            placed.push(Placed {
                piece,
                area: Rect {
                    x: inner.x + column * (width + 1),
                    y: inner.y + (row + gap) as u16,
                    width,
                    height: shown as u16,
                },
                cut: shown < rows,
            });
            row += gap + shown;
            if shown < rows {
                break;
            }
        }
        Some(placed)
    }
}

/// The policy question on the panel's row under the pointer.
pub fn question_in_panel(balance: &Balance, plan: &BalancePlan, at: Position) -> Option<u8> {
    let placed = plan
        .placed
        .iter()
        .find(|p| p.piece == Piece::Questions && p.area.contains(at))?;
    let row = usize::from(at.y - placed.area.y);
    // The heading, and a cut list's last row ("+N more"), are no question.
    let last = usize::from(placed.area.height) - usize::from(placed.cut);
    if row == 0 || row >= last {
        return None;
    }
    balance.questions.get(row - 1).map(|q| q.number)
}
