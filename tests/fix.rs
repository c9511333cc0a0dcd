//! `kosmo-lint check --fix` / `--diff` end to end (issue 5): before/after snapshots of every
//! `missing-preload` fix in LF, CRLF, BOM and no-final-newline files, idempotence on every
//! fixture project and example, read-only files and folders, permission bits, the examples'
//! diffs and fixes, and `--diff --fix` as a usage error (fixes in particular code shapes are
//! in `fix_shapes.rs`). Every run works on a temporary copy:
//! the repository's own files are never written.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use common::{arg, check_json, kosmo, kosmo_in, redact_timing, repo, repo_copy, tree_bytes};
use serde_json::{Value, json};

/// A page that `missing-preload` reports, in a fixture project under `tests/fixtures/fix/`.
struct Case {
    /// The snapshot name's prefix.
    name: &'static str,
    project: &'static str,
    page: &'static str,
    /// The statement the fix inserts.
    preload: &'static str,
}

/// The fixable cases: G1 and G5 `query()` wrappers, without and with route params, and a
/// file without semicolons.
const CASES: &[Case] = &[
    Case {
        name: "g1_query",
        project: "g1-query",
        page: "@front/pages/team/index.tsx",
        preload: "export const preload = () => { void getUsers(); };",
    },
    Case {
        name: "g5_query",
        project: "g5-query",
        page: "src/app/pages/users/index.tsx",
        preload: "export const preload = () => { void getUsers(); };",
    },
    Case {
        name: "g5_params",
        project: "g5-params",
        page: "src/app/pages/users/[id]/index.tsx",
        preload: "export const preload = ({ params }: { params: Record<string, string> }) => { void getUser(params.id); };",
    },
    Case {
        name: "no_semicolons",
        project: "no-semicolons",
        page: "@front/pages/team/index.tsx",
        preload: "export const preload = () => { void getUsers() }",
    },
];

/// The page whose `createAsync` argument reads a signal: reported, but no fix is offered.
const REACTIVE_PROJECT: &str = "tests/fixtures/fix/reactive-arg";
const REACTIVE_PAGE: &str = "src/app/pages/users/[id]/index.tsx";

/// How a page's text is stored, made by the test from the fixture's LF text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    Lf,
    Crlf,
    Bom,
    NoFinalNewline,
}

/// `Lf` first: the other styles are compared with its result.
const STYLES: [Style; 4] = [Style::Lf, Style::Crlf, Style::Bom, Style::NoFinalNewline];

impl Style {
    fn name(self) -> &'static str {
        match self {
            Style::Lf => "lf",
            Style::Crlf => "crlf",
            Style::Bom => "bom",
            Style::NoFinalNewline => "no_final_newline",
        }
    }

    /// `lf` (LF line endings, a final newline, no BOM) stored in this style.
    fn apply(self, lf: &str) -> String {
        match self {
            Style::Lf => lf.to_owned(),
            Style::Crlf => lf.replace('\n', "\r\n"),
            Style::Bom => format!("\u{feff}{lf}"),
            Style::NoFinalNewline => lf.strip_suffix('\n').expect("ends with a newline").to_owned(),
        }
    }

    fn newline(self) -> &'static str {
        if self == Style::Crlf { "\r\n" } else { "\n" }
    }
}

/// The LF source of a fixture page, checked to be in the form [`Style::apply`] expects.
fn lf_source(project: &str, page: &str) -> String {
    let text = fs::read_to_string(repo(&format!("{project}/{page}"))).unwrap();
    assert!(!text.contains('\r') && !text.starts_with('\u{feff}'), "{project}/{page}: LF, no BOM");
    assert!(text.ends_with('\n'), "{project}/{page} ends with a newline");
    text
}

/// A temporary copy of `project` whose `page` is stored in `style`; returns the copy and the
/// page's bytes.
fn styled_copy(project: &str, page: &str, style: Style) -> (tempfile::TempDir, String) {
    let text = style.apply(&lf_source(project, page));
    let dir = repo_copy(project);
    fs::write(dir.path().join(page), &text).unwrap();
    (dir, text)
}

