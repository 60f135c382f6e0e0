//! Drawing a report context with minijinja: the profile's template for the format, or the
//! user's own file, with includes resolved in the user's directories before the built-in ones.

use std::path::Path;

use minijinja::syntax::SyntaxConfig;
use minijinja::value::{Kwargs, Serde};
use minijinja::{Environment, Error, ErrorKind, Output, State, Value};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::ReportError;
use super::templates::TemplateDirs;

/// A template given by path rather than by name.
pub struct TemplateFile<'a> {
    pub path: &'a Path,
}

/// What to draw a context with: the template `name` looked up in `dirs`, or the file `file`, and
/// the width text is wrapped at (None: not at all).
pub struct Page<'a> {
    pub name: &'a str,
    pub file: Option<TemplateFile<'a>>,
    pub dirs: &'a TemplateDirs,
    pub wrap: Option<usize>,
}

/// Renders `context` as `page` says.
pub fn render(context: &impl serde::Serialize, page: Page<'_>) -> Result<String, ReportError> {
    let Page {
        name,
        file,
        dirs,
        wrap,
    } = page;
    let mut env = environment(dirs)?;
    env.add_global("wrap_width", Value::from(wrap));
    let (name, origin_of_main) = match &file {
        Some(file) => {
            let text = super::read_user_text(file.path).map_err(|cause| ReportError::Read {
                path: file.path.to_path_buf(),
                cause,
            })?;
            // Named by its file name so that ".html.j2" still turns on HTML escaping.
            let name = file.path.file_name().map_or_else(
                || "template".to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            let origin = file.path.display().to_string();
            env.add_template_owned(name.clone(), text)
                .map_err(|e| template_error(&e, dirs, Some((&name, &origin))))?;
            (name, Some(origin))
        }
        None => (name.to_string(), None),
    };
    let main = origin_of_main
        .as_deref()
        .map(|origin| (name.as_str(), origin));
    let template = env
        .get_template(&name)
        .map_err(|e| template_error(&e, dirs, main))?;
    template
        .render(Serde(context))
        .map_err(|e| template_error(&e, dirs, main))
}

fn environment(dirs: &TemplateDirs) -> Result<Environment<'static>, ReportError> {
    let mut env = Environment::new();
    let syntax = SyntaxConfig::builder()
        .trim_blocks(true)
        .lstrip_blocks(true)
        .keep_trailing_newline(true)
        .build()
        .map_err(|e| ReportError::Template {
            file: "(syntax)".to_string(),
            line: None,
            message: e.to_string(),
        })?;
    env.set_syntax(syntax);
    env.set_formatter(markdown_or_default_formatter);
    let loader_dirs = dirs.clone();
    env.set_loader(move |name| {
        loader_dirs
            .source(name)
            .map(|found| found.map(|s| s.text))
            .map_err(|e| Error::new(ErrorKind::InvalidOperation, e.to_string()))
    });
    env.add_filter("wrap", wrap_filter);
    env.add_filter("underline", underline);
    env.add_filter("bar", bar);
    env.add_filter("pad", pad);
    Ok(env)
}

/// Whether a template writes Markdown, by its name ("report.md.j2", a user's "mine.md.j2").
fn is_markdown(name: &str) -> bool {
    let bare = name.strip_suffix(".j2").unwrap_or(name);
    bare.ends_with(".md") || bare.ends_with(".markdown")
}

/// User text printed by a Markdown template can carry no markup: a report pasted into a web form
/// that renders Markdown must not run `<script>` or link to `javascript:`. The escape is
/// idempotent, so a macro's output, printed again, is not escaped twice. HTML templates are
/// escaped by minijinja as usual.
fn markdown_or_default_formatter(
    out: &mut Output,
    state: &mut State,
    value: &Value,
) -> Result<(), Error> {
    match value.as_str() {
        Some(text) if is_markdown(state.name()) && !value.is_safe() => out
            .write_str(&crate::text::markdown_inert(text))
            .map_err(|e| Error::new(ErrorKind::WriteFailure, e.to_string())),
        _ => minijinja::escape_formatter(out, state, value),
    }
}

/// Names the file an error is in: the user's file, a file of the user's directories, or the
/// built-in template.
fn template_error(error: &Error, dirs: &TemplateDirs, main: Option<(&str, &str)>) -> ReportError {
    let name = error.name().unwrap_or("template");
    let file = match main {
        Some((main_name, origin)) if main_name == name => origin.to_string(),
        _ => match dirs.source(name) {
            Ok(Some(source)) => source.origin,
            _ => name.to_string(),
        },
    };
    let mut message = error.kind().to_string();
    if let Some(detail) = error.detail() {
        message = format!("{message}: {detail}");
    }
    ReportError::Template {
        file,
        line: error.line(),
        message,
    }
}

/// `{{ text | wrap(72, "   ") }}`: fills the text to `width` columns (display columns: a CJK
/// character takes two); lines after the first are indented by `indent` (the first is where the
/// template put it). Paragraphs stay apart.
///
/// Without a width (`wrap`, `wrap(indent="   ")`) it is the page's: `export --wrap N`, the
/// first line counted as starting after a label as wide as the indent; without `--wrap`, each
/// paragraph is one line, as a web form wants pasted text.
fn wrap_filter(
    state: &State,
    text: &str,
    width: Option<usize>,
    indent: Option<&str>,
    kwargs: Kwargs,
) -> Result<String, Error> {
    let width = kwargs.get::<Option<usize>>("width")?.or(width);
    let indent = kwargs
        .get::<Option<&str>>("indent")?
        .or(indent)
        .unwrap_or("");
    kwargs.assert_all_used()?;
    Ok(match width {
        Some(width) => wrap(text, width, indent, 0),
        None => page_wrap(state, text, indent),
    })
}

