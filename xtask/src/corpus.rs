//! `corpus --routes N [--seed S] [--generation g1|g5] --out DIR`: writes a generated project
//! and its `expected.json` (see the `kosmo_lint_corpus` crate).

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use kosmo_lint_corpus::{Corpus, Generation, Options};

pub const USAGE: &str =
    "cargo run -p xtask -- corpus --routes N [--seed S] [--generation g1|g5] --out DIR";

pub fn run(args: &[&str]) -> ExitCode {
    let (options, out) = match parse(args) {
        Ok(parsed) => parsed,
        Err(message) => {
            eprintln!("{message}\nusage: {USAGE}");
            return ExitCode::from(2);
        }
    };
    let start = Instant::now();
    let corpus = Corpus::generate(options);
    if let Err(err) = corpus.write(&out) {
        eprintln!("cannot write the corpus to {}: {err}", out.display());
        return ExitCode::from(1);
    }
    let manifest = corpus.manifest();
    eprintln!(
        "{}: {} source files, {} bytes, {} planted violations, in {:.2} s",
        out.display(),
        manifest["stats"]["source_files"],
        manifest["stats"]["source_bytes"],
        corpus.violations().len(),
        start.elapsed().as_secs_f64()
    );
    ExitCode::SUCCESS
}

fn parse(args: &[&str]) -> Result<(Options, PathBuf), String> {
    let mut options = Options { routes: 0, seed: 1, generation: Generation::G1 };
    let mut out = None;
    let mut args = args.iter();
    while let Some(&flag) = args.next() {
        let value = *args.next().ok_or_else(|| format!("{flag} needs a value"))?;
        let number = || value.parse::<u64>().map_err(|err| format!("{flag} {value}: {err}"));
        match flag {
            "--routes" => {
                options.routes = usize::try_from(number()?).map_err(|err| err.to_string())?;
            }
            "--seed" => options.seed = number()?,
            "--generation" => options.generation = value.parse()?,
            "--out" => out = Some(PathBuf::from(value)),
            other => return Err(format!("unknown option {other}")),
        }
    }
    if options.routes == 0 {
        return Err("--routes must be at least 1".to_owned());
    }
    if options.routes > 100_000 {
        return Err("--routes is at most 100000".to_owned());
    }
    Ok((options, out.ok_or("--out is required")?))
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn options_are_checked() {
        let (options, out) = parse(&["--routes", "5", "--generation", "g5", "--out", "x"]).unwrap();
        assert_eq!((options.routes, options.seed, out.to_str()), (5, 1, Some("x")));
        assert!(parse(&["--routes", "0", "--out", "x"]).is_err());
        assert!(parse(&["--routes", "5"]).is_err());
        assert!(parse(&["--routes", "5", "--generation", "g3", "--out", "x"]).is_err());
        assert!(parse(&["--routes"]).is_err());
    }
}
