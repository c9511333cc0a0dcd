//! Phase timings on stderr when `KOSMO_LINT_TIMINGS` is set: where a run spends its time,
//! for profiling and `docs/performance.md`, at no cost otherwise.

use std::sync::OnceLock;
use std::time::Instant;

fn enabled() -> bool {
    static ENABLED: OnceLock<bool> = OnceLock::new();
    *ENABLED.get_or_init(|| std::env::var_os("KOSMO_LINT_TIMINGS").is_some())
}

/// Runs `f` and, when enabled, prints `phase: N ms`.
pub fn phase<T>(name: &str, f: impl FnOnce() -> T) -> T {
    if !enabled() {
        return f();
    }
    let started = Instant::now();
    let out = f();
    eprintln!("timing {name}: {:.1} ms", started.elapsed().as_secs_f64() * 1000.0);
    out
}