/// The fewest columns a label's hanging indent may leave for its text before the text starts
/// on a line of its own: a word or two a line reads as a column of fragments.
const LEAST_ROOM: usize = 24;

/// `text` at the page's width (`export --wrap N`), its first line counted as starting after a
/// label as wide as `indent`; without `--wrap`, each paragraph on one line.
fn page_wrap(state: &State, text: &str, indent: &str) -> String {
    let page = state
        .lookup("wrap_width")
        .and_then(|w| usize::try_from(w).ok());
    match page {
        // A hanging indent that leaves too little room (`--wrap 20` after a 22-column label)
        // starts the text on a line of its own instead.
        Some(page) if page.max(20).saturating_sub(indent.width()) < LEAST_ROOM => {
            let narrow = "    ";
            format!("\n{narrow}{}", wrap(text, page, narrow, narrow.width()))
        }
        Some(page) => wrap(text, page, indent, indent.width()),
        None => {
            let mut separator = String::from("\n\n");
            separator.push_str(indent);
            super::form::paragraphs(text).join(&separator)
        }
    }
}

/// Fills `text` to `width` columns, its first line starting `lead` columns in.
fn wrap(text: &str, width: usize, indent: &str, lead: usize) -> String {
    let width = width.max(20);
    let indent_len = indent.width();
    let mut out = String::with_capacity(text.len() + 16);
    let mut line_len = lead;
    for (index, paragraph) in super::form::paragraphs(text).iter().enumerate() {
        let mut line_has_word = false;
        if index > 0 {
            out.push_str("\n\n");
            out.push_str(indent);
            line_len = indent_len;
        }
        for word in paragraph
            .split_whitespace()
            .flat_map(|w| pieces(w, width.saturating_sub(indent_len).max(1)))
        {
            let len = word.width();
            if line_has_word {
                if line_len + 1 + len > width {
                    out.push('\n');
                    out.push_str(indent);
                    line_len = indent_len;
                } else {
                    out.push(' ');
                    line_len += 1;
                }
            }
            out.push_str(word);
            line_len += len;
            line_has_word = true;
        }
    }
    out
}

/// `{{ title | underline("=") }}`: the title (wrapped as `wrap` wraps at the page's width) over
/// a line of `rule` as wide as its widest line, in display columns.
fn underline(state: &State, title: &str, rule: &str) -> Result<String, Error> {
    let lines = page_wrap(state, title, "");
    let widest = lines.lines().map(UnicodeWidthStr::width).max().unwrap_or(0);
    let rule_width = rule.width().max(1);
    Ok(format!(
        "{lines}\n{}",
        rule.repeat(widest.div_ceil(rule_width))
    ))
}

/// A word as wide as a line or wider, in a script written without spaces (Chinese, Japanese),
/// is cut into pieces that fit; any other word (a long address, say) is left whole.
fn pieces(word: &str, width: usize) -> Vec<&str> {
    let wide = word.chars().any(|c| c.width().unwrap_or(0) > 1);
    if !wide || word.width() <= width {
        return vec![word];
    }
    let mut pieces = Vec::new();
    let (mut start, mut used) = (0, 0);
    for (at, c) in word.char_indices() {
        let w = c.width().unwrap_or(0);
        if used + w > width && at > start {
            pieces.push(&word[start..at]);
            (start, used) = (at, 0);
        }
        used += w;
    }
    pieces.push(&word[start..]);
    pieces
}

/// `{{ row.bar | bar(20) }}`: a bar of block characters, `percent` of `width` long.
fn bar(percent: i64, width: Option<usize>) -> String {
    let width = width.unwrap_or(20);
    let filled = (percent.clamp(0, 100) as usize * width + 50) / 100;
    "█".repeat(filled)
}

/// `{{ label | pad(24) }}` pads on the right, `pad(8, true)` on the left, to `width` columns;
/// longer text is left as it is.
fn pad(value: minijinja::Value, width: usize, right_align: Option<bool>) -> String {
    let text = value.to_string();
    let len = text.width();
    let fill = " ".repeat(width.saturating_sub(len));
    if right_align.unwrap_or(false) {
        format!("{fill}{text}")
    } else {
        format!("{text}{fill}")
    }
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn wrap_fills_lines_and_indents_the_rest() {
        let text = "one two three four five six seven eight nine ten eleven twelve";
        let wrapped = wrap(text, 20, "  ", 0);
        assert_eq!(
            wrapped,
            "one two three four\n  five six seven\n  eight nine ten\n  eleven twelve"
        );
        assert!(wrapped.lines().all(|l| l.chars().count() <= 20));
        assert_eq!(wrap("a\n\nb", 20, "", 0), "a\n\nb");
    }

    #[test]
    fn wrap_counts_display_columns_and_cuts_unspaced_scripts() {
        use unicode_width::UnicodeWidthStr;
        let text = "陈静说：社区网络需要资金和频谱，地方政府应该支持农村地区的接入。 Then English follows here.";
        let wrapped = wrap(text, 20, "", 0);
        assert!(wrapped.lines().all(|l| l.width() <= 20), "{wrapped}");
        assert_eq!(wrapped.replace(['\n', ' '], ""), text.replace(' ', ""));
        let address =
            "https://www.intgovforum.org/en/content/igf-2022-ws-422-toward-a-resilient-internet";
        assert_eq!(
            wrap(address, 20, "", 0),
            address,
            "a long address stays whole"
        );
    }
}
