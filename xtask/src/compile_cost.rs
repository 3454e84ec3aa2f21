//! `cargo xtask compile-cost [PRODUCT] [N] [--runs R]`: how long a product's generated crate
//! takes to compile, and how much memory, when its dependencies are
//! already built (issue 5).
//!
//! 1. Generates the crate (from the committed specs, or from N synthetic
//!    actions made by [`xtask::synth`]) into a directory under the system
//!    temp dir, outside the workspace: its `Cargo.toml` gets an absolute
//!    path dependency on this checkout's `codegen/runtime` and an empty
//!    `[workspace]` table, and the workspace's `Cargo.lock` is copied in so
//!    the dependency versions are the workspace's.
//! 2. `cargo build` once, to build the dependencies.
//! 3. Touches the `src/lib.rs` of the product's crate and of each of its
//!    types, error codes and shard crates and times `cargo build` again
//!    (debug, default features), which recompiles exactly the generated
//!    crates. Both builds run with `CARGO_INCREMENTAL=0`, as a registry
//!    dependency is compiled, so the timed build is a full compile and not
//!    an incremental no-op.
//!    With `--incremental`, the timed builds run with `CARGO_INCREMENTAL=1`
//!    after the generated crates' incremental state is removed: the first
//!    build in a workspace that has the crates as path dependencies.
//!
//! Wall time is measured around the child `cargo`. Peak memory is the
//! largest **sum** of the resident sets of `cargo` and every `rustc` it
//! runs, sampled from `/proc` ([`crate::tree_memory`]): the shard crates
//! compile side by side, and the machine needs room for all of them at
//! once. GNU time (`/usr/bin/time -v`) gives the CPU time (user + system
//! of the whole tree) and the largest single process. On a shared machine
//! the CPU time moves far less than the wall time: another build slows the
//! wall clock, not the work. Without GNU time the CPU time is reported as
//! unknown.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant, SystemTime};

use alibabacloud_codegen::ir::SHARDS_DIR;
use alibabacloud_codegen::{Layout, generate};
use xtask::synth;

use crate::tree_memory::PeakSampler;

/// GNU time, for the peak resident set size.
const GNU_TIME: &str = "/usr/bin/time";

/// One timed build.
struct Run {
    wall: Duration,
    cpu: Option<Duration>,
    /// The largest sum over the process tree.
    peak_kib: Option<u64>,
    /// The largest single process, from GNU time.
    largest_process_kib: Option<u64>,
}

