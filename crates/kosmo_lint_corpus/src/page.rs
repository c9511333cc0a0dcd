//! The part of a page both generations write alike: size padding, and the component that
//! reads the data (where the `createAsync` findings and suppressions sit) and shows it.

use crate::blocks;
use crate::plan::{Page, rules};
use crate::rng::Rng;
use crate::source::Source;
use crate::vocab::{camel, pascal};

/// The suppression a page keeps above its `createAsync`: needed on a page without
/// `preload`, stale on one with it.
const SUPPRESSION: &str =
    "  // kosmo-lint-disable-next-line missing-preload -- the layout preloads it";

pub struct Component<'a> {
    pub kind: Page,
    pub name: String,
    /// The route's resource (`orders`): the CSS class and heading.
    pub resource: &'a str,
    /// Lines before the read (`const params = useParams();`).
    pub setup: Vec<String>,
    /// The line reading the data (`const data = createAsync(…);`).
    pub read: String,
    /// Why `read` is a violation, when the page's kind plants one there.
    pub read_detail: String,
    pub panel: Option<String>,
}

/// Plain helpers until the file has about `lines` lines.
pub fn pad(source: &mut Source, lines: usize, resource: &str, rng: &mut Rng) {
    for n in 1.. {
        if source.len() >= lines {
            break;
        }
        let name = format!("{}View{n}", camel(resource));
        source.lines(blocks::helper(&name, "Record<string, any>", rng)).blank();
    }
}

/// `export default function …`, with JSX sections up to about `goal` lines in the file.
pub fn write(component: Component, goal: usize, source: &mut Source, rng: &mut Rng) {
    let sections = rng.between(1, 3) + goal.saturating_sub(source.len() + 20) / 13;
    source.line(format!("export default function {}() {{", component.name));
    if component.kind == Page::Static {
        source.line("  const data = () => ({ items: [] as Array<Record<string, any>> });");
        source.line("  const rows = () => data().items;");
    } else {
        source.lines(component.setup);
        let read = component.read;
        match component.kind {
            Page::SecondReader => {
                source.planted(rules::CREATE_ASYNC_REUSES_PRELOAD, component.read_detail, read);
            }
            Page::NoPreload => {
                source.planted(rules::MISSING_PRELOAD, component.read_detail, read);
            }
            Page::SuppressedNoPreload => {
                source.line(SUPPRESSION).line(read);
            }
            Page::StaleSuppression => {
                let detail = "a missing-preload suppression on a page that exports preload";
                source
                    .planted(rules::UNUSED_SUPPRESSION, detail.to_owned(), SUPPRESSION)
                    .line(read);
            }
            _ => {
                source.line(read);
            }
        }
        source.line("  const rows = () => (data()?.items ?? []) as Array<Record<string, any>>;");
    }
    source.line("  const [selected, setSelected] = createSignal<string | null>(null);");
    source.blank().line("  return (");
    source.line(format!("    <main class=\"page page-{}\">", component.resource));
    source.line(format!("      <h1>{}</h1>", pascal(component.resource)));
    let class = format!("{}-section", component.resource);
    for _ in 0..sections {
        source.lines(blocks::jsx_section(&class, "      ", rng));
    }
    if let Some(panel) = component.panel {
        source.line(format!("      <{panel} selected={{selected()}} />"));
    }
    source.lines(["    </main>", "  );", "}"]);
}
