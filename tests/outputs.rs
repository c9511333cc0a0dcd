//! The report formats, read by the tools that consume them: the SARIF multitool (npm) and
//! junitparser (`PyPI`), installed from their registries by `common::consumers`; and the one
//! path rule every format follows.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::consumers::{npm_file, python_bin};
use common::{copy_dir, kosmo_lint, repo, run, write};

/// A page with `missing-preload` (fixable) in a route folder named `folder`.
fn page(name: &str) -> String {
    format!(
        r#"import {{ createAsync, query }} from "@solidjs/router";
import fetchClients from "_/fetch";

const get{name} = query(() => fetchClients["users/[id]"].GET([1]), "{name}");

export default function Page() {{
  const user = createAsync(() => get{name}());
  return <p>{{JSON.stringify(user())}}</p>;
}}
"#
    )
}

/// The G5 fixture in `<dir>/<folder>`, with pages in folders whose names a URI must encode:
/// `%`, `#`, a space, brackets, non-ASCII letters; a file that is not UTF-8 (an io-error)
/// and a broken link (a skipped path).
fn awkward_project(dir: &Path, folder: &str) -> PathBuf {
    let root = dir.join(folder);
    copy_dir(&repo("tests/fixtures/generations/g5"), &root);
    for (route, name) in [
        ("100%", "Percent"),
        ("#hash", "Hash"),
        ("a b", "Space"),
        ("[id]/{slug}", "Brackets"),
        ("café/ünïcödé", "Accents"),
    ] {
        write(&root, &format!("src/app/pages/{route}/index.tsx"), page(name));
    }
    write(&root, "src/app/pages/latin1/index.tsx", b"export const caf\xe9 = 1;\n");
    #[cfg(unix)]
    std::os::unix::fs::symlink("nowhere.tsx", root.join("src/app/pages/broken.tsx")).unwrap();
    root
}

/// `sarif-multitool validate` with its SARIF rules and with GitHub's: what it reported, one
/// line per error, warning or note. An empty list means the log was accepted.
fn multitool_problems(log: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    for kind in ["Sarif", "Gh"] {
        // The package's own launcher passes its arguments through a shell, which splits
        // `Error;Warning;Note`: run the platform's binary.
        let output = Command::new(npm_file("@microsoft/sarif-multitool-linux/Sarif.Multitool"))
            .args(["validate", "--rule-kind", kind, "--level", "Error;Warning"])
            .arg(log)
            .output()
            .expect("the SARIF multitool starts");
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(
            stdout.contains("Analysis completed successfully"),
            "the multitool did not validate {}:\n{stdout}{}",
            log.display(),
            String::from_utf8_lossy(&output.stderr)
        );
        problems.extend(
            stdout
                .lines()
                .filter(|line| {
                    [": error ", ": warning ", ": note "].iter().any(|l| line.contains(l))
                })
                .map(|line| format!("[{kind}] {line}")),
        );
    }
    problems
}

/// Runs `kosmo-lint check --format sarif -o <log> <args>` from `cwd`; the log's path.
fn sarif_log(cwd: &Path, args: &[&str], log: &Path) -> serde_json::Value {
    let result = run(kosmo_lint()
        .current_dir(cwd)
        .args(["check", "--format", "sarif", "-o"])
        .arg(log)
        .args(args));
    assert!(result.code == 1, "findings expected:\n{}{}", result.stdout, result.stderr);
    serde_json::from_str(&fs::read_to_string(log).unwrap()).unwrap()
}

#[test]
fn the_multitool_accepts_the_sarif_of_the_examples() {
    let out = tempfile::tempdir().unwrap();
    for example in ["examples/shop", "examples/seed-app"] {
        let log = out.path().join("report.sarif");
        let sarif = sarif_log(&repo(""), &["--no-cache", example], &log);
        let results = sarif["runs"][0]["results"].as_array().unwrap();
        assert!(results.len() > 5, "{example}: {} results", results.len());
        assert_eq!(multitool_problems(&log), Vec::<String>::new(), "{example}");
    }
}

