//! `rapporteur completions` and `rapporteur man`, as a user installs them.

use std::process::{Command, Output};

fn rapporteur(words: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rapporteur"))
        .args(words)
        .output()
        .expect("the rapporteur binary runs")
}

fn stdout(output: &Output) -> String {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout.clone()).expect("UTF-8")
}

#[test]
fn every_shell_gets_a_script_and_bash_loads_it() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let script = stdout(&rapporteur(&["completions", shell]));
        assert!(script.contains("rapporteur"), "{shell}");
        // Report names and formats complete as their values (PowerShell's and Elvish's
        // scripts complete commands and options only).
        if matches!(shell, "bash" | "zsh" | "fish") {
            for value in ["short", "final", "docx", "coarse"] {
                assert!(script.contains(value), "{value} in the {shell} script");
            }
        }
    }
    let bash = stdout(&rapporteur(&["completions", "bash"]));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rapporteur.bash");
    std::fs::write(&path, &bash).unwrap();
    let loaded = Command::new("bash")
        .arg("-c")
        .arg(format!(
            "source '{}' && complete -p rapporteur",
            path.display()
        ))
        .output()
        .expect("bash runs");
    let registered = String::from_utf8_lossy(&loaded.stdout);
    assert!(
        loaded.status.success() && registered.contains("-F _rapporteur"),
        "{registered}{}",
        String::from_utf8_lossy(&loaded.stderr)
    );
    // Sessions complete as files (bash's default completion), not as words.
    assert!(registered.contains("-o default"), "{registered}");
    assert!(rapporteur(&["completions", "tcsh"]).status.code() == Some(2));
}

#[test]
fn the_man_page_covers_every_command() {
    let page = stdout(&rapporteur(&["man"]));
    assert!(page.contains("\n.TH rapporteur 1 "), "{page}");
    for command in [
        "new",
        "show",
        "note",
        "notes",
        "floor",
        "stats",
        "person",
        "export",
        "open",
        "transcript",
        "join",
        "merge",
        "check",
        "completions",
        "man",
    ] {
        assert!(
            page.contains(&format!("rapporteur\\-{command}(1)")),
            "{command} is listed"
        );
        let sub = stdout(&rapporteur(&["man", command]));
        assert!(
            sub.contains(&format!("\n.TH rapporteur-{command} 1 ")),
            "{command}: {sub}"
        );
    }
    let export = stdout(&rapporteur(&["man", "export"]));
    assert!(
        export.contains(".SH EXAMPLES\n.nf\n"),
        "examples kept line for line"
    );
    assert!(
        export.contains("\\-\\-format docx"),
        "options written with minus signs"
    );
    let add = stdout(&rapporteur(&["man", "person", "add"]));
    assert!(add.contains("\n.TH rapporteur-person-add 1 "), "{add}");

    let unknown = rapporteur(&["man", "exprot"]);
    assert!(!unknown.status.success());
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("export"));
}

#[test]
fn every_page_can_be_written_to_a_directory() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("man1");
    let output = rapporteur(&["man", "--out-dir", out.to_str().unwrap()]);
    assert!(output.status.success());
    let mut pages: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    pages.sort();
    assert!(pages.contains(&"rapporteur.1".to_string()), "{pages:?}");
    assert!(
        pages.contains(&"rapporteur-person-add.1".to_string()),
        "{pages:?}"
    );
    assert!(
        pages.contains(&"rapporteur-export.1".to_string()),
        "{pages:?}"
    );
}

/// Where groff is installed, it reads every page without a warning.
#[test]
fn groff_reads_the_pages_without_warnings() {
    let Ok(probe) = Command::new("groff").arg("--version").output() else {
        return;
    };
    if !probe.status.success() {
        return;
    }
    for page in [
        vec!["man"],
        vec!["man", "export"],
        vec!["man", "person", "add"],
    ] {
        let roff = stdout(&rapporteur(&page));
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("page.1");
        std::fs::write(&path, roff).unwrap();
        let checked = Command::new("groff")
            .args(["-man", "-Tutf8", "-ww", "-z"])
            .arg(&path)
            .output()
            .unwrap();
        assert!(
            checked.stderr.is_empty(),
            "{page:?}: {}",
            String::from_utf8_lossy(&checked.stderr)
        );
    }
}
