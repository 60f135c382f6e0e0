//! The one editor configuration, used by the note editor, report fields, the search line, the
//! picker's filter and the person form: how a text area is made, how pasted text goes in, and the
//! readline-style edits the keymap names (Ctrl+w, Ctrl+u, Ctrl+k, Ctrl+z).

use ratatui_textarea::{CursorMove, TextArea, WrapMode};

use crate::tui::action::TextEdit;

pub fn new_textarea(text: &str) -> TextArea<'static> {
    let mut area = TextArea::new(text.split('\n').map(String::from).collect());
    area.set_wrap_mode(WrapMode::WordOrGlyph);
    area.set_cursor_line_style(ratatui::style::Style::default());
    area.move_cursor(CursorMove::Bottom);
    area.move_cursor(CursorMove::End);
    area
}

/// Applies an edit the keymap names; true if the text changed.
pub fn edit(area: &mut TextArea<'static>, edit: TextEdit) -> bool {
    match edit {
        TextEdit::DeleteWordBack => area.delete_word(),
        TextEdit::DeleteLineBack => area.delete_line_by_head(),
        TextEdit::DeleteLineForward => area.delete_line_by_end(),
        TextEdit::Undo => area.undo(),
    }
}

/// Pasted text as the user meant it: CR and CRLF (what tmux and some terminals send for a line
/// break) become line breaks, not `\r` inside a line.
pub fn pasted(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// Pasted text for a one-line input (the search line): line breaks become spaces.
pub fn pasted_on_one_line(text: &str) -> String {
    pasted(text).replace('\n', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pasted_line_breaks_of_every_kind_become_newlines() {
        assert_eq!(pasted("one\rtwo\r\nthree\nfour"), "one\ntwo\nthree\nfour");
        assert_eq!(pasted_on_one_line("a\rb\r\nc"), "a b c");
    }

    #[test]
    fn the_edits_the_keymap_names_work_on_any_text_area() {
        let mut area = new_textarea("one two three");
        assert!(edit(&mut area, TextEdit::DeleteWordBack));
        assert_eq!(area.lines(), ["one two "]);
        area.move_cursor(CursorMove::Head);
        area.move_cursor(CursorMove::WordForward);
        assert!(edit(&mut area, TextEdit::DeleteLineForward));
        assert_eq!(area.lines(), ["one "]);
        assert!(edit(&mut area, TextEdit::DeleteLineBack));
        assert_eq!(area.lines(), [""]);
        assert!(edit(&mut area, TextEdit::Undo));
        assert_eq!(area.lines(), ["one "]);
    }
}