/// A text with its invisible parts shown: the BOM as `⟨BOM⟩`, `\r` as `␍`, the end as `⟨EOF⟩`
/// (so a final newline, or its absence, shows in a snapshot).
fn visible(text: &str) -> String {
    format!("{}⟨EOF⟩", text.replace('\u{feff}', "⟨BOM⟩").replace('\r', "␍"))
}

/// A before/after snapshot of one page.
fn before_after(before: &str, after: &str) -> String {
    format!("before:\n{}\n\nafter:\n{}\n", visible(before), visible(after))
}

fn diagnostics(document: &Value) -> &Vec<Value> {
    document["diagnostics"].as_array().expect("a diagnostics array")
}

/// The files whose bytes differ between two [`tree_bytes`] (added and removed ones too).
fn changed_files(
    before: &BTreeMap<PathBuf, Vec<u8>>,
    after: &BTreeMap<PathBuf, Vec<u8>>,
) -> Vec<PathBuf> {
    let mut paths: Vec<&PathBuf> = before.keys().chain(after.keys()).collect();
    paths.sort();
    paths.dedup();
    paths.into_iter().filter(|p| before.get(*p) != after.get(*p)).cloned().collect()
}

/// Entries of `folder` named like kosmo-lint's temporary files.
fn temporary_files(folder: &Path) -> Vec<String> {
    fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(".kosmo-lint-"))
        .collect()
}

/// The last line of a run's stdout, timing redacted.
fn summary(stdout: &str) -> String {
    redact_timing(stdout.lines().last().unwrap_or_default())
}

#[test]
fn fix_snapshots_per_case_and_line_ending_style() {
    for case in CASES {
        let project = format!("tests/fixtures/fix/{}", case.project);
        let mut lf_fixed: Option<String> = None;
        for style in STYLES {
            let label = format!("{} ({})", case.name, style.name());
            let (dir, before) = styled_copy(&project, case.page, style);
            let page = dir.path().join(case.page);

            // Before: exactly one finding, the page's missing preload, with a safe fix.
            let (code, document) = check_json(dir.path());
            assert_eq!(code, 0, "{label}: a warning only");
            let [finding] = diagnostics(&document).as_slice() else {
                panic!("{label}: one finding expected: {document:#}");
            };
            assert_eq!(
                (&finding["rule"], &finding["path"]),
                (&json!("missing-preload"), &json!(case.page)),
                "{label}"
            );
            assert_eq!(finding["fix"]["applicability"], "safe", "{label}");
            assert_eq!(finding["fix"]["message"], format!("add `{}`", case.preload), "{label}");

            let run = kosmo(&["check", "--fix", arg(dir.path())]);
            assert_eq!(run.code, 0, "{label}: {}{}", run.stdout, run.stderr);
            assert_eq!(
                run.stdout.lines().count(),
                1,
                "{label}: only the summary is left:\n{}",
                run.stdout
            );
            assert!(
                summary(&run.stdout)
                    .ends_with(": 0 errors, 0 warnings, 0 fixable. Fixed 1 finding."),
                "{label}: {}",
                run.stdout
            );

            let bytes = fs::read(&page).unwrap();
            let after = String::from_utf8(bytes.clone()).expect("still UTF-8");
            // The fix only inserts the statement, separated by a blank line in the file's
            // line endings: removing it gives back the original bytes.
            let inserted = format!("{nl}{nl}{}", case.preload, nl = style.newline());
            assert_eq!(after.matches(&inserted).count(), 1, "{label}:\n{after}");
            assert_eq!(after.replacen(&inserted, "", 1), before, "{label}: nothing else changed");
            match style {
                Style::Lf => {
                    assert!(!after.contains('\r') && after.ends_with('\n'), "{label}");
                    lf_fixed = Some(after.clone());
                }
                Style::Crlf => {
                    let bare =
                        after.match_indices('\n').filter(|&(i, _)| !after[..i].ends_with('\r'));
                    assert_eq!(bare.count(), 0, "{label}: no bare \\n after the fix:\n{after:?}");
                }
                Style::Bom => {
                    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF", "{label}: the BOM stays first");
                    assert_eq!(after.matches('\u{feff}').count(), 1, "{label}: one BOM");
                }
                Style::NoFinalNewline => {
                    assert!(!after.ends_with('\n'), "{label}: still no final newline");
                }
            }
            // Every style gets the LF result, stored in its own style.
            let lf_fixed = lf_fixed.as_deref().expect("the LF style runs first");
            assert_eq!(after, style.apply(lf_fixed), "{label}: same fix as for LF");

            // The fixed file parses and the finding is gone.
            let (code, document) = check_json(dir.path());
            assert_eq!(code, 0, "{label}: {document:#}");
            assert!(
                !diagnostics(&document).iter().any(|d| d["rule"] == "syntax-error"),
                "{label}: the fixed file parses: {document:#}"
            );
            assert_eq!(diagnostics(&document), &Vec::<Value>::new(), "{label}: nothing left");

            // A second --fix changes no byte.
            let tree = tree_bytes(dir.path());
            let again = kosmo(&["check", "--fix", arg(dir.path())]);
            assert_eq!(again.code, 0, "{label}: {}", again.stdout);
            assert!(summary(&again.stdout).ends_with(" 0 fixable. Fixed 0 findings."), "{label}");
            assert_eq!(
                changed_files(&tree, &tree_bytes(dir.path())),
                Vec::<PathBuf>::new(),
                "{label}"
            );

            insta::assert_snapshot!(
                format!("{}_{}", case.name, style.name()),
                before_after(&before, &after)
            );
        }
    }
}

