//! Repository tasks. `docs` writes `docs/rules/` from the rules' metadata and doc comments;
//! `docs --check` only reports pages that differ (the test suite does the same). `corpus`
//! writes a generated KosmoJS project with planted violations and their manifest
//! (`expected.json`), for the benchmarks (`bench/run.sh`), whose bookkeeping (recall check,
//! results table) is in `bench`.

mod bench;
mod corpus;

use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["docs"] => write_docs(false),
        ["docs", "--check"] => write_docs(true),
        ["corpus", options @ ..] => corpus::run(options),
        ["corpus-check", dir, findings] => bench::corpus_check(dir, findings),
        ["bench-row", args @ ..] => bench::bench_row(args),
        ["bench-table", results] => bench::bench_table(results),
        _ => {
            eprintln!(
                "usage: cargo run -p xtask -- docs [--check]\n       {}\n       {}",
                corpus::USAGE,
                bench::USAGE
            );
            ExitCode::from(2)
        }
    }
}

fn write_docs(check: bool) -> ExitCode {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/rules");
    let mut pages: Vec<(String, String)> = kosmo_lint_linter::docs::pages()
        .into_iter()
        .map(|(name, page)| (format!("{name}.md"), page))
        .collect();
    pages.push(("README.md".to_owned(), kosmo_lint_linter::docs::index()));
    // The configuration file's schema lives at the repository root, beside the README.
    pages.push(("../../kosmo-lint.schema.json".to_owned(), kosmo_lint_core::config::json_schema()));
    let mut stale = 0;
    for (file, page) in pages {
        let path = dir.join(&file);
        if std::fs::read_to_string(&path).ok().as_deref() == Some(page.as_str()) {
            continue;
        }
        stale += 1;
        if check {
            eprintln!("stale: docs/rules/{file}");
        } else if let Err(err) =
            std::fs::create_dir_all(&dir).and_then(|()| std::fs::write(&path, page))
        {
            eprintln!("cannot write {}: {err}", path.display());
            return ExitCode::from(1);
        } else {
            println!("wrote docs/rules/{file}");
        }
    }
    ExitCode::from(u8::from(check && stale > 0))
}
