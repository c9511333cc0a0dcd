//! `--format github`, `sarif` and `junit` on one set of findings: an error with a span,
//! labels and help; a warning over several lines; a finding about a whole (unreadable) file;
//! and a message full of characters each format must escape.

use std::fs;

use kosmo_lint_core::{Finding, Label, Severity, Span};
use kosmo_lint_report::{
    CheckedProject, RuleDoc, SourceCache, docs_url, render_github, render_junit, render_sarif,
    sort_findings,
};
use quick_xml::XmlVersion;
use quick_xml::events::Event;
use serde_json::Value;
use serde_sarif::sarif::{ResultLevel, Sarif};
use tempfile::TempDir;

/// `é` before the span makes UTF-8 byte columns (github, junit) differ from SARIF's UTF-16
/// ones.
const PAGE: &str = "\
import { fetchUsers } from \"./fetch\";
const title = \"Café\"; export default function Users() {
  const users = createAsync(() => fetchUsers());
  return <List of={users()} title={title} />;
}
";

const API: &str = "\
export default defineRoute(({ GET }) => [
  GET(async (ctx) => {
    ctx.body = await db.users();
  }),
]);
";

const TRICKY_MESSAGE: &str =
    "100% of `GET /api/users:id`, then <List> & 'more' \"quoted\"\nsecond line";

struct Fixture {
    dir: TempDir,
    findings: Vec<Finding>,
}

impl Fixture {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let write = |rel: &str, text: &str| {
            let path = dir.path().join(rel);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(&path, text).unwrap();
        };
        write("src/app/pages/users/index.tsx", PAGE);
        write("src/api/users/index.ts", API);

        let finding = |rule, severity, rel: &str, message: &str, span| Finding {
            rule,
            severity,
            path: dir.path().join(rel),
            display_path: rel.to_owned(),
            message: message.to_owned(),
            span,
            labels: Vec::new(),
            help: None,
            fix: None,
            related: Vec::new(),
        };
        let span_of = |text: &str, needle: &str| {
            let start = u32::try_from(text.find(needle).unwrap()).unwrap();
            Span::new(start, start + u32::try_from(needle.len()).unwrap())
        };

        let page = "src/app/pages/users/index.tsx";
        let api = "src/api/users/index.ts";
        let call = span_of(PAGE, "createAsync(() => fetchUsers())");
        let mut missing_preload = finding(
            "missing-preload",
            Severity::Error,
            page,
            "Page `/users` loads data with `createAsync` but exports no `preload`",
            Some(call),
        );
        missing_preload.labels = vec![
            Label { span: call, text: Some("loaded here, after the page renders".to_owned()) },
            Label {
                span: span_of(PAGE, "export default function Users()"),
                text: Some("the page component".to_owned()),
            },
        ];
        missing_preload.help = Some("Add `export const preload = () => fetchUsers();`".to_owned());

        let mut tricky = finding(
            "fetch-client-route-exists",
            Severity::Error,
            page,
            TRICKY_MESSAGE,
            Some(span_of(PAGE, "fetchUsers()")),
        );
        tricky.help = Some("Declare the route in <api>/users & retry: 50%, done".to_owned());

        let response_type = finding(
            "response-type-declared",
            Severity::Warning,
            api,
            "GET handler sets `ctx.body` without a declared response type",
            Some(span_of(API, "GET(async (ctx) => {\n    ctx.body = await db.users();\n  })")),
        );

        let unreadable = Finding::whole_file(
            "io-error",
            dir.path().join("src/app/pages/gone.tsx"),
            "src/app/pages/gone.tsx".to_owned(),
            "cannot read file: No such file or directory (os error 2)".to_owned(),
        );

        let mut findings = vec![missing_preload, tricky, response_type, unreadable];
        sort_findings(&mut findings);
        Self { dir, findings }
    }

    /// The fixture's project, as the junit report names it.
    fn projects(&self) -> Vec<CheckedProject> {
        vec![CheckedProject { root: self.dir.path().to_owned(), shown: ".".to_owned(), files: 2 }]
    }

    /// The findings SARIF reports as results; the others are notifications.
    fn results(&self) -> usize {
        self.findings.iter().filter(|f| f.rule != "io-error").count()
    }

    /// Every renderer prints only display paths; the temporary directory must not show.
    fn check_no_temp_dir(&self, output: &str) {
        let dir = self.dir.path().to_string_lossy();
        assert!(!output.contains(dir.as_ref()), "output mentions {dir}:\n{output}");
    }
}

