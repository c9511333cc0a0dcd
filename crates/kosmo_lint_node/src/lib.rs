//! The Node-API addon behind `kosmo-lint/plugin` (oxlint's `jsPlugins`, `ESLint` 9): the host
//! hands over each file's text, the addon lints it against the file's project and returns the
//! findings with offsets in the text's UTF-16 units, as JavaScript strings count.
//!
//! Each project is loaded once per process (its route tree from the tree cache when it is
//! valid) and kept: a host linting 10,000 files builds the tree once, never once per file.
//! A text equal to the file on disk is linted from the disk (no overlay, so a whole-project
//! run never rebuilds the tree); a different text (an editor's unsaved buffer) replaces the
//! file, and a route definition's buffer reloads the project's tree with it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use kosmo_lint_core::{Applicability, Finding, Project, Severity};
use kosmo_lint_linter::{EditScope, Linter, LoadOptions, RunKind, Session, Settings, Sources};
use napi_derive::napi;

/// A rule, as the plugin declares it to the host.
#[napi(object)]
pub struct RuleInfo {
    pub name: String,
    pub summary: String,
    pub url: String,
    pub fixable: bool,
    /// `"error"` or `"warn"`: the rule's default, for the plugin's `recommended` config.
    pub severity: String,
}

#[napi(object)]
pub struct JsEdit {
    pub start: u32,
    pub end: u32,
    pub text: String,
}

#[napi(object)]
pub struct JsFinding {
    pub rule: String,
    pub message: String,
    /// UTF-16 offsets in the text; both absent for a finding about the whole file.
    pub start: Option<u32>,
    pub end: Option<u32>,
    /// The safe fix's edits, if the finding has one.
    pub fix: Option<Vec<JsEdit>>,
}

/// The configurable rules.
#[napi]
pub fn rules() -> Vec<RuleInfo> {
    kosmo_lint_linter::RULES
        .iter()
        .map(|rule| {
            let meta = rule.meta();
            RuleInfo {
                name: meta.name.to_owned(),
                summary: meta.summary.to_owned(),
                url: kosmo_lint_report::docs_url(meta.name),
                fixable: !matches!(meta.fix, kosmo_lint_linter::FixKind::None),
                severity: if meta.severity == Severity::Error { "error" } else { "warn" }
                    .to_owned(),
            }
        })
        .collect()
}

struct ProjectState {
    session: Session,
    linter: Linter,
    /// Texts that differ from the disk: the host's unsaved buffers.
    buffers: BTreeMap<PathBuf, String>,
}

static PROJECTS: Mutex<BTreeMap<PathBuf, ProjectState>> = Mutex::new(BTreeMap::new());

/// The findings of `text` as the file at `path`; none outside a KosmoJS project.
#[napi]
#[allow(clippy::needless_pass_by_value, reason = "Node-API hands the strings over owned")]
pub fn lint_text(path: String, text: String) -> napi::Result<Vec<JsFinding>> {
    let path = kosmo_lint_linter::resolved(Path::new(&path));
    let mut projects = PROJECTS.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let Some(root) = project_root(&mut projects, &path)? else { return Ok(Vec::new()) };
    let Some(state) = projects.get_mut(&root) else { return Ok(Vec::new()) };
    let on_disk = std::fs::read_to_string(&path).ok();
    let buffer = (on_disk.as_deref() != Some(text.as_str())).then(|| text.clone());
    if state.buffers.get(&path) != buffer.as_ref() {
        match &buffer {
            Some(buffer) => state.buffers.insert(path.clone(), buffer.clone()),
            None => state.buffers.remove(&path),
        };
        if state.session.set_buffer(&path, buffer) == EditScope::Project {
            let buffers = std::mem::take(&mut state.buffers);
            *state = load(&root, buffers)?;
        }
    }
    let findings = state.session.lint_path(&state.linter, &path).unwrap_or_default();
    Ok(findings.iter().filter(|f| f.path == path).map(|f| js_finding(f, &text)).collect())
}

fn project_root(
    projects: &mut BTreeMap<PathBuf, ProjectState>,
    path: &Path,
) -> napi::Result<Option<PathBuf>> {
    if let Some(root) =
        projects.keys().filter(|root| path.starts_with(root)).max_by_key(|r| r.as_os_str().len())
    {
        return Ok(Some(root.clone()));
    }
    let Some(folder) = path.ancestors().skip(1).find(|folder| folder.is_dir()) else {
        return Ok(None);
    };
    let Ok(project) = Project::discover(folder) else { return Ok(None) };
    let root = project.root.clone();
    projects.insert(root.clone(), load(&root, BTreeMap::new())?);
    Ok(Some(root))
}

fn load(root: &Path, buffers: BTreeMap<PathBuf, String>) -> napi::Result<ProjectState> {
    let project = Project::discover(root).map_err(|e| napi::Error::from_reason(e.to_string()))?;
    // A configuration kosmo-lint would refuse is an error the host shows, not a silent run.
    let settings = Settings::load(&project.root, None, &[], &project.root)
        .map_err(|e| napi::Error::from_reason(format!("kosmo-lint: {e}")))?;
    let linter = Linter::new(&settings);
    let mut sources = Sources::disk();
    for (path, text) in &buffers {
        sources.set_overlay(path, text.clone());
    }
    let session =
        Session::load(project, sources, LoadOptions { use_cache: true, run: RunKind::Editor });
    Ok(ProjectState { session, linter, buffers })
}

fn js_finding(finding: &Finding, text: &str) -> JsFinding {
    let units = |byte: u32| utf16_offset(text, byte as usize);
    let mut message = finding.message.clone();
    if let Some(help) = &finding.help {
        message.push_str(" (");
        message.push_str(help);
        message.push(')');
    }
    let fix =
        finding.fix.as_ref().filter(|fix| fix.applicability == Applicability::Safe).map(|fix| {
            fix.edits
                .iter()
                .map(|edit| JsEdit {
                    start: units(edit.start),
                    end: units(edit.end),
                    text: edit.content.clone(),
                })
                .collect()
        });
    JsFinding {
        rule: finding.rule.to_owned(),
        message,
        start: finding.span.map(|span| units(span.start)),
        end: finding.span.map(|span| units(span.end)),
        fix,
    }
}

/// The UTF-16 offset of byte `byte` of `text` (clamped, and at a character's start).
fn utf16_offset(text: &str, byte: usize) -> u32 {
    let byte = text.floor_char_boundary(byte.min(text.len()));
    u32::try_from(text[..byte].encode_utf16().count()).unwrap_or(u32::MAX)
}