pub(crate) fn run(
    root: &Path,
    product_dir: &Path,
    actions: Option<usize>,
    runs: usize,
    incremental: bool,
) -> ExitCode {
    match measure(root, product_dir, actions, runs.max(1), incremental) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn measure(
    root: &Path,
    product_dir: &Path,
    actions: Option<usize>,
    runs: usize,
    incremental: bool,
) -> Result<(), String> {
    let work = std::env::temp_dir().join("alibabacloud-compile-cost");
    if work.starts_with(root) {
        return Err(format!(
            "the temp dir {} is inside the workspace",
            work.display()
        ));
    }
    let product = product_dir
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .ok_or_else(|| format!("{} names no product", product_dir.display()))?;
    let label = match actions {
        Some(n) => format!("{product}-synth-{n}"),
        None => product.clone(),
    };
    let label_dir = work.join(&label);
    if label_dir.exists() {
        fs::remove_dir_all(&label_dir)
            .map_err(|error| format!("cannot clear {}: {error}", label_dir.display()))?;
    }
    let runtime_dir = root.join("codegen").join("runtime");
    let output_dir = label_dir.join("generated");

    // 1. Generate.
    let (layout, dir_name, action_count) = match actions {
        Some(n) => {
            let set = synth::synthesize(product_dir, n, &label_dir.join("specs"))
                .map_err(|error| format!("cannot make the synthetic specs: {error}"))?;
            let layout = Layout {
                root: label_dir.clone(),
                specs_dir: set.specs_dir.clone(),
                output_dir: output_dir.clone(),
                runtime_dir: runtime_dir.clone(),
            };
            (layout, synth::product_dir_name(&product, n), n)
        }
        None => {
            let layout = Layout {
                output_dir: output_dir.clone(),
                ..Layout::standard(root)
            };
            let (loaded, _) = alibabacloud_codegen::spec::load_product(root, product_dir)
                .map_err(|problems| format!("the committed specs do not load:\n{problems}"))?;
            (layout, product.clone(), loaded.actions.len())
        }
    };
    let generation =
        generate(&layout).map_err(|problems| format!("generation failed:\n{problems}"))?;
    let mut rust_lines = 0;
    let mut rust_files = 0;
    for (path, contents) in &generation.files {
        if !path.starts_with(&dir_name) {
            continue;
        }
        let target = output_dir.join(path);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent)
                .map_err(|error| format!("cannot create {}: {error}", parent.display()))?;
        }
        fs::write(&target, contents)
            .map_err(|error| format!("cannot write {}: {error}", target.display()))?;
        if path.extension().is_some_and(|ext| ext == "rs") {
            rust_files += 1;
            rust_lines += contents.lines().count();
        }
    }
    let crate_dir = output_dir.join(&dir_name);
    let crate_dirs = generated_crate_dirs(&crate_dir)?;
    let mut packages = Vec::with_capacity(crate_dirs.len());
    for (index, dir) in crate_dirs.iter().enumerate() {
        packages.push(standalone_manifest(dir, &runtime_dir, index == 0)?);
    }
    let package = packages[0].clone();
    let lock = root.join("Cargo.lock");
    fs::copy(&lock, crate_dir.join("Cargo.lock"))
        .map_err(|error| format!("cannot copy {}: {error}", lock.display()))?;

    // 2. Build the dependencies (and the crate) once.
    let target_dir = work.join("target");
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    println!(
        "compile-cost: building {package} and its dependencies once in {}",
        crate_dir.display()
    );
    let status = Command::new(&cargo)
        .arg("build")
        .current_dir(&crate_dir)
        .env("CARGO_TARGET_DIR", &target_dir)
        // As the timed builds, or cargo rebuilds the runtime (a path
        // dependency) in the first of them.
        .env("CARGO_INCREMENTAL", if incremental { "1" } else { "0" })
        .status()
        .map_err(|error| format!("cannot run cargo: {error}"))?;
    if !status.success() {
        return Err(format!("the first build of {package} failed ({status})"));
    }

    // 3. Touch and time the crate alone.
    let gnu_time = Path::new(GNU_TIME).is_file();
    let mut expected: Vec<&str> = packages.iter().map(String::as_str).collect();
    expected.sort_unstable();
    let mut measured = Vec::with_capacity(runs);
    for index in 1..=runs {
        for dir in &crate_dirs {
            touch(&dir.join("src").join("lib.rs"))?;
        }
        if incremental {
            remove_incremental_state(&target_dir, &packages)?;
        }
        let mut command = if gnu_time {
            let mut command = Command::new(GNU_TIME);
            command.arg("-v").arg(&cargo);
            command
        } else {
            Command::new(&cargo)
        };
        command
            .arg("build")
            .current_dir(&crate_dir)
            .env("CARGO_TARGET_DIR", &target_dir)
            .env("CARGO_INCREMENTAL", if incremental { "1" } else { "0" })
            .env("CARGO_TERM_COLOR", "never")
            .stdout(Stdio::inherit())
            .stderr(Stdio::piped());
        let started = Instant::now();
        let child = command
            .spawn()
            .map_err(|error| format!("cannot run the timed build: {error}"))?;
        let sampler = PeakSampler::start(child.id());
        let output = child
            .wait_with_output()
            .map_err(|error| format!("cannot wait for the timed build: {error}"))?;
        let wall = started.elapsed();
        let peak_kib = sampler.finish();
        let stderr = String::from_utf8_lossy(&output.stderr);
        if !output.status.success() {
            return Err(format!("the timed build failed:\n{stderr}"));
        }
        let compiled: Vec<&str> = stderr
            .lines()
            .map(str::trim)
            .filter(|line| line.starts_with("Compiling "))
            .collect();
        let mut compiled_packages: Vec<&str> = compiled
            .iter()
            .filter_map(|line| line.split_whitespace().nth(1))
            .collect();
        compiled_packages.sort_unstable();
        if compiled_packages != expected {
            return Err(format!(
                "the timed build should compile the generated crates {expected:?} and nothing else, but compiled: {compiled:?}"
            ));
        }
        let largest_process_kib = stderr
            .lines()
            .find_map(|line| {
                line.trim()
                    .strip_prefix("Maximum resident set size (kbytes):")
            })
            .and_then(|value| value.trim().parse::<u64>().ok());
        let cpu = seconds(&stderr, "User time (seconds):")
            .zip(seconds(&stderr, "System time (seconds):"))
            .map(|(user, system)| user + system);
        println!(
            "  run {index}: {:.2} s, CPU {}, peak {} (largest process {})",
            wall.as_secs_f64(),
            cpu.map_or_else(
                || "unknown".to_string(),
                |cpu| format!("{:.2} s", cpu.as_secs_f64())
            ),
            peak_kib.map_or_else(|| "unknown".to_string(), mib),
            largest_process_kib.map_or_else(|| "unknown".to_string(), mib)
        );
        measured.push(Run {
            wall,
            cpu,
            peak_kib,
            largest_process_kib,
        });
    }

    let median_wall = median(measured.iter().map(|run| run.wall).collect());
    let cpu: Option<Vec<Duration>> = measured.iter().map(|run| run.cpu).collect();
    let median_cpu = cpu.map(median);
    let per_action = |time: Duration| time.as_secs_f64() * 1000.0 / action_count.max(1) as f64;
    let peak = measured.iter().filter_map(|run| run.peak_kib).max();
    let largest_process = measured
        .iter()
        .filter_map(|run| run.largest_process_kib)
        .max();
    println!();
    println!(
        "compile-cost: {package} and its {} types and shard crates, {action_count} actions ({}), {rust_files} Rust files, {rust_lines} lines",
        packages.len() - 1,
        if actions.is_some() {
            "synthetic, copies of the committed specs"
        } else {
            "committed specs"
        }
    );
    println!(
        "  build           debug, default features, dependencies already built, {}",
        if incremental {
            "CARGO_INCREMENTAL=1, first build (no incremental state)"
        } else {
            "CARGO_INCREMENTAL=0"
        }
    );
    println!(
        "  wall time       {:.2} s (median of {runs} run(s))",
        median_wall.as_secs_f64()
    );
    match median_cpu {
        Some(cpu) => println!(
            "  CPU time        {:.2} s user + system (median), {:.1} ms per action",
            cpu.as_secs_f64(),
            per_action(cpu)
        ),
        None => println!("  CPU time        unknown ({GNU_TIME} not found or silent)"),
    }
    println!("  per action      {:.1} ms (wall)", per_action(median_wall));
    match peak {
        Some(kib) => println!(
            "  peak memory     {} (max over runs of the summed resident sets of cargo and its rustc processes, sampled from /proc)",
            mib(kib)
        ),
        None => println!("  peak memory     unknown (no /proc to sample)"),
    }
    match largest_process {
        Some(kib) => println!(
            "  largest process {} (max over runs; maximum resident set size from {GNU_TIME} -v)",
            mib(kib)
        ),
        None => println!(
            "  largest process unknown ({GNU_TIME} not found or silent; `apt-get install time` gives it)"
        ),
    }
    println!("  crate           {}", crate_dir.display());
    Ok(())
}