#[test]
fn github_snapshot() {
    let fixture = Fixture::new();
    let output = render_github(&fixture.findings, &mut SourceCache::default());
    fixture.check_no_temp_dir(&output);
    insta::assert_snapshot!("github", output);
}

#[test]
fn github_lines_escape_properties_and_message() {
    let fixture = Fixture::new();
    let output = render_github(&fixture.findings, &mut SourceCache::default());
    assert!(output.ends_with('\n'));
    let lines: Vec<&str> = output.lines().collect();
    assert_eq!(lines.len(), fixture.findings.len(), "one line per finding:\n{output}");

    // The message is escaped as command data: `%`, CR, LF; `:` and `,` stay.
    let tricky = lines.iter().find(|l| l.contains("fetch-client-route-exists")).unwrap();
    let (command, message) = tricky.split_once("::").unwrap().1.split_once("::").unwrap();
    assert_eq!(
        message,
        "100%25 of `GET /api/users:id`, then <List> & 'more' \"quoted\"%0Asecond line\
         %0ADeclare the route in <api>/users & retry: 50%25, done"
    );
    assert_eq!(
        command,
        "error file=src/app/pages/users/index.tsx,line=3,col=35,endLine=3,endColumn=47,\
         title=kosmo(fetch-client-route-exists)"
    );

    // A warning over several lines: lines only, since GitHub takes columns on one line only.
    let warning = lines.iter().find(|l| l.starts_with("::warning ")).unwrap();
    assert!(warning.starts_with("::warning file=src/api/users/index.ts,line=2,endLine=4,title="));

    // A whole-file finding: `file=` only.
    let whole = lines.iter().find(|l| l.contains("io-error")).unwrap();
    assert_eq!(
        *whole,
        "::error file=src/app/pages/gone.tsx,title=kosmo(io-error)::\
         cannot read file: No such file or directory (os error 2)"
    );
}

#[test]
fn github_escapes_property_values() {
    let dir = tempfile::tempdir().unwrap();
    let finding = Finding::whole_file(
        "io-error",
        dir.path().join("x"),
        "odd, name: 100%\r\n.tsx".to_owned(),
        "m".to_owned(),
    );
    let output = render_github(&[finding], &mut SourceCache::default());
    assert_eq!(output, "::error file=odd%2C name%3A 100%25%0D%0A.tsx,title=kosmo(io-error)::m\n");
}

#[test]
fn sarif_snapshot() {
    let fixture = Fixture::new();
    let output = render_sarif(&fixture.findings, &rule_docs(), &mut SourceCache::default());
    fixture.check_no_temp_dir(&output);
    // The tool's version changes with every release; the snapshot should not.
    let version = format!("\"version\": \"{}\"", env!("CARGO_PKG_VERSION"));
    assert!(output.contains(&version));
    let semantic = format!("\"semanticVersion\": \"{}\"", env!("CARGO_PKG_VERSION"));
    let snapshot = output
        .replace(&version, "\"version\": \"[version]\"")
        .replace(&semantic, "\"semanticVersion\": \"[version]\"");
    insta::assert_snapshot!("sarif", snapshot);
}

#[test]
fn sarif_has_the_structure_of_sarif_2_1_0() {
    let fixture = Fixture::new();
    let output = render_sarif(&fixture.findings, &rule_docs(), &mut SourceCache::default());
    assert!(output.ends_with('\n'));
    check_sarif(&output, fixture.results());

    let empty = render_sarif(&[], &rule_docs(), &mut SourceCache::default());
    check_sarif(&empty, 0);
}

