//! Copying a report out of a terminal, even over ssh: OSC 52 asks the terminal emulator itself
//! (on the user's own machine) to put text on the system clipboard.
//!
//! - Most terminals accept it: xterm (with `allowWindowOps`), kitty, WezTerm, Alacritty, foot,
//!   iTerm2 (once allowed in its settings), Windows Terminal. Some cap its size (xterm's default
//!   is about 100 kB of base64), so copy one field or one report at a time.
//! - Inside tmux, the plain sequence works when tmux has `set -g set-clipboard on`: tmux then takes
//!   the text into its paste buffer and passes it on to the outer terminal. With tmux's default
//!   (`external`) it is dropped; [`osc52_tmux`] wraps it in tmux's passthrough instead, which needs
//!   `set -g allow-passthrough on` (tmux 3.3 and later). [`osc52_for_terminal`] picks the form by
//!   whether `$TMUX` is set.
//! - GNU screen is not handled.

/// The escape sequence that sets the system clipboard ("c") to `text`.
pub fn osc52(text: &str) -> String {
    format!("\x1b]52;c;{}\x07", base64(text.as_bytes()))
}

/// The same sequence wrapped in tmux's passthrough (DCS tmux; ... ST, every ESC doubled), so it
/// reaches the outer terminal whatever `set-clipboard` says.
pub fn osc52_tmux(text: &str) -> String {
    format!(
        "\x1bPtmux;{}\x1b\\",
        osc52(text).replace('\x1b', "\x1b\x1b")
    )
}

/// [`osc52_tmux`] inside tmux (when `$TMUX` is set), else [`osc52`].
pub fn osc52_for_terminal(text: &str) -> String {
    if std::env::var_os("TMUX").is_some_and(|v| !v.is_empty()) {
        osc52_tmux(text)
    } else {
        osc52(text)
    }
}

/// Standard base64 with padding (RFC 4648), which is what OSC 52 carries.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (i, shift) in [18, 12, 6, 0].into_iter().enumerate() {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> shift & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc_4648_vectors() {
        for (plain, encoded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(plain.as_bytes()), encoded, "{plain}");
        }
    }

    #[test]
    fn osc52_carries_utf8_text_to_the_clipboard() {
        assert_eq!(osc52("Alcântara"), "\x1b]52;c;QWxjw6JudGFyYQ==\x07");
    }

    #[test]
    fn tmux_passthrough_doubles_every_escape() {
        assert_eq!(osc52_tmux("hi"), "\x1bPtmux;\x1b\x1b]52;c;aGk=\x07\x1b\\");
    }
}
