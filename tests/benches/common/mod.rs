//! What every benchmark shares: the ratio to its baseline, measured in the
//! same process after criterion's runs.
//!
//! Criterion times each function on its own, one after the other; on a
//! shared machine (2 cores, another build running) the load can change
//! between the two, so criterion's two figures are not a fair ratio by
//! themselves. [`compare`] times the subject and the baseline in
//! alternating batches, so both see the same load, and reports the median
//! of the per-round ratios. BENCHMARKS.md records both.

// Each bench binary uses a part of this module.
#![allow(dead_code)]

use std::hint::black_box;
use std::time::{Duration, Instant};

/// Whether this run measures: `cargo bench` passes `--bench`; criterion's
/// test mode (`cargo test --benches`, `--test`) and `--list` do not.
pub fn measuring() -> bool {
    let args: Vec<String> = std::env::args().collect();
    args.iter().any(|arg| arg == "--bench")
        && !args.iter().any(|arg| arg == "--test" || arg == "--list")
}

/// How long [`compare`] spends on one pair: `BENCH_RATIO_SECS`, default 3 s.
pub fn ratio_budget() -> Duration {
    std::env::var("BENCH_RATIO_SECS")
        .ok()
        .and_then(|secs| secs.parse::<f64>().ok())
        .map_or(Duration::from_secs(3), Duration::from_secs_f64)
}

/// The subject and the baseline, timed in alternating batches.
#[derive(Debug, Clone, Copy)]
pub struct Comparison {
    /// Median time of one subject call.
    pub subject: Duration,
    /// Median time of one baseline call.
    pub baseline: Duration,
    /// Median over rounds of subject time / baseline time.
    pub ratio: f64,
    /// Rounds measured.
    pub rounds: usize,
}

/// Times `subject` and `baseline` in alternating batches (the order flips
/// every round) for about [`ratio_budget`].
pub fn compare<S, B, R1, R2>(mut subject: S, mut baseline: B) -> Comparison
where
    S: FnMut() -> R1,
    B: FnMut() -> R2,
{
    // Warm up, and size the batches to about 10 ms each.
    let one = time(&mut subject, 1).max(time(&mut baseline, 1));
    let iterations = (Duration::from_millis(10).as_nanos() / one.as_nanos().max(1)).max(1) as u32;
    time(&mut subject, iterations);
    time(&mut baseline, iterations);

    let budget = ratio_budget();
    let started = Instant::now();
    let mut subjects = Vec::new();
    let mut baselines = Vec::new();
    let mut ratios = Vec::new();
    while (started.elapsed() < budget || ratios.len() < 5) && ratios.len() < 10_000 {
        let (s, b) = if ratios.len() % 2 == 0 {
            let s = time(&mut subject, iterations);
            (s, time(&mut baseline, iterations))
        } else {
            let b = time(&mut baseline, iterations);
            (time(&mut subject, iterations), b)
        };
        let s = s / iterations;
        let b = b / iterations;
        ratios.push(s.as_secs_f64() / b.as_secs_f64().max(1e-12));
        subjects.push(s);
        baselines.push(b);
    }
    Comparison {
        subject: median(&mut subjects),
        baseline: median(&mut baselines),
        ratio: median_f64(&mut ratios),
        rounds: ratios.len(),
    }
}

fn time<F: FnMut() -> R, R>(f: &mut F, iterations: u32) -> Duration {
    let started = Instant::now();
    for _ in 0..iterations {
        black_box(f());
    }
    started.elapsed()
}

/// The median of `values` (sorts them).
pub fn median(values: &mut [Duration]) -> Duration {
    values.sort();
    values[values.len() / 2]
}

fn median_f64(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// A duration in the unit that suits it.
pub fn human(duration: Duration) -> String {
    let nanos = duration.as_secs_f64() * 1e9;
    if nanos < 1e3 {
        format!("{nanos:.0} ns")
    } else if nanos < 1e6 {
        format!("{:.2} µs", nanos / 1e3)
    } else if nanos < 1e9 {
        format!("{:.2} ms", nanos / 1e6)
    } else {
        format!("{:.3} s", nanos / 1e9)
    }
}

/// Throughput in MB/s (10^6 bytes per second).
pub fn mb_per_s(bytes: usize, per_call: Duration) -> f64 {
    bytes as f64 / per_call.as_secs_f64() / 1e6
}

/// Prints one result line, `RESULT name: ...`, easy to grep from the log.
pub fn report(name: &str, details: &str, pass: Option<bool>) {
    let verdict = match pass {
        Some(true) => "PASS",
        Some(false) => "MISS",
        None => "info",
    };
    println!("RESULT {name}: {details} [{verdict}]");
}
