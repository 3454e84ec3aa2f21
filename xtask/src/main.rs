//! `cargo xtask generate`: regenerates `generated/` from `api-specs/`.
//! `cargo xtask generate --check`: writes nothing, fails if `generated/` is stale.

#![forbid(unsafe_code)]

mod write;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use alibabacloud_codegen::{Layout, generate};

const USAGE: &str = "usage: cargo xtask generate [--check]

  generate          read api-specs/ and write generated/ (all or nothing)
  generate --check  write nothing; fail if generated/ differs from a fresh generation";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        ["generate"] => run(false),
        ["generate", "--check"] => run(true),
        ["help" | "--help" | "-h"] => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn run(check: bool) -> ExitCode {
    let root = repository_root();
    let layout = Layout::standard(&root);
    let generation = match generate(&layout) {
        Ok(generation) => generation,
        Err(problems) => {
            eprint!("{problems}");
            let count = problems
                .iter()
                .filter(|problem| problem.severity == alibabacloud_codegen::Severity::Error)
                .count();
            eprintln!("error: {count} problem(s) in the specs; generated/ was not changed");
            return ExitCode::FAILURE;
        }
    };
    for warning in generation.warnings.warnings() {
        eprintln!("{warning}");
    }
    let stale = match write::stale_files(&layout.output_dir, &generation.files) {
        Ok(stale) => stale,
        Err(error) => {
            eprintln!(
                "error: cannot read {}: {error}",
                layout.output_dir.display()
            );
            return ExitCode::FAILURE;
        }
    };
    if stale.is_empty() {
        println!(
            "generated/ is up to date ({} files)",
            generation.files.len()
        );
        return ExitCode::SUCCESS;
    }
    if check {
        for file in &stale {
            eprintln!("stale: generated/{file}");
        }
        eprintln!(
            "error: generated/ is out of date; run `cargo xtask generate` and commit the result"
        );
        return ExitCode::FAILURE;
    }
    match write::replace_tree(&layout.output_dir, &generation.files) {
        Ok(()) => {
            println!(
                "wrote generated/ ({} files, {} changed)",
                generation.files.len(),
                stale.len()
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: could not write generated/ ({error}); it was left as it was");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root: the parent of this crate's directory.
fn repository_root() -> PathBuf {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest_dir.parent().unwrap_or(manifest_dir).to_path_buf()
}
