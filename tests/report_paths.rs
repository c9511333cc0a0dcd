//! One path rule in every format (relative to the working folder, absolute outside it),
//! `--quiet` with `--max-warnings`, and `-o/--output-file`.

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use common::{assert_summary, copy_dir, kosmo_lint, redact_timing, repo, run};

/// The files a report names, whatever its format.
fn named_files(format: &str, report: &str) -> BTreeSet<String> {
    let mut files = BTreeSet::new();
    match format {
        "pretty" => {
            // `╭─[web/src/app/pages/cart/index.tsx:10:16]`; a finding about a whole file
            // starts its message with the path: `  ⚠ web/src/blog/kosmo.config.ts: …`.
            for line in report.lines() {
                let whole_file = line.strip_prefix("  ⚠ ").or_else(|| line.strip_prefix("  × "));
                if let Some((path, _)) = whole_file.and_then(|rest| rest.split_once(": "))
                    && !path.contains(' ')
                {
                    files.insert(path.to_owned());
                }
                if let Some((_, rest)) = line.split_once("─[") {
                    let inside = rest.trim_end_matches(']');
                    let file = inside.rsplitn(3, ':').last().unwrap_or(inside);
                    files.insert(file.to_owned());
                }
            }
        }
        "json" => {
            let document: serde_json::Value = serde_json::from_str(report).unwrap();
            for diagnostic in document["diagnostics"].as_array().unwrap() {
                files.insert(diagnostic["path"].as_str().unwrap().to_owned());
            }
        }
        "github" => {
            for line in report.lines() {
                let file = line.split("file=").nth(1).unwrap().split([',', ':']).next().unwrap();
                files.insert(file.to_owned());
            }
        }
        "sarif" => {
            let log: serde_json::Value = serde_json::from_str(report).unwrap();
            for result in log["runs"][0]["results"].as_array().unwrap() {
                let uri = &result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
                // The examples' paths hold brackets, encoded in URIs.
                let uri = uri.as_str().unwrap().replace("%5B", "[").replace("%5D", "]");
                files.insert(uri);
            }
        }
        "junit" => {
            for part in report.split(" file=\"").skip(1) {
                files.insert(part.split('"').next().unwrap().to_owned());
            }
        }
        _ => unreachable!(),
    }
    files
}

/// `key` of every object in the array `items`, as text.
fn field<'v>(items: &'v serde_json::Value, key: &str) -> Vec<&'v str> {
    items.as_array().unwrap().iter().map(|item| item[key].as_str().unwrap()).collect()
}

fn report(cwd: &Path, format: &str, paths: &[&str]) -> String {
    let result = run(kosmo_lint()
        .current_dir(cwd)
        .args(["check", "--no-cache", "--format", format])
        .args(paths));
    assert_eq!(result.code, 1, "{format}:\n{}{}", result.stdout, result.stderr);
    result.stdout
}

#[test]
fn every_format_names_files_from_the_working_folder() {
    let repository = tempfile::tempdir().unwrap();
    copy_dir(&repo("examples/shop"), &repository.path().join("web"));
    let mut per_format = Vec::new();
    for format in ["pretty", "json", "github", "sarif", "junit"] {
        let files = named_files(format, &report(repository.path(), format, &["web"]));
        assert!(!files.is_empty(), "{format}");
        for file in &files {
            assert!(file.starts_with("web/src/"), "{format}: {file}");
            assert!(repository.path().join(file).is_file(), "{format}: {file} does not exist");
        }
        per_format.push((format, files));
    }
    // The same files in every format.
    for (format, files) in &per_format[1..] {
        assert_eq!(files, &per_format[0].1, "{format} and pretty");
    }
}

#[test]
fn two_projects_in_one_run_stay_apart() {
    let repository = tempfile::tempdir().unwrap();
    copy_dir(&repo("examples/shop"), &repository.path().join("shop"));
    copy_dir(&repo("examples/seed-app"), &repository.path().join("seed"));
    let json = report(repository.path(), "json", &["shop", "seed"]);
    let document: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(document["version"], 2);
    let roots: Vec<&str> = field(&document["projects"], "root");
    assert_eq!(roots, ["seed", "shop"]);
    for diagnostic in document["diagnostics"].as_array().unwrap() {
        let project = diagnostic["project"].as_str().unwrap();
        assert!(diagnostic["path"].as_str().unwrap().starts_with(&format!("{project}/")));
    }
    let projects: BTreeSet<&str> = field(&document["diagnostics"], "project").into_iter().collect();
    assert_eq!(projects.into_iter().collect::<Vec<_>>(), ["seed", "shop"]);
}

