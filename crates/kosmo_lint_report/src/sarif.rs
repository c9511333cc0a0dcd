//! `--format sarif`: a SARIF 2.1.0 log with one run, for GitHub code scanning and other
//! SARIF viewers.

use std::collections::BTreeMap;

use kosmo_lint_core::{Finding, Severity};
use serde::Serialize;

use crate::position::{Columns, Locator, Range};
use crate::{SourceCache, docs_url};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
/// Relative artifact URIs are resolved against this base: the project root.
const SRCROOT: &str = "%SRCROOT%";

#[derive(Serialize)]
struct Log<'f> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'f>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'f> {
    tool: Tool,
    /// Stated although it is SARIF's default: columns count UTF-16 code units.
    column_kind: &'static str,
    results: Vec<SarifResult<'f>>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    information_uri: &'static str,
    rules: Vec<Rule>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: &'static str,
    short_description: Text<String>,
    help_uri: String,
}

#[derive(Serialize)]
struct Text<T> {
    text: T,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'f> {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Text<String>,
    locations: [ResultLocation<'f>; 1],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<ResultLocation<'f>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResultLocation<'f> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation<'f>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text<&'f str>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation<'f> {
    artifact_location: ArtifactLocation<'f>,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation<'f> {
    uri: &'f str,
    uri_base_id: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: u32,
    start_column: u32,
    /// Left out for a point in another file (a finding's `related`): the region is then the
    /// rest of the line.
    #[serde(skip_serializing_if = "Option::is_none")]
    end_line: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_column: Option<u32>,
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

/// A finding's places in other files (generated code the finding is about) as related
/// locations numbered from `after + 1`: a point each, its column in UTF-8 bytes, which is
/// UTF-16's for the ASCII of generated code.
fn other_files(finding: &Finding, after: usize) -> impl Iterator<Item = ResultLocation<'_>> {
    finding.related.iter().enumerate().map(move |(at, related)| ResultLocation {
        id: Some(after + at + 1),
        physical_location: PhysicalLocation {
            artifact_location: ArtifactLocation { uri: &related.path, uri_base_id: SRCROOT },
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

/// One run whose `tool.driver.rules` holds each rule that has a finding, by name, and whose
/// results point at them by `ruleId` and `ruleIndex`. Columns are UTF-16 code units and the
/// end column is exclusive, as SARIF defines them. The label at the finding's own span gives
/// the location's `message`; every other labelled span becomes a `relatedLocations` entry.
pub fn render_sarif(findings: &[Finding], sources: &mut SourceCache) -> String {
    let rule_index: BTreeMap<&'static str, usize> = {
        let mut names: Vec<&'static str> = findings.iter().map(|f| f.rule).collect();
        names.sort_unstable();
        names.dedup();
        names.into_iter().enumerate().map(|(index, name)| (name, index)).collect()
    };
    let rules = rule_index
        .keys()
        .map(|&id| Rule {
            id,
            short_description: Text { text: id.to_owned() },
            help_uri: docs_url(id),
        })
        .collect();

    let mut locator = Locator::new(sources, Columns::Utf16);
    let results = findings
        .iter()
        .map(|finding| {
            let location = |id, region: Option<Range>, message| ResultLocation {
                id,
                physical_location: PhysicalLocation {
                    artifact_location: ArtifactLocation {
                        uri: &finding.display_path,
                        uri_base_id: SRCROOT,
                    },
                    region: region.map(Region::from),
                },
                message,
            };
            let mut related_locations: Vec<ResultLocation> = match finding.span {
                Some(span) => finding
                    .labels
                    .iter()
                    .filter(|label| label.span != span)
                    .filter_map(|label| {
                        let region = locator.span(&finding.path, label.span)?;
                        Some((region, label.text.as_deref()))
                    })
                    .enumerate()
                    .map(|(id, (region, text))| {
                        location(Some(id + 1), Some(region), text.map(|text| Text { text }))
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
            let text = match &finding.help {
                Some(help) => format!("{}\n{help}", finding.message),
                None => finding.message.clone(),
            };
            SarifResult {
                rule_id: finding.rule,
                rule_index: rule_index[finding.rule],
                level: match finding.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                    Severity::Info => "note",
                },
                message: Text { text },
                locations: [location(None, locator.finding(finding), primary_label)],
                related_locations,
            }
        })
        .collect();

    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "kosmo-lint",
                    version: env!("CARGO_PKG_VERSION"),
                    information_uri: env!("CARGO_PKG_REPOSITORY"),
                    rules,
                },
            },
            column_kind: "utf16CodeUnits",
            results,
        }],
    };
    let mut out = serde_json::to_string_pretty(&log).unwrap_or_default();
    out.push('\n');
    out
}
