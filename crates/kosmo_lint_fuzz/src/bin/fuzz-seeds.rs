//! `cargo run -p kosmo_lint_fuzz --bin fuzz-seeds -- DIR`: writes each target's seed corpus
//! to `DIR/<target>/`, for `fuzz/run.sh`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use kosmo_lint_fuzz::{Target, seeds};

fn main() -> ExitCode {
    let Some(out) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: fuzz-seeds DIR");
        return ExitCode::from(2);
    };
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    for target in Target::ALL {
        let dir = out.join(target.name());
        let written = std::fs::create_dir_all(&dir).and_then(|()| {
            let seeds = seeds(target, &repo);
            for (name, data) in &seeds {
                std::fs::write(dir.join(name), data)?;
            }
            Ok(seeds.len())
        });
        match written {
            Ok(count) => println!("{}: {count} seeds", target.name()),
            Err(err) => {
                eprintln!("fuzz-seeds: cannot write {}: {err}", dir.display());
                return ExitCode::FAILURE;
            }
        }
    }
    ExitCode::SUCCESS
}
