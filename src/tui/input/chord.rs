//! One key with its modifiers, as the keymap's file and the help write it ("Alt+1", "Ctrl+q",
//! "Shift+Tab", "PgUp", "?"), and as the terminal reports it.

use std::fmt;
use std::str::FromStr;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Chord {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl Chord {
    /// Whether a key event is this chord. A character carries its own shift ('A', '?'), so Shift
    /// is not compared for characters: terminals disagree on reporting it.
    pub(crate) fn matches(&self, key: &KeyEvent) -> bool {
        if key.kind == KeyEventKind::Release {
            return false;
        }
        match (self.code, key.code) {
            (KeyCode::Char(a), KeyCode::Char(b)) => {
                a == b && self.mods - KeyModifiers::SHIFT == key.modifiers - KeyModifiers::SHIFT
            }
            // Shift+Tab arrives as BackTab, with or without Shift.
            (KeyCode::BackTab, KeyCode::BackTab) => true,
            (a, b) => a == b && self.mods == key.modifiers,
        }
    }

    pub(crate) fn label(&self) -> String {
        let mut text = String::new();
        for (flag, name) in [
            (KeyModifiers::CONTROL, "Ctrl+"),
            (KeyModifiers::ALT, "Alt+"),
            (KeyModifiers::SHIFT, "Shift+"),
        ] {
            if self.mods.contains(flag) {
                text.push_str(name);
            }
        }
        let key = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::F(n) => format!("F{n}"),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            // Shift is among the modifiers of the chord already.
            KeyCode::BackTab => "Tab".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::Delete => "Del".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::Backspace => "Backspace".into(),
            KeyCode::Insert => "Ins".into(),
            other => format!("{other:?}"),
        };
        text.push_str(&key);
        text
    }
}

/// What a key in the keymap's file cannot be.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("\"{text}\" is not a key: {why}")]
pub struct BadChord {
    pub text: String,
    why: &'static str,
}

impl FromStr for Chord {
    type Err = BadChord;

    fn from_str(text: &str) -> Result<Chord, BadChord> {
        let bad = |why| BadChord {
            text: text.to_string(),
            why,
        };
        let mut mods = KeyModifiers::NONE;
        let mut rest = text;
        // "Alt++" is Alt and the plus key: a modifier is taken only when a key follows it.
        while let Some((prefix, after)) = rest.split_once('+') {
            if after.is_empty() {
                break;
            }
            mods |= match prefix.to_ascii_lowercase().as_str() {
                "ctrl" | "control" => KeyModifiers::CONTROL,
                "alt" | "meta" | "option" => KeyModifiers::ALT,
                "shift" => KeyModifiers::SHIFT,
                _ => return Err(bad("the modifiers are Ctrl, Alt and Shift")),
            };
            rest = after;
        }
        let code = match rest.to_ascii_lowercase().as_str() {
            "enter" | "return" => KeyCode::Enter,
            "esc" | "escape" => KeyCode::Esc,
            "tab" if mods.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
            "tab" => KeyCode::Tab,
            "space" => KeyCode::Char(' '),
            "up" | "↑" => KeyCode::Up,
            "down" | "↓" => KeyCode::Down,
            "left" | "←" => KeyCode::Left,
            "right" | "→" => KeyCode::Right,
            "pgup" | "pageup" => KeyCode::PageUp,
            "pgdn" | "pagedown" => KeyCode::PageDown,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "del" | "delete" => KeyCode::Delete,
            "ins" | "insert" => KeyCode::Insert,
            "backspace" => KeyCode::Backspace,
            lower => match (lower.strip_prefix('f'), rest.chars().count()) {
                (Some(n), _) if !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()) => {
                    match n.parse::<u8>() {
                        Ok(n @ 1..=24) => KeyCode::F(n),
                        _ => return Err(bad("function keys go from F1 to F24")),
                    }
                }
                (_, 1) => KeyCode::Char(rest.chars().next().unwrap_or(' ')),
                (_, 0) => return Err(bad("no key after the modifiers")),
                _ => {
                    return Err(bad(
                        "a key is one character or a name such as Enter, Esc, Tab, Up, PgUp, F1",
                    ));
                }
            },
        };
        if let KeyCode::Char(c) = code
            && c.is_control()
        {
            return Err(bad("a control character is written as Ctrl+ and a letter"));
        }
        Ok(Chord { code, mods })
    }
}

impl fmt::Display for Chord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label())
    }
}

impl Serialize for Chord {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.label())
    }
}

impl<'de> Deserialize<'de> for Chord {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Chord, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chord_reads_back_as_its_label() {
        for text in [
            "F1",
            "F12",
            "Alt+1",
            "Alt+N",
            "Ctrl+q",
            "Shift+Tab",
            "Alt+Enter",
            "↑",
            "PgDn",
            "Home",
            "Del",
            "Space",
            "?",
            "/",
            "Ctrl+Alt+x",
            "Alt++",
            "←",
        ] {
            let chord: Chord = text.parse().unwrap();
            assert_eq!(chord.label(), text);
        }
        assert_eq!("ctrl+Q".parse::<Chord>().unwrap().label(), "Ctrl+Q");
        assert_eq!("up".parse::<Chord>().unwrap().label(), "↑");
    }

    #[test]
    fn what_is_not_a_key_says_why() {
        for text in ["", "Hyper+x", "F99", "Enterr", "Ctrl+", "Alt+\u{1b}"] {
            let error = text.parse::<Chord>().unwrap_err();
            assert!(error.to_string().contains("is not a key"), "{error}");
        }
    }
}
