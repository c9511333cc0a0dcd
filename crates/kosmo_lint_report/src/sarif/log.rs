//! The parts of a SARIF 2.1.0 log that kosmo-lint writes, as serde types.

use serde::Serialize;

#[derive(Serialize)]
pub(super) struct Log<'f> {
    #[serde(rename = "$schema")]
    pub schema: &'static str,
    pub version: &'static str,
    pub runs: [Run<'f>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Run<'f> {
    pub tool: Tool<'f>,
    pub invocations: [Invocation<'f>; 1],
    /// Stated although it is SARIF's default: columns count UTF-16 code units.
    pub column_kind: &'static str,
    pub results: Vec<SarifResult<'f>>,
}

#[derive(Serialize)]
pub(super) struct Tool<'f> {
    pub driver: Driver<'f>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Driver<'f> {
    pub name: &'static str,
    pub version: &'static str,
    pub semantic_version: &'static str,
    pub information_uri: &'static str,
    pub rules: Vec<Rule<'f>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Rule<'f> {
    pub id: &'f str,
    pub name: String,
    pub short_description: Text<&'f str>,
    pub full_description: Text<&'f str>,
    pub help: Help<'f>,
    pub help_uri: String,
    pub default_configuration: Configuration,
}

#[derive(Serialize)]
pub(super) struct Help<'f> {
    pub text: &'f str,
    pub markdown: &'f str,
}

#[derive(Serialize)]
pub(super) struct Configuration {
    pub level: &'static str,
}

#[derive(Serialize)]
pub(super) struct Text<T> {
    pub text: T,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Invocation<'f> {
    pub execution_successful: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tool_execution_notifications: Vec<Notification<'f>>,
}

#[derive(Serialize)]
pub(super) struct Notification<'f> {
    pub descriptor: Reference,
    pub level: &'static str,
    pub message: Text<String>,
    pub locations: [Location<'f>; 1],
}

#[derive(Serialize)]
pub(super) struct Reference {
    pub id: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct SarifResult<'f> {
    pub rule_id: &'static str,
    pub rule_index: usize,
    pub level: &'static str,
    pub message: Text<String>,
    pub locations: [Location<'f>; 1],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related_locations: Vec<Location<'f>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fixes: Vec<SarifFix<'f>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
#[expect(clippy::struct_field_names, reason = "SARIF's names")]
pub(super) struct Location<'f> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<usize>,
    pub physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<Text<&'f str>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct PhysicalLocation {
    pub artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<Region>,
}

#[derive(Serialize, Clone)]
#[serde(rename_all = "camelCase")]
pub(super) struct ArtifactLocation {
    pub uri: String,
    /// `%SRCROOT%` for a path relative to the folder kosmo-lint ran in; none for a `file:`
    /// URI.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uri_base_id: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Region {
    pub start_line: u32,
    pub start_column: u32,
    /// Left out for a point in another file (a finding's `related`), which is known by its
    /// start only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_line: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_column: Option<u32>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct SarifFix<'f> {
    pub description: Text<String>,
    pub artifact_changes: [ArtifactChange<'f>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct ArtifactChange<'f> {
    pub artifact_location: ArtifactLocation,
    pub replacements: Vec<Replacement<'f>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Replacement<'f> {
    pub deleted_region: Region,
    pub inserted_content: Text<&'f str>,
}
