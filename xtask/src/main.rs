//! `cargo xtask generate`: regenerates `generated/` from `api-specs/`.
//! `cargo xtask generate --check`: writes nothing, fails if `generated/` is stale.
//! `cargo xtask import PRODUCT FOLDER`: brings the facts of the official SDK
//! packages and of Alibaba's API metadata (`api-docs.json`) into
//! `api-specs/PRODUCT/` (see `api-specs/README.md`, "Importing").
//! `cargo xtask synth-specs [PRODUCT] N OUT_DIR`, `cargo xtask compile-cost
//! [PRODUCT] [N]`: see `BENCHMARKS.md`.
//! `cargo xtask bless-golden`: rewrites the golden crates from the fixtures.
//! `cargo xtask help [COMMAND]`, `cargo xtask COMMAND --help`: the usage
//! ([`cli`] parses the command line and holds every help text).

#![forbid(unsafe_code)]

mod cli;
mod compile_cost;
mod tree_memory;

use cli::Command;

use xtask::{golden, test_deps, write};

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use alibabacloud_codegen::{Layout, generate};

/// Generation builds and drops millions of small token and syntax-tree
/// nodes; with the system allocator a third of its time was malloc and
/// free (BENCHMARKS.md, generation). mimalloc makes those cheap.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let command = match cli::parse(std::env::args_os().skip(1)) {
        Ok(command) => command,
        Err(misuse) => {
            eprintln!("error: {}\n\n{}", misuse.message, misuse.usage);
            return ExitCode::from(2);
        }
    };
    match command {
        Command::Help(text) => {
            println!("{text}");
            ExitCode::SUCCESS
        }
        Command::Generate { check } => run(check),
        Command::Import { product, folder } => import(&product, &folder),
        Command::SynthSpecs {
            product,
            n,
            out_dir,
        } => synth_specs(product.as_deref(), &n, &out_dir),
        Command::CompileCost {
            product,
            n,
            runs,
            incremental,
        } => compile_cost_args(
            product.as_deref(),
            n.as_deref(),
            runs.as_deref(),
            incremental,
        ),
        Command::BlessGolden => golden::bless(&repository_root()),
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
    let tests_files = match test_deps::tests_files(&layout, &generation.files) {
        Ok(tests_files) => tests_files,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::FAILURE;
        }
    };
    let stale_tests: Vec<&test_deps::TestsFile> =
        tests_files.iter().filter(|file| file.is_stale()).collect();
    if stale.is_empty() && stale_tests.is_empty() {
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
        for file in &stale_tests {
            eprintln!("stale: {} ({})", file.path, file.what);
        }
        eprintln!(
            "error: generated/ is out of date; run `cargo xtask generate` and commit the result"
        );
        return ExitCode::FAILURE;
    }
    if let Err(error) = write::replace_tree(&layout.output_dir, &generation.files) {
        eprintln!("error: could not write generated/ ({error}); it was left as it was");
        return ExitCode::FAILURE;
    }
    println!(
        "wrote generated/ ({} files, {} changed)",
        generation.files.len(),
        stale.len()
    );
    for file in stale_tests {
        if let Err(error) = file.write(&root) {
            eprintln!("error: {error}");
            return ExitCode::FAILURE;
        }
        let verb = if file.wanted.is_some() {
            "wrote"
        } else {
            "removed"
        };
        println!("{verb} {} ({})", file.path, file.what);
    }
    ExitCode::SUCCESS
}

fn import(product: &str, folder: &str) -> ExitCode {
    if !is_product_name(product) {
        eprintln!(
            "error: PRODUCT must be the product's directory name below api-specs/: lower-case \
             letters, digits and '-', starting with a letter (the product code, such as `ecs`), \
             not {product:?}\n\n{}",
            cli::IMPORT.text()
        );
        return ExitCode::from(2);
    }
    let product_dir = repository_root().join("api-specs").join(product);
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

/// Whether `name` can name a product directory, and so its crate
/// (`alibabacloud-<name>`).
fn is_product_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// The directory of `product` below `api-specs/`, or of the only product
/// there when none is named.
fn product_dir(root: &Path, product: Option<&str>) -> Result<PathBuf, String> {
    let specs = root.join("api-specs");
    if let Some(product) = product {
        let dir = specs.join(product);
        return if dir.join("product.json").is_file() {
            Ok(dir)
        } else {
            Err(format!(
                "no product {product:?}: {} has no product.json",
                dir.display()
            ))
        };
    }
    let mut products: Vec<PathBuf> = std::fs::read_dir(&specs)
        .map_err(|error| format!("cannot read {}: {error}", specs.display()))?
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|dir| dir.join("product.json").is_file())
        .collect();
    products.sort();
    match products.as_slice() {
        [only] => Ok(only.clone()),
        _ => {
            let names: Vec<String> = products
                .iter()
                .filter_map(|dir| dir.file_name())
                .map(|name| name.to_string_lossy().into_owned())
                .collect();
            Err(format!(
                "name the product: api-specs/ holds {}",
                if names.is_empty() {
                    "none".to_string()
                } else {
                    names.join(", ")
                }
            ))
        }
    }
}

fn synth_specs(product: Option<&str>, n: &str, out_dir: &str) -> ExitCode {
    let Ok(n) = n.parse::<usize>() else {
        eprintln!(
            "error: N must be a number of actions, not {n:?}\n\n{}",
            cli::SYNTH_SPECS.text()
        );
        return ExitCode::from(2);
    };
    let specs = match product_dir(&repository_root(), product) {
        Ok(dir) => dir,
        Err(error) => {
            eprintln!("error: {error}\n\n{}", cli::SYNTH_SPECS.text());
            return ExitCode::from(2);
        }
    };
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

fn compile_cost_args(
    product: Option<&str>,
    n: Option<&str>,
    runs: Option<&str>,
    incremental: bool,
) -> ExitCode {
    let usage = cli::COMPILE_COST.text();
    let root = repository_root();
    let product_dir = match product_dir(&root, product) {
        Ok(dir) => dir,
        Err(error) => {
            eprintln!("error: {error}\n\n{usage}");
            return ExitCode::from(2);
        }
    };
    let actions = match n.map(str::parse::<usize>) {
        None => None,
        Some(Ok(n)) if n > 0 => Some(n),
        Some(_) => {
            eprintln!("error: N must be a positive number of actions\n\n{usage}");
            return ExitCode::from(2);
        }
    };
    let Ok(runs) = runs.unwrap_or("1").parse::<usize>() else {
        eprintln!("error: R must be a number of runs\n\n{usage}");
        return ExitCode::from(2);
    };
    compile_cost::run(&root, &product_dir, actions, runs, incremental)
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