#[test]
fn files_outside_the_working_folder_are_named_by_their_absolute_path() {
    let repository = tempfile::tempdir().unwrap();
    let web = repository.path().join("web");
    copy_dir(&repo("examples/shop"), &web);
    let root = fs::canonicalize(&web).unwrap();
    // From inside one source folder, the whole project: its files are below, or absolute.
    let json = report(&web.join("src/app"), "json", &["../.."]);
    let document: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(document["projects"][0]["root"], root.to_str().unwrap());
    let paths: Vec<&str> = field(&document["diagnostics"], "path");
    assert!(paths.iter().any(|p| p.starts_with("pages/")), "{paths:#?}");
    let admin = format!("{}/src/admin/", root.display());
    assert!(paths.iter().any(|p| p.starts_with(&admin)), "{paths:#?}");
    for path in paths {
        let file = if path.starts_with('/') {
            Path::new(path).to_owned()
        } else {
            web.join("src/app").join(path)
        };
        assert!(file.is_file(), "{path}");
    }
}

#[test]
fn quiet_hides_warnings_but_still_counts_them() {
    // The seed app has 6 errors and 13 warnings.
    let seed = repo("examples/seed-app");
    let quiet = run(kosmo_lint().args(["check", "--no-cache", "--quiet"]).arg(&seed));
    assert_eq!(quiet.code, 1);
    assert!(!quiet.stdout.contains("  ⚠ "), "{}", quiet.stdout);
    assert_summary(
        &quiet.stdout,
        "Checked 21 files in [time]: 6 errors, 13 warnings, 6 fixable (2 more with --unsafe-fixes).",
    );

    // Warnings only: --quiet with --max-warnings=0 still fails on them.
    let warnings_only = ["check", "--no-cache", "--quiet", "-A", "all", "-W", "missing-preload"];
    let passes = run(kosmo_lint().args(warnings_only).arg(&seed));
    assert_eq!(passes.code, 0, "{}", passes.stdout);
    let fails = run(kosmo_lint().args(warnings_only).arg("--max-warnings=0").arg(&seed));
    assert_eq!(fails.code, 1, "{}", fails.stdout);
    assert!(fails.stderr.contains("more than --max-warnings 0"), "{}", fails.stderr);
    let json = run(kosmo_lint().args(warnings_only).args(["--format", "json"]).arg(&seed));
    let document: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(document["diagnostics"].as_array().unwrap().len(), 0);
    assert!(document["summary"]["warnings"].as_u64().unwrap() > 0, "{document}");
}

#[test]
fn output_file_gets_the_format_and_the_terminal_the_findings() {
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("reports/ci/kosmo-lint.sarif");
    let result = run(kosmo_lint()
        .args(["check", "--no-cache", "--format", "sarif", "--output-file"])
        .arg(&file)
        .arg("examples/shop"));
    assert_eq!(result.code, 1);
    let log: serde_json::Value = serde_json::from_str(&fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(log["version"], "2.1.0");
    // stdout is the pretty report, with the same findings.
    let shown = redact_timing(&result.stdout);
    assert!(shown.contains("kosmo(missing-preload)"), "{shown}");
    assert_summary(
        &result.stdout,
        "Checked 56 files in [time]: 11 errors, 8 warnings, 4 fixable (1 more with --unsafe-fixes).",
    );
    assert_eq!(
        named_files("sarif", &fs::read_to_string(&file).unwrap()),
        named_files("pretty", &result.stdout)
    );

    // A place that cannot be written: exit 2, said on stderr.
    fs::write(out.path().join("a-file"), "").unwrap();
    let blocked = run(kosmo_lint()
        .args(["check", "--no-cache", "-o"])
        .arg(out.path().join("a-file/report.json"))
        .arg("examples/shop"));
    assert_eq!(blocked.code, 2, "{}", blocked.stderr);
    assert!(blocked.stderr.contains("cannot write the report to"), "{}", blocked.stderr);
}