/// Deserializes the log with `serde-sarif`'s types (generated from the SARIF 2.1.0 schema)
/// and checks what the schema alone does not: references between results and rules,
/// levels, 1-based regions, relative URIs. Serializing the parsed log again must give the
/// same JSON, so no property we write is one SARIF does not know (those would be dropped).
fn check_sarif(output: &str, results: usize) {
    let sarif: Sarif = serde_json::from_str(output).expect("a SARIF log");
    let written: Value = serde_json::from_str(output).unwrap();
    assert_eq!(serde_json::to_value(&sarif).unwrap(), written, "a property SARIF does not know");

    assert_eq!(sarif.version, "2.1.0");
    assert_eq!(sarif.schema.as_deref(), Some("https://json.schemastore.org/sarif-2.1.0.json"));
    assert_eq!(sarif.runs.len(), 1);
    let run = &sarif.runs[0];
    let driver = &run.tool.driver;
    assert_eq!(driver.name, "kosmo-lint");
    assert_eq!(driver.version.as_deref(), Some(env!("CARGO_PKG_VERSION")));
    assert_eq!(run.column_kind, Some(Value::from("utf16CodeUnits")));

    let rules = driver.rules.as_deref().unwrap_or_default();
    let ids: Vec<&str> = rules.iter().map(|r| r.id.as_str()).collect();
    let mut unique = ids.clone();
    unique.dedup();
    assert_eq!(ids, unique, "one descriptor per rule");
    for rule in rules {
        assert_eq!(rule.help_uri.as_deref(), Some(docs_url(&rule.id).as_str()));
    }

    let run_results = run.results.as_deref().unwrap_or_default();
    assert_eq!(run_results.len(), results);
    for result in run_results {
        let rule_id = result.rule_id.as_deref().expect("ruleId");
        let index = usize::try_from(result.rule_index.expect("ruleIndex")).unwrap();
        assert_eq!(ids.get(index), Some(&rule_id), "ruleIndex points at ruleId's descriptor");
        assert!(matches!(result.level, Some(ResultLevel::Error | ResultLevel::Warning)));
        assert!(!result.message.text.as_deref().unwrap_or_default().is_empty());

        let locations = result.locations.as_deref().unwrap_or_default();
        assert_eq!(locations.len(), 1);
        let related = result.related_locations.as_deref().unwrap_or_default();
        for location in locations.iter().chain(related) {
            let physical = location.physical_location.as_ref().expect("physicalLocation");
            let artifact = physical.artifact_location.as_ref().expect("artifactLocation");
            let uri = artifact.uri.as_deref().expect("uri");
            assert!(!uri.starts_with('/') && !uri.contains('\\') && !uri.contains(':'), "{uri}");
            assert_eq!(artifact.uri_base_id.as_deref(), Some("%SRCROOT%"));
            if let Some(region) = &physical.region {
                let start = (region.start_line.unwrap(), region.start_column.unwrap());
                let end = (region.end_line.unwrap(), region.end_column.unwrap());
                assert!(start.0 >= 1 && start.1 >= 1, "1-based: {start:?}");
                assert!(end >= start, "{start:?}..{end:?}");
            }
        }
    }
}

