//! `cargo xtask generate`: regenerates `generated/` from `api-specs/`.
//! `cargo xtask generate --check`: writes nothing, fails if `generated/` is stale.
//! `cargo xtask import PRODUCT FOLDER`: brings the official SDK's facts into
//! `api-specs/PRODUCT/` (see `api-specs/README.md`, "Importing").
//! `cargo xtask synth-specs N OUT_DIR`, `cargo xtask compile-cost [N]`: see
//! `BENCHMARKS.md`.

#![forbid(unsafe_code)]

mod compile_cost;
mod tree_memory;

use xtask::write;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use alibabacloud_codegen::{Layout, generate};

/// Generation builds and drops millions of small token and syntax-tree
/// nodes; with the system allocator a third of its time was malloc and
/// free (BENCHMARKS.md, generation). mimalloc makes those cheap.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const USAGE: &str = "usage: cargo xtask generate [--check]
       cargo xtask import PRODUCT FOLDER
       cargo xtask synth-specs N OUT_DIR
       cargo xtask compile-cost [N] [--runs R] [--incremental]

  generate          read api-specs/ and write generated/ (all or nothing)
  generate --check  write nothing; fail if generated/ differs from a fresh generation
  import            merge the official SDK packages in FOLDER (the .tgz of
                    `npm pack`, the .whl of `pip download`) into
                    api-specs/PRODUCT/: adds what is missing, never changes
                    what is there, prints what it added, changed and left alone
  synth-specs       write N actions copied from api-specs/vpc under new names
                    into OUT_DIR/vpc-synth-N/ (a specs directory for benchmarks)
  compile-cost      time a debug build of the generated crate (committed specs,
                    or N synthetic actions) with its dependencies already built,
                    in a temp dir; prints wall time, time per action, peak memory.
                    --incremental times the first incremental build instead
                    (CARGO_INCREMENTAL=1, the generated crates' incremental
                    state removed before each run)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        ["generate"] => run(false),
        ["generate", "--check"] => run(true),
        ["import", product, folder] => import(product, folder),
        ["synth-specs", n, out_dir] => synth_specs(n, out_dir),
        ["compile-cost", rest @ ..] => compile_cost_args(rest),
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

fn import(product: &str, folder: &str) -> ExitCode {
    let product_dir = repository_root().join("api-specs").join(product);
    if !product_dir.join("product.json").is_file() {
        eprintln!(
            "error: {} has no product.json; create the product first (api-specs/README.md)",
            product_dir.display()
        );
        return ExitCode::FAILURE;
    }
    let source = match xtask::import::read_folder(Path::new(folder)) {
        Ok(source) => source,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::FAILURE;
        }
    };
    println!(
        "read {} actions from {}",
        source.actions.len(),
        source.origin.join(" + ")
    );
    match xtask::import::import_into(&product_dir, &source) {
        Ok(summary) => {
            print!("{}", summary.render(&source.notes));
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

fn synth_specs(n: &str, out_dir: &str) -> ExitCode {
    let Ok(n) = n.parse::<usize>() else {
        eprintln!("error: N must be a number of actions, not {n:?}\n{USAGE}");
        return ExitCode::from(2);
    };
    let specs = repository_root().join("api-specs").join("vpc");
    match xtask::synth::synthesize(&specs, n, Path::new(out_dir)) {
        Ok(set) => {
            println!(
                "wrote {} actions for crate {} into {}",
                set.actions,
                set.crate_name,
                set.product_dir.display()
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

fn compile_cost_args(args: &[&str]) -> ExitCode {
    let incremental = args.contains(&"--incremental");
    let args: Vec<&str> = args
        .iter()
        .copied()
        .filter(|arg| *arg != "--incremental")
        .collect();
    let (n, runs) = match args[..] {
        [] => (None, "1"),
        ["--runs", runs] => (None, runs),
        [n] => (Some(n), "1"),
        [n, "--runs", runs] => (Some(n), runs),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let actions = match n.map(str::parse::<usize>) {
        None => None,
        Some(Ok(n)) if n > 0 => Some(n),
        Some(_) => {
            eprintln!("error: N must be a positive number of actions\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let Ok(runs) = runs.parse::<usize>() else {
        eprintln!("error: R must be a number of runs\n{USAGE}");
        return ExitCode::from(2);
    };
    compile_cost::run(&repository_root(), actions, runs, incremental)
}

/// The workspace root, found at run time: the nearest directory, from the
/// current one up, whose `Cargo.toml` declares a `[workspace]` and that
/// holds `api-specs/`. (A path compiled in would name whichever checkout
/// built this binary, which is wrong when checkouts share a target
/// directory.) Exits with a message when there is none.
fn repository_root() -> PathBuf {
    let current = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    match find_workspace(&current) {
        Some(root) => root,
        None => {
            eprintln!(
                "error: no workspace with api-specs/ in {} or above it; run `cargo xtask` inside the repository",
                current.display()
            );
            std::process::exit(2);
        }
    }
}

fn find_workspace(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .find(|dir| {
            dir.join("api-specs").is_dir()
                && std::fs::read_to_string(dir.join("Cargo.toml"))
                    .is_ok_and(|manifest| manifest.lines().any(|line| line.trim() == "[workspace]"))
        })
        .map(Path::to_path_buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_workspace_is_found_from_any_directory_below_it() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .map(Path::to_path_buf);
        let below = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        assert_eq!(find_workspace(&below), root);
    }

    #[test]
    fn no_workspace_above_the_root_directory() {
        assert_eq!(find_workspace(Path::new("/")), None);
    }
}
