//! `--fix` never writes code that breaks (issue 11), end to end: no fix where what the
//! preload would call is not in scope at the top level or where `preload` is already bound
//! (the file stays byte-identical); CR-only files keep their line endings; `--diff` is a
//! patch that GNU `patch` and `git apply` accept, giving what `--fix` writes, for CR, CRLF,
//! mixed and no-final-newline files; suppressions in CR-only files; a hard-linked page is
//! refused with an `io-error`.

mod common;

use std::fs;
use std::path::Path;

use common::{arg, check_json, kosmo_in, repo_copy, tree_bytes};
use serde_json::Value;

const PROJECT: &str = "tests/fixtures/fix/g5-query";
const PAGE: &str = "src/app/pages/users/index.tsx";

const IMPORTS: &str = "import { createAsync, query } from \"@solidjs/router\";\nimport fetchClients from \"_/fetch\";\n";
const QUERY: &str = "const getUsers = query(() => fetchClients.users.GET(), \"users\");\n";
const COMPONENT: &str = "export default function UsersPage() {\n  const users = createAsync(() => getUsers());\n  return <p>{String(users())}</p>;\n}\n";

/// A copy of the G5 query fixture whose page is `text`.
fn project_with_page(text: &str) -> tempfile::TempDir {
    let dir = repo_copy(PROJECT);
    fs::write(dir.path().join(PAGE), text).unwrap();
    dir
}

fn diagnostics(document: &Value) -> &Vec<Value> {
    document["diagnostics"].as_array().expect("a diagnostics array")
}

/// Pages whose missing preload gets no fix: the wrapper bound inside the component or a
/// block, and every kind of existing `preload` binding.
fn pages_without_a_safe_fix() -> Vec<(&'static str, String)> {
    let inside = "export default function UsersPage() {\n  const getUsers = query(() => fetchClients.users.GET(), \"users\");\n  const users = createAsync(() => getUsers());\n  return <p>{String(users())}</p>;\n}\n";
    let with = |line: &str| format!("{IMPORTS}{line}\n{QUERY}{COMPONENT}");
    vec![
        ("wrapper in the component", format!("{IMPORTS}{inside}")),
        (
            "wrapper in a block",
            format!(
                "{IMPORTS}if (globalThis.window) {{\n  var getUsers = query(() => fetchClients.users.GET(), \"users\");\n}}\n{COMPONENT}"
            ),
        ),
        ("namespace import", with("import * as preload from \"./preload\";")),
        ("named import", with("import { preload } from \"./preload\";")),
        ("type-only import", with("import type { preload } from \"./preload\";")),
        ("function", with("function preload() {}")),
        ("class", with("class preload {}")),
        ("var", with("var preload = 1;")),
        ("destructuring", with("const { preload } = { preload: 1 };")),
        ("type alias", with("type preload = () => void;")),
    ]
}

#[test]
fn no_fix_where_the_preload_would_break_the_page_and_the_file_stays_byte_identical() {
    for (label, text) in pages_without_a_safe_fix() {
        let dir = project_with_page(&text);
        let tree = tree_bytes(dir.path());
        let (code, document) = check_json(dir.path());
        assert_eq!(code, 0, "{label}: {document:#}");
        let [finding] = diagnostics(&document).as_slice() else {
            panic!("{label}: one finding expected: {document:#}")
        };
        assert_eq!(finding["rule"], "missing-preload", "{label}");
        assert_eq!(finding["fix"], Value::Null, "{label}: no fix offered");
        let help = finding["help"].as_str().unwrap_or_default();
        assert!(help.contains("preload"), "{label}: a useful help: {help}");

        let fix = kosmo_in(dir.path(), &["check", "--fix", "--format", "json", arg(dir.path())]);
        assert_eq!(fix.code, 0, "{label}: {}{}", fix.stdout, fix.stderr);
        let after = common::json(&fix);
        assert_eq!(after["summary"]["fixed"], 0, "{label}");
        assert_eq!(diagnostics(&after), diagnostics(&document), "{label}: nothing new reported");
        assert_eq!(tree_bytes(dir.path()), tree, "{label}: no file changed");
        let diff = kosmo_in(dir.path(), &["check", "--diff", arg(dir.path())]);
        assert_eq!((diff.code, diff.stdout.as_str()), (0, ""), "{label}");
    }
}

