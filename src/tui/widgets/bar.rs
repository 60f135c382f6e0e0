//! A share drawn as a bar of block characters with its percentage beside it: the figure is
//! written out, so the bar reads the same without colour.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::text::pad;

/// The partial blocks, by eighths of a cell.
const EIGHTHS: [char; 8] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/// The columns the percentage takes after a bar: " 100%".
pub const PERCENT_COLUMNS: usize = 5;

/// `percent` of `columns` cells, in eighths of a cell, padded to `columns`. A share above zero
/// always shows at least a sliver, so that a little is not read as nothing.
pub fn bar(percent: i64, columns: usize) -> String {
    let percent = percent.clamp(0, 100) as usize;
    let mut eighths = (percent * columns * 8 + 50) / 100;
    if percent > 0 && eighths == 0 && columns > 0 {
        eighths = 1;
    }
    let mut text: String = std::iter::repeat_n('█', eighths / 8).collect();
    if !eighths.is_multiple_of(8) {
        text.push(EIGHTHS[eighths % 8]);
    }
    pad(&text, columns)
}

/// "Civil soc. ████▌      52%": the label cut or padded to `label_columns`, the bar in what is
/// left of `columns`, the percentage last. Never wider than `columns`.
pub fn share_line(
    label: &str,
    label_columns: usize,
    percent: i64,
    columns: usize,
    bar_style: Style,
) -> Line<'static> {
    let figure = format!("{:>4}%", percent.clamp(0, 100));
    if columns < PERCENT_COLUMNS + 2 {
        // Too narrow for a bar: the figure, which is what matters.
        return Line::from(pad(figure.trim_start(), columns));
    }
    let label_columns = label_columns.min(columns - PERCENT_COLUMNS - 2);
    let bar_columns = columns - PERCENT_COLUMNS - label_columns - 1;
    Line::from(vec![
        Span::raw(format!("{} ", pad(label, label_columns))),
        Span::styled(bar(percent, bar_columns), bar_style),
        Span::raw(figure),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::widgets::text::width;

    #[test]
    fn a_bar_fills_its_share_in_eighths() {
        assert_eq!(bar(100, 4), "████");
        assert_eq!(bar(50, 4), "██  ");
        assert_eq!(bar(0, 4), "    ");
        // 3% of 4 cells is about an eighth of one: still seen.
        assert_eq!(bar(3, 4), "▏   ");
        assert_eq!(bar(1, 1), "▏");
        assert_eq!(bar(250, 2), "██");
        assert_eq!(bar(-5, 2), "  ");
    }

    #[test]
    fn a_share_line_is_exactly_as_wide_as_asked_and_always_says_its_figure() {
        for columns in 0..40 {
            let line = share_line("Intergovernmental", 12, 52, columns, Style::new());
            let text = line.to_string();
            assert_eq!(width(&text), columns, "{text:?} at {columns}");
            if columns >= 3 {
                assert!(text.contains("52"), "{text:?} at {columns}");
            }
        }
        let line = share_line("Civil soc.", 10, 52, 24, Style::new()).to_string();
        assert_eq!(line, "Civil soc. ████▏     52%");
    }
}
