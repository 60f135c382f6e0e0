//! The report screen: which report of which profile, its form, the field being edited and the
//! notes behind it. State here; changes in [`update`]; drawn by [`view`].
//!
//! The form scans every note, so it is rebuilt only when notes or drafts change (compared by
//! version numbers), never on a key press; while typing, only the edited field is measured.

pub mod transcript;
pub mod update;
pub mod view;
pub mod window;

use crossterm::event::{KeyEvent, KeyModifiers};

use crate::model::NoteId;
use crate::report::{Field, Form, Format, Limits, Profile, Report, TemplateDirs, word_count};
use crate::transcript::Passage;

use super::action::TextEdit;
use super::widgets::textarea;
use window::FieldText;

/// Where the keys go on the report screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Pane {
    #[default]
    Fields,
    Field,
    Notes,
}

pub struct Drafting {
    pub profile: Profile,
    pub dirs: TemplateDirs,
    pub report: Report,
    /// The format of the preview, the export and a copied report.
    pub format: Format,
    /// None until the report screen is first opened.
    pub form: Option<Form>,
    /// The (notes, drafts) versions the form was built at.
    pub built_at: (u64, u64),
    /// Position of the selected field in `form.fields()`.
    pub selected: usize,
    pub pane: Pane,
    /// The selected field, loaded into an editor.
    pub field: Option<FieldEditor>,
    pub show_notes: bool,
    /// Position of the selected note in the field's notes.
    pub note_selected: usize,
    /// The label of a field whose save went to the store: the status line says it is saved only
    /// once the store says so.
    pub saving: Option<String>,
    /// The transcript kept with the session, read when the screen opened.
    pub transcript: Option<transcript::Said>,
}

/// One field of the form being edited, measured as it is typed.
pub struct FieldEditor {
    pub key: String,
    pub label: String,
    pub hint: Option<String>,
    pub text: FieldText,
    /// The text as last saved (or as seeded): only a changed text is saved.
    pub saved_text: String,
    pub drafted: bool,
    pub limits: Limits,
    pub notes: Vec<NoteId>,
    /// What the transcript has said around each note's time, parallel to `notes`; empty when
    /// no transcript is kept. Found once when the field is loaded, not while drawing.
    pub passages: Vec<Option<Passage>>,
    pub words: usize,
    pub paragraphs: usize,
    /// Words and blankness of each line in the window: a key press recounts its own line, not
    /// the field (a question's seed can hold thousands of notes).
    line_words: Vec<usize>,
    line_blank: Vec<bool>,
}

impl FieldEditor {
    pub fn new(field: &Field, hint: Option<String>) -> FieldEditor {
        // A field is read from its start: the seed can be long.
        let text = FieldText::new(&field.text);
        let mut editor = FieldEditor {
            key: field.key.clone(),
            label: field.label.clone(),
            hint,
            text,
            saved_text: field.text.clone(),
            drafted: field.drafted,
            limits: field.limits,
            notes: field.notes.clone(),
            passages: Vec::new(),
            words: 0,
            paragraphs: 0,
            line_words: Vec::new(),
            line_blank: Vec::new(),
        };
        editor.measure();
        editor
    }

    pub fn content(&self) -> String {
        self.text.content()
    }

    pub fn changed(&self) -> bool {
        self.content() != self.saved_text
    }

    /// Counts the words and paragraphs of the whole field: the window's lines one by one, the
    /// lines outside it as they were counted when the window moved.
    pub fn measure(&mut self) {
        let lines = self.text.area.lines();
        self.line_words = lines.iter().map(|l| word_count(l)).collect();
        self.line_blank = lines.iter().map(|l| l.trim().is_empty()).collect();
        self.words = self.text.words_outside() + self.line_words.iter().sum::<usize>();
        self.paragraphs = self
            .text
            .paragraphs(paragraphs(&self.line_blank), &self.line_blank);
    }

