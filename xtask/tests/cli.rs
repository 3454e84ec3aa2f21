//! The command line of the built `xtask` binary: `--help` on every command
//! prints that command's usage and exits 0; a wrong command line prints the
//! usage on stderr and exits 2. Nothing here reads or writes the specs.

use std::process::{Command, Output};

/// Every command of `cargo xtask`.
const COMMANDS: [&str; 5] = ["generate", "import", "synth-specs", "compile-cost", "help"];

fn xtask(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .output()
        .expect("the xtask binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn every_command_has_help_that_names_it_and_exits_0() {
    for command in COMMANDS {
        for help in [
            &[command, "--help"][..],
            &[command, "-h"],
            &["help", command],
        ] {
            let output = xtask(help);
            assert_eq!(
                output.status.code(),
                Some(0),
                "{help:?}: {}",
                stderr(&output)
            );
            let text = stdout(&output);
            assert!(
                text.starts_with(&format!("usage: cargo xtask {command}")),
                "{help:?} printed:\n{text}"
            );
        }
    }
}

#[test]
fn the_overview_lists_every_command_and_exits_0() {
    for args in [&["--help"][..], &["-h"], &["help"]] {
        let output = xtask(args);
        assert_eq!(output.status.code(), Some(0), "{args:?}");
        let text = stdout(&output);
        for command in COMMANDS {
            assert!(
                text.contains(&format!("cargo xtask {command}")),
                "{args:?} does not name {command}:\n{text}"
            );
        }
    }
}

#[test]
fn import_help_names_both_sources() {
    let text = stdout(&xtask(&["import", "--help"]));
    assert!(text.contains("npm pack"), "{text}");
    assert!(text.contains("api-docs.json"), "{text}");
}

#[test]
fn a_wrong_command_line_prints_the_usage_and_exits_2() {
    let cases: [(&[&str], &str); 5] = [
        (&[], "error: no command given"),
        (&["frobnicate"], "error: unknown command `frobnicate`"),
        (&["import", "vpc"], "error: `import` needs FOLDER"),
        (&["synth-specs"], "error: `synth-specs` needs N"),
        (&["generate", "--chek"], "error: invalid option '--chek'"),
    ];
    for (args, message) in cases {
        let output = xtask(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(output.stdout.is_empty(), "{args:?} wrote on stdout");
        let text = stderr(&output);
        assert!(text.starts_with(message), "{args:?} printed:\n{text}");
        assert!(
            text.contains("usage: cargo xtask"),
            "{args:?} printed:\n{text}"
        );
    }
}