#[test]
fn the_multitool_accepts_uris_that_must_be_encoded_and_the_notifications() {
    let dir = tempfile::tempdir().unwrap();
    let root = awkward_project(dir.path(), "web #1 100% ü");
    let log = dir.path().join("report.sarif");
    // From the repository's folder: paths relative to it, against %SRCROOT%.
    let sarif = sarif_log(dir.path(), &["--no-cache", "web #1 100% ü"], &log);
    assert_eq!(multitool_problems(&log), Vec::<String>::new());
    let run = &sarif["runs"][0];
    let uris: Vec<&str> = run["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str().unwrap())
        .collect();
    for expected in [
        "web%20%231%20100%25%20%C3%BC/src/app/pages/100%25/index.tsx",
        "web%20%231%20100%25%20%C3%BC/src/app/pages/%23hash/index.tsx",
        "web%20%231%20100%25%20%C3%BC/src/app/pages/a%20b/index.tsx",
        "web%20%231%20100%25%20%C3%BC/src/app/pages/%5Bid%5D/%7Bslug%7D/index.tsx",
        "web%20%231%20100%25%20%C3%BC/src/app/pages/caf%C3%A9/%C3%BCn%C3%AFc%C3%B6d%C3%A9/index.tsx",
    ] {
        assert!(uris.contains(&expected), "{expected} not in {uris:#?}");
    }
    // Fixes are SARIF fixes: the missing preload, inserted where --fix inserts it.
    let with_fix = run["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "missing-preload" && r["fixes"].is_array())
        .expect("a missing-preload result with its fix");
    let replacement = &with_fix["fixes"][0]["artifactChanges"][0]["replacements"][0];
    assert!(
        replacement["insertedContent"]["text"].as_str().unwrap().contains("export const preload")
    );
    // The file that is not UTF-8 and the broken link are notifications, not results.
    let invocation = &run["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], true);
    let notified: Vec<&str> = invocation["toolExecutionNotifications"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["descriptor"]["id"].as_str().unwrap())
        .collect();
    assert!(notified.contains(&"io-error") && notified.contains(&"skipped"), "{notified:?}");
    assert!(!run["results"].as_array().unwrap().iter().any(|r| r["ruleId"] == "io-error"));

    // From elsewhere: absolute `file:` URIs, also accepted.
    let elsewhere = tempfile::tempdir().unwrap();
    let sarif = sarif_log(elsewhere.path(), &["--no-cache", root.to_str().unwrap()], &log);
    let uri = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
        ["uri"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(
        uri.starts_with("file:///") && uri.contains("web%20%231%20100%25%20%C3%BC/src/"),
        "{uri}"
    );
    assert_eq!(multitool_problems(&log), Vec::<String>::new());
}

/// The harness can fail: a log with the defects the multitool rejected before (an URI with
/// brackets, a rule without descriptions) is reported.
#[test]
fn the_multitool_rejects_what_it_should() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("bad.sarif");
    let bad = serde_json::json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": { "name": "kosmo-lint", "rules": [{ "id": "missing-preload" }] } },
            "results": [{
                "ruleId": "missing-preload", "ruleIndex": 0, "level": "warning",
                "message": { "text": "m." },
                "locations": [{ "physicalLocation": {
                    "artifactLocation": { "uri": "src/pages/[id]/index.tsx", "uriBaseId": "%SRCROOT%" },
                    "region": { "startLine": 1, "startColumn": 1, "endLine": 1, "endColumn": 2 }
                } }]
            }]
        }]
    });
    fs::write(&log, bad.to_string()).unwrap();
    let problems = multitool_problems(&log).join("\n");
    assert!(problems.contains("SARIF1002"), "{problems}");
    assert!(problems.contains("GH2012"), "{problems}");
}

/// Two projects in one run, read by junitparser: one suite each, named apart, with their
/// own test cases.
#[test]
fn junitparser_reads_a_suite_per_project() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&repo("examples/shop"), &dir.path().join("shop"));
    copy_dir(&repo("examples/seed-app"), &dir.path().join("seed"));
    let report = dir.path().join("reports/kosmo-lint.xml");
    let result = run(kosmo_lint()
        .current_dir(dir.path())
        .args(["check", "--no-cache", "--format", "junit", "-o"])
        .arg(&report)
        .args(["shop", "seed"]));
    assert_eq!(result.code, 1, "{}", result.stderr);
    let script = r#"
import json, sys
from junitparser import JUnitXml
xml = JUnitXml.fromfile(sys.argv[1])
suites = []
for suite in xml:
    cases = list(suite)
    suites.append({
        "name": suite.name,
        "tests": suite.tests,
        "failures": suite.failures,
        "cases": len(cases),
        "files": [case.classname for case in cases],
        "properties": {p.name: p.value for p in suite.properties()},
    })
print(json.dumps(suites))
"#;
    let output =
        Command::new(python_bin("python")).args(["-c", script]).arg(&report).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let suites: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let suites = suites.as_array().unwrap();
    let names: Vec<&str> = suites.iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["kosmo-lint (seed)", "kosmo-lint (shop)"]);
    for (suite, folder) in suites.iter().zip(["seed/", "shop/"]) {
        assert_eq!(suite["tests"], suite["cases"]);
        assert!(suite["failures"].as_u64().unwrap() > 5, "{suite}");
        let files = suite["files"].as_array().unwrap();
        assert!(files.iter().all(|f| f.as_str().unwrap().starts_with(folder)), "{suite}");
        assert_eq!(suite["properties"]["project"], folder.trim_end_matches('/'));
    }
}