    /// Counts again after an edit of the cursor's line alone (a character typed or erased within
    /// it); anything that changed the number of lines is counted whole.
    pub fn measure_line(&mut self) {
        let lines = self.text.area.lines();
        let row = self.text.area.cursor().0;
        if lines.len() != self.line_words.len() || row >= lines.len() {
            return self.measure();
        }
        let words = word_count(&lines[row]);
        self.words = self.words - self.line_words[row] + words;
        self.line_words[row] = words;
        let blank = lines[row].trim().is_empty();
        if blank != self.line_blank[row] {
            self.line_blank[row] = blank;
            self.paragraphs = self
                .text
                .paragraphs(paragraphs(&self.line_blank), &self.line_blank);
        }
    }

    /// A key typed into the field; true if the text changed.
    pub fn input(&mut self, key: KeyEvent) -> bool {
        let changed = self.text.area.input(key);
        let moved = self.text.settle();
        // A chord (undo, kill a word back over a line) may touch another line than the cursor's.
        let chord = key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        if moved || (changed && chord) {
            self.measure();
        } else if changed {
            self.measure_line();
        }
        changed
    }

    /// Ctrl+w, Ctrl+u, Ctrl+k, Ctrl+z; true if the text changed.
    pub fn edit(&mut self, edit: TextEdit) -> bool {
        let changed = textarea::edit(&mut self.text.area, edit);
        self.text.settle();
        self.measure();
        changed
    }

    /// Pasted text, at the cursor.
    pub fn paste(&mut self, text: &str) {
        self.text.area.insert_str(textarea::pasted(text));
        self.text.settle();
        self.measure();
    }

    /// Appends `text` at the end, as a paragraph of its own.
    pub fn append_paragraph(&mut self, text: &str) {
        let blank = self.text.is_blank();
        self.text.go_to_end();
        if !blank {
            self.text.area.insert_str("\n\n");
        }
        self.text.area.insert_str(text);
        self.text.settle();
        self.measure();
    }

    /// What is over the limit, as words a reader sees without colour: "72/60 words".
    pub fn over(&self) -> Vec<String> {
        self.limits
            .broken(self.words, self.paragraphs)
            .map(|b| format!("{}/{} {}", b.count, b.limit, b.what))
            .collect()
    }
}

/// Runs of non-blank lines.
fn paragraphs(blank: &[bool]) -> usize {
    let mut count = 0;
    let mut in_paragraph = false;
    for blank in blank {
        if !blank && !in_paragraph {
            count += 1;
        }
        in_paragraph = !blank;
    }
    count
}

impl Drafting {
    pub fn new(profile: Profile, dirs: TemplateDirs) -> Drafting {
        Drafting {
            profile,
            dirs,
            report: Report::Short,
            format: Format::Markdown,
            form: None,
            built_at: (0, 0),
            selected: 0,
            pane: Pane::Fields,
            field: None,
            show_notes: false,
            note_selected: 0,
            saving: None,
            transcript: None,
        }
    }

    /// The built-in `igf` profile, which a test parses: what the screen shows when the user's
    /// own cannot be read.
    pub fn built_in() -> Drafting {
        let dirs = TemplateDirs::built_in();
        let profile = match Profile::load("igf", &dirs) {
            Ok(profile) => profile,
            Err(error) => unreachable!("the built-in igf profile does not parse: {error}"),
        };
        Drafting::new(profile, dirs)
    }

    pub fn fields(&self) -> impl Iterator<Item = &Field> {
        self.form.iter().flat_map(|f| f.fields())
    }

    pub fn field_count(&self) -> usize {
        self.fields().count()
    }

    pub fn selected_field(&self) -> Option<&Field> {
        self.fields().nth(self.selected)
    }

    /// The profile's hint for the field with this key ("short.takeaways.2" → the takeaways' hint).
    pub fn hint_for(&self, key: &str) -> Option<String> {
        let form = self.form.as_ref()?;
        form.groups
            .iter()
            .find(|g| key == g.key || key.starts_with(&format!("{}.", g.key)))
            .and_then(|g| g.spec.hint.clone())
    }

