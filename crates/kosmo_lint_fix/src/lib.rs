//! Applying edits and writing files without ever corrupting one: a round of non-overlapping
//! fixes spliced into a text in the file's own line endings (`apply.rs`), a unified diff of
//! the result (`diff.rs`), and an atomic write that respects permissions and hard links
//! (`write.rs`). A leaf: which fixes to apply, and checking their result, is the linter's
//! fix loop (`kosmo_lint_linter::lint_fix`).

mod apply;
mod diff;
mod write;

use std::path::PathBuf;

use kosmo_lint_core::Applicability;

pub use apply::{Applied, apply_fixes};
pub use diff::unified_diff;
pub use write::write_atomically;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FixOptions {
    /// Also apply fixes marked unsafe (`--unsafe-fixes`).
    pub unsafe_fixes: bool,
    /// Write the fixed files (`--fix`); `false` only computes them (`--diff`).
    pub write: bool,
}

/// One file whose text the fixes changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileChange {
    pub path: PathBuf,
    /// Relative to the project root, `/`-separated.
    pub display_path: String,
    pub original: String,
    pub fixed: String,
}

impl FileChange {
    /// A unified diff, `a/<path>` → `b/<path>`, as `git diff` prints it, that `patch` and
    /// `git apply` accept whatever the file's line endings.
    pub fn unified_diff(&self) -> String {
        unified_diff(&self.display_path, &self.original, &self.fixed)
    }
}

/// Whether `options` allow applying a fix of this applicability.
pub fn applies(applicability: Applicability, options: FixOptions) -> bool {
    match applicability {
        Applicability::Safe => true,
        Applicability::Unsafe => options.unsafe_fixes,
        Applicability::DisplayOnly => false,
    }
}

#[cfg(test)]
mod tests {
    use kosmo_lint_core::Applicability;

    use super::FixOptions;

    #[test]
    fn unsafe_and_display_only_fixes_need_their_own_permission() {
        let safe = FixOptions { unsafe_fixes: false, write: true };
        let unsafe_too = FixOptions { unsafe_fixes: true, write: true };
        assert!(super::applies(Applicability::Safe, safe));
        assert!(!super::applies(Applicability::Unsafe, safe));
        assert!(super::applies(Applicability::Unsafe, unsafe_too));
        assert!(!super::applies(Applicability::DisplayOnly, unsafe_too));
    }
}