/// Removes the incremental state of the generated crates
/// (`debug/incremental/<lib name>-<hash>`), so the next incremental build
/// is a first one.
fn remove_incremental_state(target_dir: &Path, packages: &[String]) -> Result<(), String> {
    let dir = target_dir.join("debug").join("incremental");
    let Ok(entries) = fs::read_dir(&dir) else {
        return Ok(());
    };
    let prefixes: Vec<String> = packages
        .iter()
        .map(|package| format!("{}-", package.replace('-', "_")))
        .collect();
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy().into_owned();
        if prefixes
            .iter()
            .any(|prefix| name.starts_with(prefix.as_str()))
        {
            fs::remove_dir_all(entry.path())
                .map_err(|error| format!("cannot remove {}: {error}", entry.path().display()))?;
        }
    }
    Ok(())
}

/// The product's crate first, then its types crate (`types/`), its error
/// codes crate (`error-codes/`) and its shard crates (`shards/*/`), sorted.
fn generated_crate_dirs(crate_dir: &Path) -> Result<Vec<PathBuf>, String> {
    let shards_dir = crate_dir.join(SHARDS_DIR);
    let entries = fs::read_dir(&shards_dir)
        .map_err(|error| format!("cannot read {}: {error}", shards_dir.display()))?;
    let mut shards: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.join("Cargo.toml").is_file())
        .collect();
    shards.sort();
    let members = [
        alibabacloud_codegen::ir::TYPES_DIR,
        alibabacloud_codegen::ir::ERROR_CODES_DIR,
    ]
    .map(|dir| crate_dir.join(dir))
    .into_iter()
    .filter(|dir| dir.join("Cargo.toml").is_file());
    Ok(std::iter::once(crate_dir.to_path_buf())
        .chain(members)
        .chain(shards)
        .collect())
}