#[test]
fn a_reactive_argument_gets_no_fix_and_the_file_stays_byte_identical() {
    for style in STYLES {
        let label = format!("reactive-arg ({})", style.name());
        let (dir, before) = styled_copy(REACTIVE_PROJECT, REACTIVE_PAGE, style);
        let tree = tree_bytes(dir.path());

        let (code, document) = check_json(dir.path());
        assert_eq!(code, 0, "{label}: a warning only");
        let [finding] = diagnostics(&document).as_slice() else {
            panic!("{label}: one finding expected: {document:#}");
        };
        assert_eq!(finding["rule"], "missing-preload", "{label}");
        assert_eq!(finding["path"], REACTIVE_PAGE, "{label}");
        assert_eq!(finding["fix"], Value::Null, "{label}: no fix offered");
        assert_eq!(document["summary"]["fixable"], 0, "{label}");

        let run = kosmo_in(dir.path(), &["check", "--fix", arg(dir.path())]);
        assert_eq!(run.code, 0, "{label}: {}", run.stdout);
        assert!(run.stdout.contains("kosmo(missing-preload)"), "{label}: still reported");
        assert!(
            summary(&run.stdout).ends_with(": 0 errors, 1 warning, 0 fixable. Fixed 0 findings."),
            "{label}: {}",
            run.stdout
        );
        assert_eq!(fs::read_to_string(dir.path().join(REACTIVE_PAGE)).unwrap(), before, "{label}");
        assert_eq!(changed_files(&tree, &tree_bytes(dir.path())), Vec::<PathBuf>::new(), "{label}");

        let diff = kosmo(&["check", "--diff", arg(dir.path())]);
        assert_eq!((diff.code, diff.stdout.as_str()), (0, ""), "{label}: nothing to show");
        if style == Style::Lf {
            insta::assert_snapshot!("reactive_arg_fix_pretty", redact_timing(&run.stdout));
        }
    }
}

/// Every fixture project kosmo-lint accepts, and both examples.
fn every_project() -> Vec<String> {
    let mut projects = Vec::new();
    for group in ["generations", "projects", "fix"] {
        let folder = format!("tests/fixtures/{group}");
        let mut names: Vec<String> = fs::read_dir(repo(&folder))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| !(group == "projects" && name == "not-kosmo"))
            .collect();
        names.sort();
        projects.extend(names.into_iter().map(|name| format!("{folder}/{name}")));
    }
    projects.extend(["examples/shop".to_owned(), "examples/seed-app".to_owned()]);
    projects
}

