//! `--format sarif`: a SARIF 2.1.0 log with one run, for GitHub code scanning and other SARIF
//! viewers. The log passes the SARIF multitool's `validate`, with its SARIF rules and with
//! GitHub's (`--rule-kind Gh`): the end-to-end tests run it.

mod log;

use std::collections::BTreeMap;

use kosmo_lint_core::{Applicability, Finding, Severity, Span};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use self::log::{
    ArtifactChange, ArtifactLocation, Configuration, Driver, Help, Invocation, Location, Log,
    Notification, PhysicalLocation, Reference, Region, Replacement, Rule, Run, SarifFix,
    SarifResult, Text, Tool,
};
use crate::position::{Columns, Locator, Range};
use crate::{RuleDoc, SourceCache, docs_url};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
/// Relative artifact URIs are resolved against this base: the folder kosmo-lint ran in.
const SRCROOT: &str = "%SRCROOT%";
/// What stays as it is in a URI path: RFC 3986's unreserved characters. Everything else,
/// `[`, `]`, `#`, `%`, spaces and non-ASCII letters among them, is percent-encoded.
const PATH_SEGMENT: &AsciiSet =
    &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// The built-in findings about the run rather than the code (a file that cannot be read,
/// a crash, a fix refused, a file too deep to parse, a path passed over): SARIF's
/// `toolExecutionNotifications`, not results.
const NOTIFICATIONS: [&str; 5] =
    ["io-error", "internal-error", "fix-error", "nesting-limit", "skipped"];

/// The log of one run. `rules` documents every rule: each rule with a result gets a
/// descriptor (id, summary, the *What it does* text, the docs page as help, the default
/// level), which results point at by `ruleId` and `ruleIndex`. Columns are UTF-16 code units
/// and the end column is exclusive, as SARIF defines them. The label at the finding's own
/// span gives the location's `message`; every other label, and every place in another file,
/// becomes a `relatedLocations` entry; a fix becomes a `fixes` entry.
pub fn render_sarif(findings: &[Finding], rules: &[RuleDoc], sources: &mut SourceCache) -> String {
    let (notices, results): (Vec<&Finding>, Vec<&Finding>) =
        findings.iter().partition(|f| NOTIFICATIONS.contains(&f.rule));
    let rule_index: BTreeMap<&'static str, usize> = {
        let mut names: Vec<&'static str> = results.iter().map(|f| f.rule).collect();
        names.sort_unstable();
        names.dedup();
        names.into_iter().enumerate().map(|(index, name)| (name, index)).collect()
    };
    let descriptors = rule_index.keys().map(|&id| descriptor(id, rules)).collect();

    let mut locator = Locator::new(sources, Columns::Utf16);
    let results = results
        .into_iter()
        .map(|finding| result(finding, rule_index[finding.rule], &mut locator))
        .collect();
    let tool_execution_notifications = notices
        .into_iter()
        .map(|finding| Notification {
            descriptor: Reference { id: finding.rule },
            level: level(finding.severity),
            message: Text { text: message(finding) },
            locations: [Location {
                id: None,
                physical_location: PhysicalLocation {
                    artifact_location: artifact(&finding.display_path),
                    region: None,
                },
                message: None,
            }],
        })
        .collect();
    let execution_successful = !findings.iter().any(|f| f.rule == "internal-error");

    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "kosmo-lint",
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    information_uri: env!("CARGO_PKG_REPOSITORY"),
                    rules: descriptors,
                },
            },
            invocations: [Invocation { execution_successful, tool_execution_notifications }],
            column_kind: "utf16CodeUnits",
            results,
        }],
    };
    let mut out = serde_json::to_string_pretty(&log).unwrap_or_default();
    out.push('\n');
    out
}

fn descriptor<'r>(id: &'r str, rules: &'r [RuleDoc]) -> Rule<'r> {
    let doc = rules.iter().find(|doc| doc.id == id);
    let summary = doc.map_or(id, |doc| doc.summary);
    Rule {
        id,
        // SARIF's `name` is an identifier in PascalCase: `missing-preload` → `MissingPreload`.
        name: id.split('-').map(capitalized).collect(),
        short_description: Text { text: summary },
        full_description: Text { text: doc.map_or(summary, |doc| doc.description.as_str()) },
        help: Help {
            text: doc.map_or(summary, |doc| doc.description.as_str()),
            markdown: doc.map_or(summary, |doc| doc.markdown.as_str()),
        },
        help_uri: docs_url(id),
        default_configuration: Configuration {
            level: doc.map_or("warning", |doc| level(doc.default_severity)),
        },
    }
}

