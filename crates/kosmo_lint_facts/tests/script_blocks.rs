//! Facts of `.vue`, `.svelte` and `.mdx` files, read through their script blocks: the same
//! facts as a `.tsx` file's, at offsets of the original file.

use std::path::Path;

use kosmo_lint_core::FileKind;
use kosmo_lint_core::facts::{FileFacts, FileStatus};
use kosmo_lint_facts::{check_module, extract_exports, extract_text};

fn extract(kind: FileKind, path: &str, text: &str) -> FileFacts {
    let facts = extract_text(kind, Path::new(path), text);
    assert_eq!(facts.status, FileStatus::Parsed, "{text}");
    facts
}

/// Each fetch-client reference's route, and the original text at its span.
fn refs<'t>(facts: &FileFacts, text: &'t str) -> Vec<(String, &'t str)> {
    let at = |s: kosmo_lint_core::Span| &text[s.start as usize..s.end as usize];
    facts.fetch_refs.iter().map(|r| (r.route.clone(), at(r.route_span))).collect()
}

fn exports(facts: &FileFacts) -> Vec<&str> {
    facts.page.as_ref().expect("page facts").exports.iter().map(|e| e.name.as_str()).collect()
}

const VUE_PAGE: &str = r#"<template>
  <h1>Bücher – {{ data.length }}</h1>
  <p>{{ fetchClients["not/a/ref"] }}</p>
</template>

<script lang="ts">
import fetchClients from "_/fetch";
export const loader = () => fetchClients["users"].GET();
</script>

<script setup lang="ts">
import fetchClients from "_/fetch";
import { useLoaderData } from "_/use";
const loader = useLoaderData<typeof import("./index.vue").loader>();
const fresh = () => fetchClients["users/[id]"].GET(["1"]);
</script>
"#;

#[test]
fn a_vue_page_has_the_facts_of_its_scripts_at_their_offsets() {
    let facts = extract(FileKind::Page, "src/app/pages/users/index.vue", VUE_PAGE);
    assert_eq!(exports(&facts), ["loader"]);
    assert_eq!(
        refs(&facts, VUE_PAGE),
        [("users".into(), "\"users\""), ("users/[id]".into(), "\"users/[id]\"")]
    );
}

/// Vue drops an import repeated in `<script setup>`, and compiles the setup block into a
/// function: a name in both blocks is no redeclaration. Within one block it still is.
#[test]
fn names_in_both_vue_blocks_are_not_redeclarations() {
    let path = "src/app/pages/users/index.vue";
    extract(FileKind::Page, path, VUE_PAGE);
    let twice = "<script setup>\nimport a from \"./a\";\nimport a from \"./a\";\n</script>\n";
    let facts = extract_text(FileKind::Page, Path::new(path), twice);
    assert!(matches!(facts.status, FileStatus::SyntaxErrors { .. }), "{:?}", facts.status);
}

#[test]
fn a_svelte_component_and_an_mdx_page_have_their_facts() {
    let svelte = "<script lang=\"ts\">\n  import fetchClients from \"_/fetch\";\n  const rows = fetchClients[\"orders\"].GET();\n</script>\n\n<ul>{#each rows as row}<li>{row}</li>{/each}</ul>\n";
    let facts = extract(FileKind::Helper, "src/app/components/OrderRow.svelte", svelte);
    assert_eq!(refs(&facts, svelte), [("orders".into(), "\"orders\"")]);

    let mdx = "---\ntitle: Users\n---\n\nimport fetchClients from \"_/fetch\";\nexport const loader = () => fetchClients[\"users\"].GET();\n\n# Users\n\n```ts\nfetchClients[\"in/a/fence\"].GET();\n```\n";
    let facts = extract(FileKind::Page, "src/app/pages/users/index.mdx", mdx);
    assert_eq!(exports(&facts), ["loader"]);
    assert_eq!(refs(&facts, mdx), [("users".into(), "\"users\"")]);
    // The module graph reads a component's exports through its scripts as well.
    let exports = extract_exports(Path::new("src/app/pages/users/index.mdx"), mdx).unwrap();
    assert!(format!("{exports:?}").contains("loader"), "{exports:?}");
}

#[test]
fn suppressions_in_a_script_block_target_its_lines_and_are_removed_within_it() {
    let text = "<template><p>ö</p></template>\n<script setup lang=\"ts\">// kosmo-lint-disable-next-line fetch-client-route-exists -- old route\nimport fetchClients from \"_/fetch\";\nconst a = fetchClients[\"gone\"].GET();\n</script>\n";
    let facts = extract(FileKind::Page, "src/app/pages/a/index.vue", text);
    let [suppression] = facts.suppressions.as_slice() else { panic!("{:?}", facts.suppressions) };
    let at = |s: kosmo_lint_core::Span| &text[s.start as usize..s.end as usize];
    assert_eq!(at(suppression.target), "import fetchClients from \"_/fetch\";\n");
    // The directive shares its line with `<script …>`: removing it keeps the tag.
    let removal = at(suppression.removal);
    assert!(
        removal.starts_with("// kosmo-lint") && removal.ends_with("old route\n"),
        "{removal:?}"
    );
}

#[test]
fn a_fix_check_reads_the_scripts_and_keeps_the_markup() {
    let path = Path::new("src/app/pages/users/index.vue");
    let check = check_module(path, VUE_PAGE).unwrap();
    assert_eq!(check.markup.len(), 3, "before, between and after the two blocks");
    assert!(check.markup[0].contains("Bücher") && check.markup[2] == "</script>\n");
    let changed = VUE_PAGE.replace("Bücher", "Books");
    assert_ne!(check_module(path, &changed).unwrap().markup, check.markup);
    let unclosed = "<script setup>\nconst a = 1;\n";
    assert!(check_module(path, unclosed).is_err());
    assert!(
        check_module(Path::new("src/app/pages/a/index.tsx"), "export {};")
            .unwrap()
            .markup
            .is_empty()
    );
}