#[test]
fn a_second_fix_changes_no_byte_in_any_fixture_or_example() {
    let projects = every_project();
    assert!(projects.len() >= 14, "generations, projects, fix fixtures and examples: {projects:?}");
    for rel in projects {
        let dir = repo_copy(&rel);
        let first = kosmo_in(dir.path(), &["check", "--fix", arg(dir.path())]);
        assert!(matches!(first.code, 0 | 1), "{rel}: {}{}", first.stdout, first.stderr);
        assert!(summary(&first.stdout).contains(" Fixed "), "{rel}: {}", first.stdout);

        let tree = tree_bytes(dir.path());
        let second = kosmo_in(dir.path(), &["check", "--fix", arg(dir.path())]);
        assert_eq!(second.code, first.code, "{rel}: {}", second.stdout);
        assert!(
            summary(&second.stdout).contains(" 0 fixable")
                && summary(&second.stdout).ends_with(". Fixed 0 findings."),
            "{rel}: no fixable finding left:\n{}",
            second.stdout
        );
        assert_eq!(
            changed_files(&tree, &tree_bytes(dir.path())),
            Vec::<PathBuf>::new(),
            "{rel}: the second --fix changed files"
        );

        let diff = kosmo_in(dir.path(), &["check", "--diff", arg(dir.path())]);
        assert_eq!((diff.code, diff.stdout.as_str()), (0, ""), "{rel}: nothing left to show");
    }
}

/// Runs `--fix` (pretty and JSON) on a copy of the G5 query fixture whose page, or its folder,
/// `make_read_only` protects, and checks that the page is refused with an `io-error` naming it.
fn assert_read_only_is_refused(make_read_only: fn(&Path, &Path), restore: fn(&Path, &Path)) {
    let case = &CASES[1];
    let dir = repo_copy(&format!("tests/fixtures/fix/{}", case.project));
    let page = dir.path().join(case.page);
    let folder = page.parent().unwrap().to_path_buf();
    let tree = tree_bytes(dir.path());
    make_read_only(&page, &folder);

    let pretty = kosmo_in(dir.path(), &["check", "--fix", arg(dir.path())]);
    let json_run = kosmo_in(dir.path(), &["check", "--fix", "--format", "json", arg(dir.path())]);
    let diff = kosmo_in(dir.path(), &["check", "--diff", arg(dir.path())]);
    let leftovers = temporary_files(&folder);
    restore(&page, &folder);

    // Pretty: the finding names the file and says why.
    assert_eq!(pretty.code, 1, "an io-error is an error:\n{}", pretty.stdout);
    assert!(pretty.stdout.contains("kosmo(io-error)"), "{}", pretty.stdout);
    let line = pretty.stdout.lines().find(|l| l.contains("cannot write")).unwrap_or_default();
    assert!(line.contains(case.page) && line.contains("read-only"), "{}", pretty.stdout);
    assert!(
        summary(&pretty.stdout).ends_with(": 1 error, 1 warning, 1 fixable. Fixed 0 findings."),
        "{}",
        pretty.stdout
    );

    // JSON: an io-error on the page, and the missing preload still reported, still fixable.
    assert_eq!(json_run.code, 1);
    let document = common::json(&json_run);
    let rules: Vec<(&Value, &Value)> =
        diagnostics(&document).iter().map(|d| (&d["rule"], &d["path"])).collect();
    let page_json = json!(case.page);
    assert_eq!(
        rules,
        [(&json!("io-error"), &page_json), (&json!("missing-preload"), &page_json)],
        "{document:#}"
    );
    let io_error = &diagnostics(&document)[0];
    assert_eq!(io_error["severity"], "error");
    let message = io_error["message"].as_str().unwrap();
    assert!(message.contains("read-only") && message.contains("left unchanged"), "{message}");
    assert_eq!(document["summary"]["fixed"], 0);

    // --diff still shows the fix: it writes nothing, so read-only does not matter.
    assert_eq!(diff.code, 1, "{}", diff.stderr);
    assert!(diff.stdout.contains(&format!("+{}", case.preload)), "{}", diff.stdout);

    assert_eq!(leftovers, Vec::<String>::new(), "no temporary file left in the folder");
    assert_eq!(changed_files(&tree, &tree_bytes(dir.path())), Vec::<PathBuf>::new());
}

fn set_readonly(path: &Path, readonly: bool) {
    let mut permissions = fs::metadata(path).unwrap().permissions();
    #[allow(clippy::permissions_set_readonly_false, reason = "restoring a temporary folder")]
    permissions.set_readonly(readonly);
    fs::set_permissions(path, permissions).unwrap();
}

#[test]
fn a_read_only_page_is_refused_with_an_io_error_and_left_untouched() {
    assert_read_only_is_refused(
        |page, _| set_readonly(page, true),
        |page, _| set_readonly(page, false),
    );
}

