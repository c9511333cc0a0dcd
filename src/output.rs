//! Writing to stdout. A reader that stops early (`kosmo-lint rules | head -1`) closes the
//! pipe: that ends the output, not the run, so nothing is said and the exit code stays the
//! run's (a check that found errors still exits 1).

use std::io::{self, Write};

use miette::{IntoDiagnostic, Report};

/// Writes `bytes` to stdout; a closed pipe is not an error.
pub fn write_stdout(bytes: &[u8]) -> Result<(), Report> {
    let mut stdout = io::stdout().lock();
    // The lock is line-buffered and its drop would swallow a failed flush: flush here.
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Err(err) if err.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        result => result.into_diagnostic(),
    }
}
