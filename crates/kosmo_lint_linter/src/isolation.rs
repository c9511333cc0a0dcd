//! A panic while one file is analysed (its extraction and its rules) is a bug, but it must not
//! take the run down: it becomes an `internal-error` finding on that file, the rest is still
//! linted, and the run exits 2. Panics anywhere else are said on stderr, as a bug to report.

use std::cell::{Cell, RefCell};
use std::panic::{self, AssertUnwindSafe, PanicHookInfo};

use kosmo_lint_core::{Finding, ProjectFile};

thread_local! {
    /// Whether this thread is inside [`per_file`]: its panics become findings, not stderr.
    static IN_FILE: Cell<bool> = const { Cell::new(false) };
    /// The message of the last panic caught on this thread.
    static CAUGHT: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Where bugs are reported.
const ISSUES: &str = concat!(env!("CARGO_PKG_REPOSITORY"), "/issues");

/// Replaces the default hook (a `thread '…' panicked at` line and a backtrace hint): inside a
/// file's analysis the message is kept for its finding; elsewhere it is said as a bug.
pub fn install_panic_hook() {
    panic::set_hook(Box::new(|info| {
        let message = panic_message(info);
        if IN_FILE.get() {
            CAUGHT.set(Some(message));
        } else {
            eprintln!(
                "kosmo-lint: internal error: {message}\nThis is a bug in kosmo-lint; please \
                 report it at {ISSUES}."
            );
        }
    }));
}

/// Runs one file's analysis; a panic in it is that file's `internal-error` finding.
pub fn per_file<T>(file: &ProjectFile, analysis: impl FnOnce() -> T) -> Result<T, Box<Finding>> {
    let outer = IN_FILE.replace(true);
    let result = panic::catch_unwind(AssertUnwindSafe(analysis));
    IN_FILE.set(outer);
    result.map_err(|_| {
        let message = CAUGHT.take().unwrap_or_else(|| "unknown panic".to_owned());
        Box::new(Finding::whole_file(
            "internal-error",
            file.path.clone(),
            file.rel.clone(),
            format!(
                "kosmo-lint crashed while checking this file ({message}); this is a bug, please \
                 report it with the file at {ISSUES}"
            ),
        ))
    })
}

fn panic_message(info: &PanicHookInfo<'_>) -> String {
    let payload = info.payload();
    let text = payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("a panic without a message");
    match info.location() {
        Some(at) => format!("{text}, at {}:{}", at.file(), at.line()),
        None => text.to_owned(),
    }
}
