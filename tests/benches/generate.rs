//! Generation (issue 5, benchmark 4): `alibabacloud_codegen::generate` (what
//! `cargo xtask generate` runs, in memory, without writing) on the
//! committed specs and on synthetic sets of 100, 400 and 1,000 actions made
//! from them by `xtask::synth` (the code behind `cargo xtask synth-specs`).
//! Targets: the committed specs in under 0.5 s, 1,000 actions in under 3 s,
//! and time per action not growing with the size of the set (the baseline
//! is the 100-action set's time per action, measured in the same run).

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use alibabacloud_codegen::{Layout, generate};
use criterion::{BenchmarkId, Criterion};

/// The allocator `cargo xtask generate` runs with, so that this bench
/// measures what maintainers run.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const SIZES: [usize; 3] = [100, 400, 1000];
const COMMITTED_TARGET: Duration = Duration::from_millis(500);
const THOUSAND_TARGET: Duration = Duration::from_secs(3);
/// Time per action at 1,000 actions over time per action at 100: above
/// this the growth is worse than linear (the margin absorbs the noise of a
/// shared 2-core machine).
const GROWTH_TARGET: f64 = 1.25;

struct Set {
    label: String,
    actions: usize,
    layout: Layout,
}

fn run(layout: &Layout) -> usize {
    generate(layout)
        .unwrap_or_else(|problems| panic!("generation failed:\n{problems}"))
        .files
        .len()
}

fn main() {
    let root = alibabacloud_tests::repository_root();
    let temp = std::env::temp_dir().join(format!(
        "alibabacloud-bench-generate-{}",
        std::process::id()
    ));
    let sets = sets(&root, &temp);

    let mut criterion = Criterion::default().configure_from_args();
    {
        let mut group = criterion.benchmark_group("generate");
        group.sample_size(10);
        for set in &sets {
            group.bench_with_input(
                BenchmarkId::new(&set.label, set.actions),
                &set.layout,
                |b, layout| b.iter(|| run(layout)),
            );
        }
        group.finish();
    }
    criterion.final_summary();

    if common::measuring() {
        summary(&sets);
    }
    let _ = std::fs::remove_dir_all(&temp);
}

/// The committed specs, then the synthetic sets, written below `temp`.
fn sets(root: &Path, temp: &Path) -> Vec<Set> {
    let (product, _) =
        alibabacloud_codegen::spec::load_product(root, &root.join("api-specs").join("vpc"))
            .unwrap_or_else(|problems| panic!("the committed specs do not load:\n{problems}"));
    let mut sets = vec![Set {
        label: "committed".to_string(),
        actions: product.actions.len(),
        layout: Layout::standard(root),
    }];
    for n in SIZES {
        let base = temp.join(format!("synth-{n}"));
        let set = xtask::synth::synthesize(
            &root.join("api-specs").join("vpc"),
            n,
            &base.join("api-specs"),
        )
        .unwrap_or_else(|error| panic!("cannot make {n} synthetic actions: {error}"));
        sets.push(Set {
            label: "synthetic".to_string(),
            actions: set.actions,
            layout: Layout {
                root: base.clone(),
                specs_dir: set.specs_dir,
                output_dir: base.join("generated"),
                runtime_dir: root.join("codegen").join("runtime"),
            },
        });
    }
    sets
}

/// Times every set a few times, interleaved, and reports time per action.
fn summary(sets: &[Set]) {
    let budget = common::ratio_budget() * 4;
    let started = Instant::now();
    let mut times: Vec<Vec<Duration>> = vec![Vec::new(); sets.len()];
    while times[0].len() < 3 || (started.elapsed() < budget && times[0].len() < 15) {
        for (set, measured) in sets.iter().zip(&mut times) {
            let begun = Instant::now();
            std::hint::black_box(run(&set.layout));
            measured.push(begun.elapsed());
        }
    }
    let medians: Vec<Duration> = times.iter_mut().map(|t| common::median(t)).collect();
    let per_action =
        |index: usize| medians[index].as_secs_f64() / sets[index].actions.max(1) as f64;
    let baseline = sets
        .iter()
        .position(|set| set.label == "synthetic")
        .expect("a synthetic set");
    for (index, set) in sets.iter().enumerate() {
        let growth = per_action(index) / per_action(baseline);
        let target = match (set.label.as_str(), set.actions) {
            ("committed", _) => Some(medians[index] < COMMITTED_TARGET),
            (_, 1000) => Some(medians[index] < THOUSAND_TARGET && growth <= GROWTH_TARGET),
            _ => None,
        };
        common::report(
            &format!("generate_{}_{}", set.label, set.actions),
            &format!(
                "{} for {} actions, {:.2} ms per action, per-action ratio to the {}-action set {growth:.2}x ({}), {} runs",
                common::human(medians[index]),
                set.actions,
                per_action(index) * 1e3,
                sets[baseline].actions,
                match (set.label.as_str(), set.actions) {
                    ("committed", _) => "target < 0.5 s".to_string(),
                    (_, 1000) => format!("target < 3 s and ratio <= {GROWTH_TARGET}x"),
                    _ => "no target".to_string(),
                },
                times[index].len(),
            ),
            target,
        );
    }
}
