//! The generated Solid glue of each SolidJS source folder, read once when the route tree is
//! built (see [`kosmo_lint_core::glue`]): for `preload-never-runs`, never linted. The file
//! is an input of the saved tree, present or absent, so that a tree from the cache is
//! rebuilt when the glue appears, changes or disappears.

use kosmo_lint_core::facts::{FileFacts, Framework};
use kosmo_lint_core::glue::{SolidGlue, folder_config_to_report_on, solid_glue_path};
use kosmo_lint_core::walk::FileKind;
use kosmo_lint_core::{Project, ProjectFile, RouteTree};
use kosmo_lint_facts::{GeneratedRead, GlueFile, TreeRecorder};

use crate::source::{Sources, resolved};

/// Reads the glue of every SolidJS folder of `tree` into its `solid_glue`, the folder config
/// to report on taken from the route walk's `routes`, and records each glue file in
/// `recorder`. An overlaid glue (the tests' in-memory files) is not the disk's: a tree built
/// from it is not saved.
pub(crate) fn load_solid_glues(
    project: &Project,
    tree: &mut RouteTree,
    routes: &[(ProjectFile, FileFacts)],
    sources: &Sources,
    recorder: Option<&TreeRecorder>,
) {
    for (index, folder) in tree.folders.iter_mut().enumerate() {
        if folder.framework != Some(Framework::Solid) {
            continue;
        }
        let rel = solid_glue_path(&folder.folder, folder.generation);
        let path = resolved(&project.root.join(&rel));
        let (verdict, position) = match sources.overlay(&path) {
            Some(text) => {
                if let Some(recorder) = recorder {
                    recorder.generated(&rel, GeneratedRead::Unreadable);
                }
                kosmo_lint_facts::classify_solid_glue(text)
            }
            None => match kosmo_lint_facts::read_solid_glue(&path) {
                GlueFile::Absent => {
                    if let Some(recorder) = recorder {
                        recorder.generated(&rel, GeneratedRead::Absent);
                    }
                    continue;
                }
                GlueFile::Unreadable => {
                    if let Some(recorder) = recorder {
                        recorder.generated(&rel, GeneratedRead::Unreadable);
                    }
                    continue;
                }
                GlueFile::Read { stamp, verdict, position } => {
                    if let Some(recorder) = recorder {
                        recorder.generated(&rel, GeneratedRead::Present(stamp));
                    }
                    (verdict, position)
                }
            },
        };
        let configs = routes
            .iter()
            .filter(|(file, _)| file.folder == index && file.kind == FileKind::Config)
            .map(|(file, _)| file.rel.as_str());
        let report_on = folder_config_to_report_on(configs).map(str::to_owned);
        folder.solid_glue = Some(SolidGlue {
            path: rel,
            verdict,
            line: position.line,
            column: position.column,
            returns_preload: position.returns_preload,
            report_on,
        });
    }
}