#[test]
fn a_wrapper_declared_after_the_component_gets_the_export_after_it() {
    let dir = project_with_page(&format!("{IMPORTS}{COMPONENT}{QUERY}"));
    let run = kosmo_in(dir.path(), &["check", "--fix", "--format", "json", arg(dir.path())]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    let after = common::json(&run);
    assert_eq!(after["summary"]["fixed"], 1, "{after:#}");
    assert_eq!(diagnostics(&after), &Vec::<Value>::new(), "{after:#}");
    let fixed = fs::read_to_string(dir.path().join(PAGE)).unwrap();
    assert_eq!(
        fixed,
        format!(
            "{IMPORTS}{COMPONENT}{}\n\nexport const preload = () => {{ void getUsers(); }};\n",
            QUERY.trim_end()
        )
    );
}

/// How a page's lines end, made from its LF text.
#[derive(Debug, Clone, Copy)]
enum Endings {
    Lf,
    Cr,
    Crlf,
    /// CRLF lines and LF lines in one file.
    Mixed,
    NoFinalNewline,
    CrNoFinalNewline,
}

impl Endings {
    fn apply(self, lf: &str) -> String {
        match self {
            Self::Lf => lf.to_owned(),
            Self::Cr => lf.replace('\n', "\r"),
            Self::Crlf => lf.replace('\n', "\r\n"),
            Self::Mixed => lf.replacen('\n', "\r\n", 2),
            Self::NoFinalNewline => lf.trim_end_matches('\n').to_owned(),
            Self::CrNoFinalNewline => lf.trim_end_matches('\n').replace('\n', "\r"),
        }
    }
}

/// Applies `diff` with GNU `patch` in `root`; `false` when `patch` is not installed.
fn gnu_patch(root: &Path, diff: &str) -> bool {
    let mut patch = std::process::Command::new("patch");
    patch.args(["-p1", "--batch", "--silent", "--no-backup-if-mismatch"]);
    common::apply_diff(patch, root, diff)
}

#[test]
fn line_endings_are_kept_and_the_diff_applies_to_what_fix_writes() {
    let lf = fs::read_to_string(common::repo(&format!("{PROJECT}/{PAGE}"))).unwrap();
    let lf_fixed = {
        let dir = project_with_page(&lf);
        kosmo_in(dir.path(), &["check", "--fix", arg(dir.path())]);
        fs::read_to_string(dir.path().join(PAGE)).unwrap()
    };
    assert!(lf_fixed.contains("export const preload"), "{lf_fixed}");
    for endings in [
        Endings::Lf,
        Endings::Cr,
        Endings::Crlf,
        Endings::Mixed,
        Endings::NoFinalNewline,
        Endings::CrNoFinalNewline,
    ] {
        let label = format!("{endings:?}");
        let text = endings.apply(&lf);
        let fixed_dir = project_with_page(&text);
        let patched_dir = project_with_page(&text);

        let diff = kosmo_in(fixed_dir.path(), &["check", "--diff", arg(fixed_dir.path())]);
        assert_eq!(diff.code, 1, "{label}: {}", diff.stderr);
        let fix = kosmo_in(fixed_dir.path(), &["check", "--fix", arg(fixed_dir.path())]);
        assert_eq!(fix.code, 0, "{label}: {}", fix.stdout);
        let fixed = fs::read_to_string(fixed_dir.path().join(PAGE)).unwrap();
        match endings {
            Endings::Cr | Endings::CrNoFinalNewline => {
                assert!(!fixed.contains('\n'), "{label}: CR endings kept: {fixed:?}");
            }
            Endings::Crlf => {
                assert_eq!(fixed, Endings::Crlf.apply(&lf_fixed), "{label}");
            }
            _ => {}
        }
        if !matches!(endings, Endings::Mixed) {
            assert_eq!(fixed, endings.apply(&lf_fixed), "{label}: the LF fix, in these endings");
        }
        if gnu_patch(patched_dir.path(), &diff.stdout) {
            let patched = fs::read_to_string(patched_dir.path().join(PAGE)).unwrap();
            assert_eq!(patched, fixed, "{label}: patch gives what --fix wrote\n{:?}", diff.stdout);
        } else {
            eprintln!("GNU patch is not installed: the diff was not applied");
        }
        let applied_dir = project_with_page(&text);
        if common::git_apply(applied_dir.path(), &diff.stdout) {
            let applied = fs::read_to_string(applied_dir.path().join(PAGE)).unwrap();
            assert_eq!(applied, fixed, "{label}: git apply gives what --fix wrote");
        } else {
            eprintln!("git is not installed: the diff was not applied");
        }
    }
}

#[cfg(unix)]
#[test]
fn a_hard_linked_page_is_refused_with_an_io_error_and_both_links_stay() {
    use std::os::unix::fs::MetadataExt;

    let dir = repo_copy(PROJECT);
    let page = dir.path().join(PAGE);
    let elsewhere = tempfile::tempdir().unwrap();
    let link = elsewhere.path().join("linked-page.tsx");
    fs::hard_link(&page, &link).unwrap();
    let before = fs::read(&page).unwrap();

    let run = kosmo_in(dir.path(), &["check", "--fix", "--format", "json", arg(dir.path())]);
    assert_eq!(run.code, 1, "an io-error is an error: {}", run.stdout);
    let document = common::json(&run);
    let io_error = diagnostics(&document)
        .iter()
        .find(|d| d["rule"] == "io-error")
        .unwrap_or_else(|| panic!("{document:#}"));
    assert_eq!(io_error["path"], PAGE);
    assert_eq!(
        io_error["message"],
        "cannot write the fixed file: it has 2 hard links, and writing a fix (a new file renamed over it) would cut this path off from the others; it is left unchanged"
    );
    assert_eq!(document["summary"]["fixed"], 0);
    assert_eq!(fs::read(&page).unwrap(), before);
    assert_eq!(fs::read(&link).unwrap(), before);
    assert_eq!(fs::metadata(&page).unwrap().nlink(), 2, "still linked");

    let pretty = kosmo_in(dir.path(), &["check", "--fix", arg(dir.path())]);
    assert!(pretty.stdout.contains("kosmo(io-error)"), "{}", pretty.stdout);
    assert!(pretty.stdout.contains("hard links"), "{}", pretty.stdout);
    // --diff writes nothing, so it still shows the fix.
    let diff = kosmo_in(dir.path(), &["check", "--diff", arg(dir.path())]);
    assert_eq!(diff.code, 1);
    assert!(diff.stdout.contains("+export const preload"), "{}", diff.stdout);
}

/// A CR-only page: `disable-next-line` covers the next line, and once the directive is no
/// longer needed `--fix` removes its whole line.
#[test]
fn suppressions_in_a_cr_only_page_cover_the_next_line_and_go_whole() {
    let suppressed = format!(
        "{IMPORTS}{QUERY}export default function UsersPage() {{\n  // kosmo-lint-disable-next-line missing-preload\n  const users = createAsync(() => getUsers());\n  return <p>{{String(users())}}</p>;\n}}\n"
    )
    .replace('\n', "\r");
    let dir = project_with_page(&suppressed);
    let (code, document) = check_json(dir.path());
    assert_eq!((code, diagnostics(&document).len()), (0, 0), "{document:#}");

    // With a preload, the directive suppresses nothing: --fix removes its line, in CR.
    let preload = "export const preload = () => { void getUsers(); };\r";
    let unused = suppressed.replacen("export default", &format!("{preload}export default"), 1);
    let dir = project_with_page(&unused);
    let run = kosmo_in(dir.path(), &["check", "--fix", "--format", "json", arg(dir.path())]);
    assert_eq!(common::json(&run)["summary"]["fixed"], 1, "{}", run.stdout);
    let fixed = fs::read_to_string(dir.path().join(PAGE)).unwrap();
    assert_eq!(
        fixed,
        unused.replace("  // kosmo-lint-disable-next-line missing-preload\r", ""),
        "{fixed:?}"
    );
}