#[test]
fn a_page_in_a_read_only_folder_is_refused_with_an_io_error_and_left_untouched() {
    assert_read_only_is_refused(
        |_, folder| set_readonly(folder, true),
        |_, folder| set_readonly(folder, false),
    );
}

#[cfg(unix)]
#[test]
fn a_fixed_file_keeps_its_permission_bits() {
    use std::os::unix::fs::PermissionsExt;

    let case = &CASES[0];
    let dir = repo_copy(&format!("tests/fixtures/fix/{}", case.project));
    let page = dir.path().join(case.page);
    fs::set_permissions(&page, fs::Permissions::from_mode(0o640)).unwrap();
    let run = kosmo_in(dir.path(), &["check", "--fix", arg(dir.path())]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(fs::read_to_string(&page).unwrap().contains(case.preload), "the page was fixed");
    let mode = fs::metadata(&page).unwrap().permissions().mode() & 0o7777;
    assert_eq!(mode, 0o640, "permission bits kept: {mode:o}");
    assert_eq!(temporary_files(page.parent().unwrap()), Vec::<String>::new());
}

/// Per example: the files its fixes change, sorted, and the rules whose findings with a safe
/// fix they fix (the seed app's bare references over clients with params have none).
const EXAMPLE_FIXES: [(&str, &[&str], &[&str]); 2] = [
    (
        "shop",
        &[
            "src/admin/api/reports/refunds/index.ts",
            "src/app/pages/account/index.tsx",
            "src/app/pages/cart/index.tsx",
            "src/app/pages/status/index.tsx",
        ],
        &[
            "deprecated-router-api",
            "missing-preload",
            "no-bare-function-reference",
            "route-name-matches-folder",
        ],
    ),
    (
        "seed-app",
        &[
            "@front/pages/index/index.tsx",
            "@front/pages/posts/index.tsx",
            "@front/pages/team/index.tsx",
            "@front/pages/users/index.tsx",
        ],
        &["no-bare-function-reference"],
    ),
];

/// What must stay of findings that a fix did not fix: in files nothing fixed, each finding as
/// it was; in a fixed file, another rule's finding on a rewritten span stays at its rule and
/// line (its columns, message and fix follow the new text).
fn kept(findings: Vec<&Value>, fixed_files: &[&str]) -> (Vec<(Value, Value, Value)>, Vec<Value>) {
    let (in_fixed_file, other): (Vec<&Value>, Vec<&Value>) =
        findings.into_iter().partition(|d| fixed_files.iter().any(|f| d["path"] == *f));
    let at = |d: &Value| (d["rule"].clone(), d["path"].clone(), d["line"].clone());
    (in_fixed_file.into_iter().map(at).collect(), other.into_iter().cloned().collect())
}

#[test]
fn examples_diff_then_fix_end_to_end() {
    let examples = repo_copy("examples");
    let applied = repo_copy("examples");
    let pretty = repo_copy("examples");
    for (example, fixed_files, fixed_rules) in EXAMPLE_FIXES {
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        let root = examples.path().join(example);
        let original = tree_bytes(&root);
        let (code, before) = check_json(&root);
        let is_fixed = |d: &&Value| {
            fixed_rules.iter().any(|rule| d["rule"] == *rule) && d["fix"]["applicability"] == "safe"
        };
        let fixed = diagnostics(&before).iter().filter(is_fixed).count();
        assert_eq!(code, 1, "{example}");
        assert_eq!(
            diagnostics(&before).iter().filter(|d| d["rule"] == "missing-preload").count(),
            1,
            "{example}"
        );

        // --diff: a git-style diff of the page on stdout, exit 1, nothing written.
        let diff = kosmo_in(&root, &["check", "--diff", arg(&root)]);
        assert_eq!(diff.code, 1, "{example}: {}", diff.stderr);
        let would = format!(
            "Would fix {} in {}.\n",
            plural(fixed, "finding"),
            plural(fixed_files.len(), "file")
        );
        assert_eq!(diff.stderr, would, "{example}");
        for file in fixed_files {
            let header = format!("--- a/{file}\n+++ b/{file}\n@@ ");
            assert!(diff.stdout.contains(&header), "{example}:\n{}", diff.stdout);
        }
        assert_eq!(changed_files(&original, &tree_bytes(&root)), Vec::<PathBuf>::new());
        insta::assert_snapshot!(format!("{example}_diff"), diff.stdout);

        // --fix: exactly the fixed findings disappear, the others stay as they were.
        let fix = kosmo_in(&root, &["check", "--fix", "--format", "json", arg(&root)]);
        assert_eq!(fix.code, 1, "{example}: its errors remain");
        let after = common::json(&fix);
        assert_eq!(after["summary"]["fixed"], fixed, "{example}");
        assert_eq!(after["summary"]["fixable"], 0, "{example}");
        let fixed_of = |severity: &str| {
            diagnostics(&before)
                .iter()
                .filter(is_fixed)
                .filter(|d| d["severity"] == severity)
                .count()
        };
        let count =
            |field: &str| usize::try_from(before["summary"][field].as_u64().unwrap()).unwrap();
        assert_eq!(
            after["summary"]["warnings"],
            count("warnings") - fixed_of("warning"),
            "{example}"
        );
        assert_eq!(after["summary"]["errors"], count("errors") - fixed_of("error"), "{example}");
        let remaining: Vec<&Value> = diagnostics(&before).iter().filter(|d| !is_fixed(d)).collect();
        assert_eq!(
            kept(diagnostics(&after).iter().collect(), fixed_files),
            kept(remaining, fixed_files),
            "{example}"
        );
        assert_eq!(
            changed_files(&original, &tree_bytes(&root)),
            fixed_files.iter().map(PathBuf::from).collect::<Vec<_>>(),
            "{example}: only the fixed files changed"
        );
        // A fresh check agrees with what --fix reported.
        let (code, fresh) = check_json(&root);
        assert_eq!(code, 1);
        assert_eq!(fresh["diagnostics"], after["diagnostics"], "{example}");

        // Nothing left to show.
        let again = kosmo_in(&root, &["check", "--diff", arg(&root)]);
        assert_eq!((again.code, again.stdout.as_str()), (0, ""), "{example}");
        assert_eq!(again.stderr, "Would fix 0 findings in 0 files.\n", "{example}");

        // The diff is one `git apply` accepts, with the same result as --fix.
        let other = applied.path().join(example);
        if common::git_apply(&other, &diff.stdout) {
            assert_eq!(
                changed_files(&tree_bytes(&root), &tree_bytes(&other)),
                Vec::<PathBuf>::new()
            );
        } else {
            eprintln!("git is not installed: the diff was not applied");
        }

        // Pretty --fix: the summary counts the fix, the errors remain.
        let run = kosmo_in(&root, &["check", "--fix", arg(&pretty.path().join(example))]);
        assert_eq!(run.code, 1);
        let rest = match example {
            // The dashboard's `fetch-client-route-exists` and `use-loader-data` findings, the
            // admin folder's `define-route-shape`, the blog's `preload-never-runs` and the two
            // sides of the product pages' `query-name-unique` clash.
            "shop" => {
                ": 10 errors, 5 warnings, 0 fixable (1 more with --unsafe-fixes). Fixed 4 findings."
            }
            // `missing-preload` and the bare references to clients with params have no fix;
            // the two `preload-query-cache` findings keep their unsafe one.
            _ => {
                ": 6 errors, 7 warnings, 0 fixable (2 more with --unsafe-fixes). Fixed 6 findings."
            }
        };
        assert!(summary(&run.stdout).ends_with(rest), "{example}: {}", run.stdout);
    }
}

#[test]
fn diff_with_fix_is_a_usage_error() {
    let dir = repo_copy("tests/fixtures/fix/g5-query");
    let tree = tree_bytes(dir.path());
    for flags in [["--diff", "--fix"], ["--fix", "--diff"]] {
        let run = kosmo_in(dir.path(), &["check", flags[0], flags[1], arg(dir.path())]);
        assert_eq!(run.code, 2, "{flags:?}: {}", run.stderr);
        assert_eq!(run.stdout, "", "{flags:?}");
        assert!(run.stderr.contains("cannot be used with"), "{flags:?}: {}", run.stderr);
    }
    assert_eq!(changed_files(&tree, &tree_bytes(dir.path())), Vec::<PathBuf>::new());
}
