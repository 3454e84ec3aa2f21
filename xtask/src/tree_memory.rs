//! The peak memory of a build: the resident sets of a process and all its
//! descendants, summed, sampled from Linux's `/proc` while the build runs.
//!
//! GNU time reports the largest resident set of any *one* process. When
//! cargo runs several `rustc` side by side (the family crates of a
//! product), the machine needs their sum, so that is what is measured.

use std::fs;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::Duration;

/// How often the tree is sampled: often enough for a rustc whose resident
/// set grows over seconds, rarely enough to cost the build almost nothing.
const EVERY: Duration = Duration::from_millis(25);

/// A background thread sampling the tree below one process.
pub(crate) struct PeakSampler {
    stop: Arc<AtomicBool>,
    thread: JoinHandle<Option<u64>>,
}

impl PeakSampler {
    /// Starts sampling the process `root` and its descendants.
    pub(crate) fn start(root: u32) -> Self {
        let stop = Arc::new(AtomicBool::new(false));
        let stopped = Arc::clone(&stop);
        let thread = std::thread::spawn(move || {
            let mut peak = None;
            while !stopped.load(Ordering::Relaxed) {
                if let Some(kib) = tree_rss_kib(root) {
                    peak = Some(peak.map_or(kib, |peak: u64| peak.max(kib)));
                }
                std::thread::sleep(EVERY);
            }
            peak
        });
        Self { stop, thread }
    }

    /// Stops sampling; the largest sum seen, in KiB, or `None` where `/proc`
    /// cannot tell (not Linux, or the process ended before the first sample).
    pub(crate) fn finish(self) -> Option<u64> {
        self.stop.store(true, Ordering::Relaxed);
        self.thread.join().ok().flatten()
    }
}

/// The summed `VmRSS` of `root` and its descendants, in KiB.
fn tree_rss_kib(root: u32) -> Option<u64> {
    let mut total = 0;
    let mut pending = vec![root];
    let mut seen_root = false;
    while let Some(pid) = pending.pop() {
        let Some(kib) = rss_kib(pid) else {
            continue;
        };
        seen_root |= pid == root;
        total += kib;
        pending.extend(children(pid));
    }
    seen_root.then_some(total)
}

/// `VmRSS` from `/proc/<pid>/status`, in KiB.
fn rss_kib(pid: u32) -> Option<u64> {
    let status = fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|value| value.trim().trim_end_matches("kB").trim().parse().ok())
}

/// The children of every thread of `pid` (a child belongs to the thread
/// that started it).
fn children(pid: u32) -> Vec<u32> {
    let Ok(threads) = fs::read_dir(format!("/proc/{pid}/task")) else {
        return Vec::new();
    };
    threads
        .filter_map(Result::ok)
        .filter_map(|thread| fs::read_to_string(thread.path().join("children")).ok())
        .flat_map(|list| {
            list.split_whitespace()
                .filter_map(|child| child.parse().ok())
                .collect::<Vec<u32>>()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn this_process_has_a_resident_set_where_proc_exists() {
        if fs::metadata("/proc/self/status").is_err() {
            return;
        }
        let kib = tree_rss_kib(std::process::id()).expect("this process is in /proc");
        assert!(kib > 0);
    }

    #[test]
    fn a_process_that_does_not_exist_has_no_tree() {
        assert_eq!(tree_rss_kib(u32::MAX), None);
    }
}
