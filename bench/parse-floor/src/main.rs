//! `parse-floor [--threads N] DIR...`: the floor kosmo-lint is benchmarked against. It walks
//! the folders in parallel with the `ignore` crate (so `.gitignore` applies, as it does for
//! kosmo-lint and oxlint), and on the walker's threads reads every `.ts`/`.tsx` file and
//! parses it with oxc, keeping nothing. No linter built on oxc can check a project in less
//! time than this, so `bench/run.sh` reports kosmo-lint's time as a multiple of it.
//!
//! It prints one `name: value` line per figure (files, bytes, files that did not parse,
//! milliseconds) and exits 1 when a file could not be read, 2 on bad arguments.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use ignore::{WalkBuilder, WalkState};
use oxc_allocator::Allocator;
use oxc_parser::Parser;
use oxc_span::SourceType;

const USAGE: &str = "usage: parse-floor [--threads N] DIR...";

#[derive(Default)]
struct Totals {
    files: AtomicU64,
    bytes: AtomicU64,
    unparsable: AtomicU64,
    unreadable: AtomicU64,
}

fn main() -> ExitCode {
    let (threads, roots) = match arguments(std::env::args().skip(1)) {
        Ok(parsed) => parsed,
        Err(message) => {
            eprintln!("{message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let start = Instant::now();
    let totals = Totals::default();
    let mut walk = WalkBuilder::new(&roots[0]);
    for root in &roots[1..] {
        walk.add(root);
    }
    // 0 lets `ignore` pick one thread per core, as kosmo-lint does.
    walk.threads(threads);
    walk.build_parallel().run(|| {
        // One arena per walker thread, reset between files, as a linter keeps it.
        let mut allocator = Allocator::default();
        let totals = &totals;
        Box::new(move |entry| {
            if let Ok(entry) = entry
                && entry.file_type().is_some_and(|kind| kind.is_file())
                && is_typescript(entry.path())
            {
                parse(entry.path(), &mut allocator, totals);
            }
            WalkState::Continue
        })
    });
    let load = |counter: &AtomicU64| counter.load(Ordering::Relaxed);
    println!("files: {}", load(&totals.files));
    println!("bytes: {}", load(&totals.bytes));
    println!("files that did not parse: {}", load(&totals.unparsable));
    println!("ms: {:.1}", start.elapsed().as_secs_f64() * 1e3);
    if load(&totals.unreadable) > 0 { ExitCode::FAILURE } else { ExitCode::SUCCESS }
}

fn arguments(mut args: impl Iterator<Item = String>) -> Result<(usize, Vec<PathBuf>), String> {
    let mut threads = 0;
    let mut roots = Vec::new();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--threads" | "-j" => {
                let value = args.next().ok_or("--threads needs a number")?;
                threads = value.parse().map_err(|err| format!("--threads {value}: {err}"))?;
            }
            "-h" | "--help" => return Err("the parse floor of a project".to_owned()),
            flag if flag.starts_with('-') => return Err(format!("unknown option {flag}")),
            _ => roots.push(PathBuf::from(arg)),
        }
    }
    if roots.is_empty() {
        return Err("no folder given".to_owned());
    }
    Ok((threads, roots))
}

fn is_typescript(path: &Path) -> bool {
    path.extension().is_some_and(|ext| ext == "ts" || ext == "tsx")
}

fn parse(path: &Path, allocator: &mut Allocator, totals: &Totals) {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(err) => {
            eprintln!("{}: {err}", path.display());
            totals.unreadable.fetch_add(1, Ordering::Relaxed);
            return;
        }
    };
    allocator.reset();
    let source_type = SourceType::from_path(path).unwrap_or_else(|_| SourceType::tsx());
    let parsed = Parser::new(allocator, &text, source_type).parse();
    if parsed.panicked || parsed.diagnostics.has_errors() {
        totals.unparsable.fetch_add(1, Ordering::Relaxed);
    }
    totals.files.fetch_add(1, Ordering::Relaxed);
    totals.bytes.fetch_add(text.len() as u64, Ordering::Relaxed);
}