    pub fn format_name(&self) -> &'static str {
        self.format.name()
    }

    pub fn report_name(&self) -> &'static str {
        match self.report {
            Report::Short => "short report",
            Report::Final => "final report",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A field of no limits drawn from no notes.
    fn plain_field(text: &str) -> Field {
        Field {
            key: "k".into(),
            label: "l".into(),
            subject: crate::report::Subject::Whole,
            text: text.into(),
            drafted: false,
            words: 0,
            paragraphs: 0,
            limits: Limits::default(),
            notes: Vec::new(),
            warnings: Vec::new(),
        }
    }

    #[test]
    fn a_field_is_measured_as_the_report_measures_it() {
        let text = "One two, three.\n\n— four\nfive\n\n\nsix";
        let field = Field {
            key: "short.takeaways.1".into(),
            label: "Key takeaway 1".into(),
            subject: crate::report::Subject::Item(1),
            text: text.into(),
            drafted: true,
            words: 0,
            paragraphs: 0,
            limits: Limits {
                items: None,
                words: Some(5),
                paragraphs: Some(2),
            },
            notes: Vec::new(),
            warnings: Vec::new(),
        };
        let editor = FieldEditor::new(&field, None);
        assert_eq!(editor.words, word_count(text));
        assert_eq!(editor.paragraphs, crate::report::paragraphs(text).len());
        assert_eq!(editor.over(), ["6/5 words", "3/2 paragraphs"]);
    }

    #[test]
    fn counting_the_edited_line_agrees_with_counting_the_field() {
        use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
        let field = plain_field("one two\n\nthree");
        let mut editor = FieldEditor::new(&field, None);
        let press = |editor: &mut FieldEditor, code| {
            editor.input(KeyEvent::new(code, KeyModifiers::NONE));
            let (words, paragraphs) = (editor.words, editor.paragraphs);
            editor.measure();
            assert_eq!((words, paragraphs), (editor.words, editor.paragraphs));
        };
        // Into the blank line: a word there joins the paragraphs into one.
        press(&mut editor, KeyCode::Down);
        press(&mut editor, KeyCode::Char('x'));
        assert_eq!((editor.words, editor.paragraphs), (4, 1));
        press(&mut editor, KeyCode::Char(' '));
        press(&mut editor, KeyCode::Char('y'));
        press(&mut editor, KeyCode::Backspace);
        press(&mut editor, KeyCode::Backspace);
        press(&mut editor, KeyCode::Backspace);
        assert_eq!((editor.words, editor.paragraphs), (3, 2));
        press(&mut editor, KeyCode::Enter);
        press(&mut editor, KeyCode::Backspace);
        press(&mut editor, KeyCode::Backspace);
        assert_eq!(editor.content(), "one two\nthree");
        assert_eq!((editor.words, editor.paragraphs), (3, 1));
    }

    #[test]
    fn a_field_longer_than_its_window_is_counted_whole() {
        use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
        let lines: Vec<String> = (0..3 * window::WINDOW)
            .map(|i| match i % 3 {
                2 => String::new(),
                _ => format!("word{i} and more"),
            })
            .collect();
        let text = lines.join("\n");
        let field = plain_field(&text);
        let mut editor = FieldEditor::new(&field, None);
        assert!(editor.text.area.lines().len() < lines.len(), "not windowed");
        // The same keys in one text area holding the whole field.
        let mut plain = textarea::new_textarea(&text);
        plain.move_cursor(ratatui_textarea::CursorMove::Top);
        let mut press = |editor: &mut FieldEditor, code| {
            let key = KeyEvent::new(code, KeyModifiers::NONE);
            editor.input(key);
            plain.input(key);
            let content = editor.content();
            assert_eq!(content, plain.lines().join("\n"));
            assert_eq!(editor.words, word_count(&content));
            assert_eq!(editor.paragraphs, crate::report::paragraphs(&content).len());
        };
        for _ in 0..2 * window::WINDOW + 1 {
            press(&mut editor, KeyCode::Down);
        }
        for code in [
            KeyCode::End,
            KeyCode::Char('x'),
            KeyCode::Enter,
            KeyCode::Enter,
        ] {
            press(&mut editor, code);
        }
        for _ in 0..window::WINDOW {
            press(&mut editor, KeyCode::Up);
        }
        press(&mut editor, KeyCode::Backspace);
        let before = editor.content();
        editor.append_paragraph("the end");
        let content = editor.content();
        assert_eq!(content, format!("{before}\n\nthe end"));
        assert_eq!(editor.words, word_count(&content));
    }
}
