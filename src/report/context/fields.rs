//! The fields of a report as the templates see them: each entry's text, paragraphs, word count
//! and limits.

use serde::Serialize;

use crate::model::NoteId;
use crate::report::form::{Field, FieldGroup, paragraphs};
use crate::report::profile::{Each, FieldSpec, Limits};

#[derive(Debug, Clone, Serialize)]
pub struct FieldView {
    /// The profile's key: "takeaways".
    pub key: String,
    pub label: String,
    pub hint: Option<String>,
    /// "once", "item", "question" or "speaker".
    pub each: &'static str,
    pub inline: bool,
    pub limits: Limits,
    /// For numbered items, only those with text.
    pub entries: Vec<EntryView>,
    pub over_limit: bool,
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EntryView {
    /// The report field key: "short.takeaways.1".
    pub key: String,
    pub label: String,
    pub text: String,
    pub paragraphs: Vec<String>,
    pub words: usize,
    pub drafted: bool,
    pub over_limit: bool,
    pub notes: Vec<NoteId>,
}

fn each_word(each: Each) -> &'static str {
    match each {
        Each::Once => "once",
        Each::Item => "item",
        Each::Question => "question",
        Each::Speaker => "speaker",
    }
}

pub(super) fn field_view(group: &FieldGroup) -> FieldView {
    let numbered = group.spec.each == Each::Item;
    let entries: Vec<EntryView> = group
        .entries
        .iter()
        .filter(|f| !numbered || !f.text.trim().is_empty())
        .map(entry_view)
        .collect();
    let warnings: Vec<String> = group
        .warnings
        .iter()
        .chain(group.entries.iter().flat_map(|f| f.warnings.iter()))
        .map(|w| w.to_string())
        .collect();
    FieldView {
        key: group.spec.key.clone(),
        label: group.spec.label.clone(),
        hint: group.spec.hint.clone(),
        each: each_word(group.spec.each),
        inline: group.spec.inline,
        limits: group.spec.limits,
        entries,
        over_limit: !warnings.is_empty(),
        warnings,
    }
}

pub(super) fn empty_field(spec: &FieldSpec) -> FieldView {
    FieldView {
        key: spec.key.clone(),
        label: spec.label.clone(),
        hint: spec.hint.clone(),
        each: each_word(spec.each),
        inline: spec.inline,
        limits: spec.limits,
        entries: Vec::new(),
        over_limit: false,
        warnings: Vec::new(),
    }
}

fn entry_view(field: &Field) -> EntryView {
    EntryView {
        key: field.key.clone(),
        label: field.label.clone(),
        text: field.text.trim().to_string(),
        paragraphs: paragraphs(&field.text),
        words: field.words,
        drafted: field.drafted,
        over_limit: field.over_limit(),
        notes: field.notes.clone(),
    }
}