#[test]
fn sarif_regions_count_utf16_code_units() {
    let fixture = Fixture::new();
    let output = render_sarif(&fixture.findings, &rule_docs(), &mut SourceCache::default());
    let log: Value = serde_json::from_str(&output).unwrap();
    let results = log["runs"][0]["results"].as_array().unwrap();
    let preload = results.iter().find(|r| r["ruleId"] == "missing-preload").unwrap();
    let region = &preload["locations"][0]["physicalLocation"]["region"];
    // Line 3 has no `é`: bytes and UTF-16 units agree.
    assert_eq!((region["startLine"].as_u64(), region["startColumn"].as_u64()), (Some(3), Some(17)));
    // The label on line 2 comes after `é` (2 bytes, 1 unit): column 24 in bytes, 23 here.
    let related = &preload["relatedLocations"][0];
    assert_eq!(related["message"]["text"], "the page component");
    let region = &related["physicalLocation"]["region"];
    assert_eq!((region["startLine"].as_u64(), region["startColumn"].as_u64()), (Some(2), Some(23)));
    // The help follows the message.
    assert_eq!(
        preload["message"]["text"],
        "Page `/users` loads data with `createAsync` but exports no `preload`\n\
         Add `export const preload = () => fetchUsers();`"
    );
    // A file that cannot be read is a notification about the run, without a region.
    assert!(!results.iter().any(|r| r["ruleId"] == "io-error"));
    let invocation = &log["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], true);
    let notification = &invocation["toolExecutionNotifications"][0];
    assert_eq!(notification["descriptor"]["id"], "io-error");
    assert_eq!(notification["level"], "error");
    let physical = &notification["locations"][0]["physicalLocation"];
    assert_eq!(physical["artifactLocation"]["uri"], "src/app/pages/gone.tsx");
    assert!(physical.get("region").is_none());
}

#[test]
fn sarif_rule_descriptors_carry_the_docs_and_results_their_fixes() {
    let mut fixture = Fixture::new();
    let preload = fixture.findings.iter_mut().find(|f| f.rule == "missing-preload").unwrap();
    preload.fix = Some(kosmo_lint_core::Fix {
        applicability: kosmo_lint_core::Applicability::Unsafe,
        message: "Add a preload".to_owned(),
        edits: vec![kosmo_lint_core::Edit::insertion(38, "export const preload = () => {};\n")],
    });
    let output = render_sarif(&fixture.findings, &rule_docs(), &mut SourceCache::default());
    check_sarif(&output, fixture.results());
    let log: Value = serde_json::from_str(&output).unwrap();
    let rules = log["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
    let rule = rules.iter().find(|r| r["id"] == "missing-preload").unwrap();
    assert_eq!(rule["name"], "MissingPreload");
    assert_eq!(rule["shortDescription"]["text"], "A page should preload");
    assert_eq!(rule["fullDescription"]["text"], "Flags a page without a preload.");
    assert_eq!(rule["help"]["markdown"], "# `missing-preload`\n\nA page should preload.");
    assert_eq!(rule["defaultConfiguration"]["level"], "warning");
    let result = log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "missing-preload")
        .unwrap();
    let fix = &result["fixes"][0];
    assert_eq!(
        fix["description"]["text"],
        "Add a preload (unsafe fix, applied by `kosmo-lint check --fix --unsafe-fixes`)"
    );
    let change = &fix["artifactChanges"][0];
    assert_eq!(change["artifactLocation"]["uri"], "src/app/pages/users/index.tsx");
    // Offset 38 is the start of line 2: an insertion is an empty region there.
    assert_eq!(
        change["replacements"][0]["deletedRegion"],
        serde_json::json!({"startLine": 2, "startColumn": 1, "endLine": 2, "endColumn": 1})
    );
    assert_eq!(
        change["replacements"][0]["insertedContent"]["text"],
        "export const preload = () => {};\n"
    );
}

/// Descriptions of the fixture's rules, as the registry would give them.
fn rule_docs() -> Vec<RuleDoc> {
    let doc = |id, summary, description: &str, markdown: &str, default_severity| RuleDoc {
        id,
        summary,
        description: description.to_owned(),
        markdown: markdown.to_owned(),
        default_severity,
    };
    vec![
        doc(
            "missing-preload",
            "A page should preload",
            "Flags a page without a preload.",
            "# `missing-preload`\n\nA page should preload.",
            Severity::Warning,
        ),
        doc(
            "fetch-client-route-exists",
            "Fetch clients name existing routes",
            "Flags a fetch client of no route.",
            "# `fetch-client-route-exists`",
            Severity::Error,
        ),
        doc(
            "response-type-declared",
            "Handlers declare their response",
            "Flags a handler without a response type.",
            "# `response-type-declared`",
            Severity::Error,
        ),
    ]
}

fn project(root: &str, files: usize) -> CheckedProject {
    CheckedProject { root: root.into(), shown: ".".to_owned(), files }
}

#[test]
fn junit_snapshot() {
    let fixture = Fixture::new();
    let output = render_junit(&fixture.findings, &fixture.projects(), &mut SourceCache::default());
    fixture.check_no_temp_dir(&output);
    insta::assert_snapshot!("junit", output);
}

#[test]
fn junit_clean_run_is_one_passing_test() {
    let output = render_junit(&[], &[project("/nowhere", 7)], &mut SourceCache::default());
    insta::assert_snapshot!("junit_clean", output);
    let document = parse_xml(&output);
    assert_eq!(document.testcases, vec!["kosmo-lint (.)".to_owned()]);
    assert!(document.failures.is_empty());
}

#[test]
fn junit_is_well_formed_and_escapes_text() {
    let fixture = Fixture::new();
    let output = render_junit(&fixture.findings, &fixture.projects(), &mut SourceCache::default());
    assert!(output.ends_with('\n'));
    let document = parse_xml(&output);
    assert_eq!(document.root_attributes.get("tests").map(String::as_str), Some("4"));
    assert_eq!(document.root_attributes.get("failures").map(String::as_str), Some("4"));
    assert_eq!(
        document.testcases,
        [
            "src/api/users/index.ts:2:3 kosmo(response-type-declared)",
            "src/app/pages/gone.tsx kosmo(io-error)",
            "src/app/pages/users/index.tsx:3:17 kosmo(missing-preload)",
            "src/app/pages/users/index.tsx:3:35 kosmo(fetch-client-route-exists)",
        ]
    );
    // A line break in an attribute is a character reference, which parsers keep (a literal
    // one would be normalized to a space).
    assert!(output.contains("message=\"100% of `GET /api/users:id`, then &lt;List&gt; &amp; &apos;more&apos; &quot;quoted&quot;&#10;second line\""));
    // Attribute and text values come back exactly, line break included.
    let (message, kind, text) =
        document.failures.iter().find(|(m, _, _)| m.starts_with("100%")).unwrap();
    assert_eq!(message, TRICKY_MESSAGE);
    assert_eq!(kind, "error");
    assert_eq!(
        text,
        &format!(
            "Declare the route in <api>/users & retry: 50%, done\n{}",
            docs_url("fetch-client-route-exists")
        )
    );
    let kinds: Vec<&str> = document.failures.iter().map(|(_, kind, _)| kind.as_str()).collect();
    assert_eq!(kinds, ["warning", "error", "error", "error"]);
}

#[derive(Default)]
struct JunitDocument {
    root_attributes: std::collections::HashMap<String, String>,
    testcases: Vec<String>,
    /// `(message, type, text)` of each `<failure>`.
    failures: Vec<(String, String, String)>,
}

/// Reads the whole document with quick-xml, which rejects mismatched end tags and bad
/// escapes; checks that every element is closed and there is one root. Attribute values are
/// normalized as the XML spec says (a literal line break would become a space).
fn parse_xml(xml: &str) -> JunitDocument {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut document = JunitDocument::default();
    let mut open: Vec<String> = Vec::new();
    let mut roots = 0;
    let mut failure: Option<(String, String, String)> = None;
    loop {
        let event = reader.read_event().unwrap_or_else(|e| panic!("not well-formed: {e}\n{xml}"));
        let element = match &event {
            Event::Start(e) | Event::Empty(e) => Some(e.clone()),
            _ => None,
        };
        if let Some(element) = element {
            let name = element.name().as_ref().to_owned();
            let attributes: std::collections::HashMap<String, String> = element
                .attributes()
                .map(|a| {
                    let a = a.unwrap();
                    let key = a.key.as_ref().to_owned();
                    (key, a.normalized_value(XmlVersion::Explicit1_0).unwrap().into_owned())
                })
                .collect();
            if open.is_empty() {
                roots += 1;
                document.root_attributes.clone_from(&attributes);
            }
            match name.as_str() {
                "testcase" => document.testcases.push(attributes["name"].clone()),
                "failure" => {
                    failure = Some((
                        attributes["message"].clone(),
                        attributes["type"].clone(),
                        String::new(),
                    ));
                }
                _ => {}
            }
            if matches!(event, Event::Start(_)) {
                open.push(name);
            } else if name == "failure" {
                document.failures.extend(failure.take());
            }
            continue;
        }
        match event {
            Event::End(e) => {
                let name = e.name().as_ref().to_owned();
                assert_eq!(open.pop().as_deref(), Some(name.as_str()), "unbalanced </{name}>");
                if name == "failure" {
                    document.failures.extend(failure.take());
                }
            }
            Event::Text(text) => {
                let text = text.xml10_content();
                if let Some((_, _, body)) = &mut failure {
                    body.push_str(&text);
                } else {
                    assert!(text.trim().is_empty(), "stray text {text:?}");
                }
            }
            Event::GeneralRef(reference) => {
                let resolved = match reference.as_ref() {
                    "amp" => "&".to_owned(),
                    "lt" => "<".to_owned(),
                    "gt" => ">".to_owned(),
                    "quot" => "\"".to_owned(),
                    "apos" => "'".to_owned(),
                    _ => {
                        let c = reference.resolve_char_ref().unwrap().expect("known reference");
                        c.to_string()
                    }
                };
                let (_, _, body) = failure.as_mut().expect("references only in failures");
                body.push_str(&resolved);
            }
            Event::Eof => break,
            Event::Decl(_) => assert_eq!(roots, 0, "declaration first"),
            other => panic!("unexpected {other:?}"),
        }
    }
    assert!(open.is_empty(), "unclosed: {open:?}");
    assert_eq!(roots, 1, "one root element");
    document
}

#[test]
fn renderers_share_one_source_cache() {
    let fixture = Fixture::new();
    let mut shared = SourceCache::default();
    let outputs = [
        render_github(&fixture.findings, &mut shared),
        render_sarif(&fixture.findings, &rule_docs(), &mut shared),
        render_junit(&fixture.findings, &fixture.projects(), &mut shared),
    ];
    let fresh = [
        render_github(&fixture.findings, &mut SourceCache::default()),
        render_sarif(&fixture.findings, &rule_docs(), &mut SourceCache::default()),
        render_junit(&fixture.findings, &fixture.projects(), &mut SourceCache::default()),
    ];
    assert_eq!(outputs, fresh);
    for output in outputs {
        assert!(output.ends_with('\n'));
    }
}