fn capitalized(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

fn result<'f>(finding: &'f Finding, rule_index: usize, locator: &mut Locator) -> SarifResult<'f> {
    let location = |id, region: Option<Range>, message| Location {
        id,
        physical_location: PhysicalLocation {
            artifact_location: artifact(&finding.display_path),
            region: region.map(Region::from),
        },
        message,
    };
    let mut related_locations: Vec<Location> = match finding.span {
        Some(span) => finding
            .labels
            .iter()
            .filter(|label| label.span != span)
            .filter_map(|label| Some((locator.span(&finding.path, label.span)?, &label.text)))
            .enumerate()
            .map(|(at, (region, text))| {
                location(Some(at + 1), Some(region), text.as_deref().map(|text| Text { text }))
            })
            .collect(),
        None => Vec::new(),
    };
    related_locations.extend(other_files(finding, related_locations.len()));
    let primary_label = finding
        .labels
        .iter()
        .find(|label| Some(label.span) == finding.span)
        .and_then(|label| label.text.as_deref())
        .map(|text| Text { text });
    // A finding about a whole file points at all of it.
    let region = match finding.span {
        Some(_) => locator.finding(finding),
        None => locator.whole(&finding.path),
    };
    SarifResult {
        rule_id: finding.rule,
        rule_index,
        level: level(finding.severity),
        message: Text { text: message(finding) },
        locations: [location(None, region, primary_label)],
        related_locations,
        fixes: fixes(finding, locator),
    }
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// The message, then the help on the next line when there is one.
fn message(finding: &Finding) -> String {
    match &finding.help {
        Some(help) => format!("{}\n{help}", finding.message),
        None => finding.message.clone(),
    }
}

/// The finding's fix as a SARIF fix: its edits as replacements in the finding's file. Its
/// applicability is in the description, since SARIF has no field for it.
fn fixes<'f>(finding: &'f Finding, locator: &mut Locator) -> Vec<SarifFix<'f>> {
    let Some(fix) = &finding.fix else { return Vec::new() };
    let replacements: Option<Vec<Replacement>> = fix
        .edits
        .iter()
        .map(|edit| {
            let region = locator.span(&finding.path, Span::new(edit.start, edit.end))?;
            Some(Replacement {
                deleted_region: Region::from(region),
                inserted_content: Text { text: &edit.content },
            })
        })
        .collect();
    // A fix whose file cannot be read again (changed since) is left out, not misplaced.
    let Some(replacements) = replacements else { return Vec::new() };
    let applicability = match fix.applicability {
        Applicability::Safe => "safe fix, applied by `kosmo-lint check --fix`",
        Applicability::Unsafe => "unsafe fix, applied by `kosmo-lint check --fix --unsafe-fixes`",
        Applicability::DisplayOnly => "suggestion, never applied by kosmo-lint",
    };
    vec![SarifFix {
        description: Text { text: format!("{} ({applicability})", fix.message) },
        artifact_changes: [ArtifactChange {
            artifact_location: artifact(&finding.display_path),
            replacements,
        }],
    }]
}

/// A finding's places in other files (generated code the finding is about) as related
/// locations numbered from `after + 1`: a point each, its column in UTF-8 bytes, which is
/// UTF-16's for the ASCII of generated code.
fn other_files(finding: &Finding, after: usize) -> impl Iterator<Item = Location<'_>> {
    finding.related.iter().enumerate().map(move |(at, related)| Location {
        id: Some(after + at + 1),
        physical_location: PhysicalLocation {
            artifact_location: artifact(&related.path),
            region: (related.line > 0).then_some(Region {
                start_line: related.line,
                start_column: related.column.max(1),
                end_line: None,
                end_column: None,
            }),
        },
        message: Some(Text { text: &related.text }),
    })
}

/// A displayed path as an artifact location: a path relative to the current folder is a
/// relative URI against `%SRCROOT%`, an absolute one a `file:` URI; both percent-encoded.
fn artifact(display_path: &str) -> ArtifactLocation {
    let encoded: Vec<String> = display_path
        .split('/')
        .map(|segment| utf8_percent_encode(segment, PATH_SEGMENT).to_string())
        .collect();
    let encoded = encoded.join("/");
    if display_path.starts_with('/') {
        ArtifactLocation { uri: format!("file://{encoded}"), uri_base_id: None }
    } else {
        ArtifactLocation { uri: encoded, uri_base_id: Some(SRCROOT) }
    }
}

impl From<Range> for Region {
    fn from(range: Range) -> Self {
        Self {
            start_line: range.start_line,
            start_column: range.start_column,
            end_line: Some(range.end_line),
            end_column: Some(range.end_column),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::artifact;

    #[test]
    fn uris_are_percent_encoded() {
        let relative = artifact("web/src/app/pages/[id]/{slug}/a b#c%d/é.tsx");
        assert_eq!(relative.uri, "web/src/app/pages/%5Bid%5D/%7Bslug%7D/a%20b%23c%25d/%C3%A9.tsx");
        assert_eq!(relative.uri_base_id, Some("%SRCROOT%"));
        let absolute = artifact("/tmp/x y/[...path]/index.tsx");
        assert_eq!(absolute.uri, "file:///tmp/x%20y/%5B...path%5D/index.tsx");
        assert_eq!(absolute.uri_base_id, None);
    }
}