/// Rewrites a generated `Cargo.toml` to build outside this workspace: the
/// runtime by absolute path and, for the product's crate (`root`), an
/// empty `[workspace]` table, of which the shard crates, path
/// dependencies inside it, are members. Returns the package name.
fn standalone_manifest(crate_dir: &Path, runtime_dir: &Path, root: bool) -> Result<String, String> {
    let manifest = crate_dir.join("Cargo.toml");
    let text = fs::read_to_string(&manifest)
        .map_err(|error| format!("cannot read {}: {error}", manifest.display()))?;
    let runtime = runtime_dir
        .canonicalize()
        .map_err(|error| format!("cannot find {}: {error}", runtime_dir.display()))?;
    let runtime = runtime
        .to_str()
        .ok_or_else(|| format!("{} is not UTF-8", runtime.display()))?;
    let mut package = None;
    let mut rewritten = String::with_capacity(text.len() + 100);
    let mut replaced = false;
    for line in text.lines() {
        if package.is_none() {
            if let Some(name) = line.strip_prefix("name = ") {
                package = Some(name.trim().trim_matches('"').to_string());
            }
        }
        match (
            line.starts_with("alibabacloud-runtime"),
            line.find("path = \""),
        ) {
            (true, Some(start)) => {
                let value_start = start + "path = \"".len();
                let Some(len) = line[value_start..].find('"') else {
                    return Err(format!("cannot read the runtime path in {line:?}"));
                };
                rewritten.push_str(&line[..value_start]);
                rewritten.push_str(runtime);
                rewritten.push_str(&line[value_start + len..]);
                replaced = true;
            }
            _ => rewritten.push_str(line),
        }
        rewritten.push('\n');
    }
    if !replaced {
        return Err(format!(
            "no `alibabacloud-runtime = {{ path = ... }}` line in {}",
            manifest.display()
        ));
    }
    if root {
        rewritten.push_str("\n# Standalone: built outside any workspace.\n[workspace]\n");
    }
    fs::write(&manifest, rewritten)
        .map_err(|error| format!("cannot write {}: {error}", manifest.display()))?;
    package.ok_or_else(|| format!("no package name in {}", manifest.display()))
}

/// The middle value (the mean of the two middle ones for an even count).
fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    let middle = times.len() / 2;
    match times.len() {
        0 => Duration::ZERO,
        len if len % 2 == 0 => (times[middle - 1] + times[middle]) / 2,
        _ => times[middle],
    }
}

/// A `label: 1.23` line of GNU time's report, as a duration.
fn seconds(report: &str, label: &str) -> Option<Duration> {
    report
        .lines()
        .find_map(|line| line.trim().strip_prefix(label))
        .and_then(|value| value.trim().parse::<f64>().ok())
        .and_then(|secs| Duration::try_from_secs_f64(secs).ok())
}

fn touch(path: &Path) -> Result<(), String> {
    fs::File::options()
        .write(true)
        .open(path)
        .and_then(|file| file.set_modified(SystemTime::now()))
        .map_err(|error| format!("cannot touch {}: {error}", path.display()))
}

fn mib(kib: u64) -> String {
    format!("{:.0} MiB", kib as f64 / 1024.0)
}
