//! Repository tasks. `docs` writes `docs/rules/` from the rules' metadata and doc comments,
//! the rules table of the top-level README and `kosmo-lint.schema.json`; `docs --check` only reports pages that differ
//! (the test suite does the same). `new-rule` writes the scaffold of a rule and registers it.
//! `corpus` writes a generated KosmoJS project with planted violations and their manifest
//! (`expected.json`), for the benchmarks (`bench/run.sh`), whose bookkeeping (recall check,
//! results table) is in `bench`. `npm` packs the npm packages (the launcher and this platform's
//! binary) into `target/npm/`.

mod bench;
mod corpus;
mod new_rule;

use std::path::Path;
use std::process::ExitCode;

use xtask::npm;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["docs"] => write_docs(false),
        ["docs", "--check"] => write_docs(true),
        ["new-rule", args @ ..] => new_rule::run(args),
        ["corpus", options @ ..] => corpus::run(options),
        ["corpus-check", dir, findings] => bench::corpus_check(dir, findings),
        ["bench-row", args @ ..] => bench::bench_row(args),
        ["bench-table", results] => bench::bench_table(results),
        ["npm", args @ ..] => npm::run(args),
        _ => {
            eprintln!(
                "usage: cargo run -p xtask -- docs [--check]\n       {}\n       {}\n       {}\n       {}",
                new_rule::USAGE,
                corpus::USAGE,
                bench::USAGE,
                npm::USAGE
            );
            ExitCode::from(2)
        }
    }
}

fn write_docs(check: bool) -> ExitCode {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files: Vec<(String, String)> = kosmo_lint_linter::docs::pages()
        .into_iter()
        .map(|(name, page)| (format!("docs/rules/{name}.md"), page))
        .collect();
    files.push(("docs/rules/README.md".to_owned(), kosmo_lint_linter::docs::index()));
    files.push(("kosmo-lint.schema.json".to_owned(), kosmo_lint_linter::docs::config_schema()));
    let readme = std::fs::read_to_string(root.join("README.md")).map_err(|err| err.to_string());
    match readme.and_then(|readme| kosmo_lint_linter::docs::with_readme_table(&readme)) {
        Ok(readme) => files.push(("README.md".to_owned(), readme)),
        Err(err) => {
            eprintln!("cannot render the rules table of README.md: {err}");
            return ExitCode::from(1);
        }
    }
    let mut stale = 0;
    for (file, content) in files {
        let path = root.join(&file);
        if std::fs::read_to_string(&path).ok().as_deref() == Some(content.as_str()) {
            continue;
        }
        stale += 1;
        if check {
            eprintln!("stale: {file}");
        } else if let Err(err) = std::fs::create_dir_all(path.parent().unwrap_or(&root))
            .and_then(|()| std::fs::write(&path, content))
        {
            eprintln!("cannot write {}: {err}", path.display());
            return ExitCode::from(1);
        } else {
            println!("wrote {file}");
        }
    }
    ExitCode::from(u8::from(check && stale > 0))
}
