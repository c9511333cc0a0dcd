//! Seed corpora, taken from the repository's own examples and fixtures so that the fuzzer
//! starts from the code kosmo-lint is written for.

use std::fs;
use std::path::{Path, PathBuf};

use crate::{SCRIPT_BLOCK_EXTENSIONS, Target};

/// Seed inputs for `target`, named, from the repository at `repo`.
pub fn seeds(target: Target, repo: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    for folder in ["examples", "tests/fixtures"] {
        collect(&repo.join(folder), &mut files);
    }
    files.sort();
    let mut seeds = Vec::new();
    match target {
        Target::FactCache => {
            return vec![("shop-facts.bin".into(), crate::shop::shop().facts_file.clone())];
        }
        Target::TreeCache => {
            return vec![("shop-tree.bin".into(), crate::shop::shop().tree_file.clone())];
        }
        Target::ScriptBlocks => {
            for (index, (extension, text)) in SCRIPT_BLOCK_SEEDS.iter().enumerate() {
                seeds.push((
                    format!("sample{index}.{extension}"),
                    script_block_seed(extension, text),
                ));
            }
        }
        Target::Extract | Target::RouteFolder | Target::ConfigFiles | Target::Fix => {}
    }
    for path in files {
        let rel = path.strip_prefix(repo).unwrap_or(&path).to_string_lossy().replace('/', "_");
        match target {
            Target::Extract => {
                let is_script = path.extension().is_some_and(|e| e == "ts" || e == "tsx");
                if let (true, Ok(text)) = (is_script, fs::read(&path)) {
                    let selector =
                        if path.extension().is_some_and(|e| e == "ts") { 0x81 } else { 0 };
                    seeds.push((rel, [vec![selector], text].concat()));
                }
            }
            Target::Fix => {
                let is_page = path.extension().is_some_and(|e| e == "tsx");
                if let (true, Ok(text)) = (is_page, fs::read(&path)) {
                    seeds.push((rel, text));
                }
            }
            Target::ConfigFiles => {
                let is_config = path.extension().is_some_and(|e| e == "json");
                if let (true, Ok(text)) = (is_config, fs::read(&path)) {
                    seeds.push((rel, text));
                }
            }
            Target::ScriptBlocks => {
                let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
                if let (true, Ok(text)) =
                    (SCRIPT_BLOCK_EXTENSIONS.contains(&extension), fs::read_to_string(&path))
                {
                    seeds.push((rel, script_block_seed(extension, &text)));
                }
            }
            Target::FactCache | Target::TreeCache => unreachable!("returned above"),
            Target::RouteFolder => {
                // The route folders of every route and page: `users/[id]` of `api/users/[id]/…`.
                let rel = path.strip_prefix(repo).unwrap_or(&path).to_string_lossy();
                let Some((_, below)) =
                    rel.split_once("/api/").or_else(|| rel.split_once("/pages/"))
                else {
                    continue;
                };
                let route = below.rsplit_once('/').map_or("", |(folders, _)| folders);
                if !route.is_empty() && !seeds.iter().any(|(_, s)| s == route.as_bytes()) {
                    seeds.push((format!("route{}", seeds.len()), route.as_bytes().to_vec()));
                }
            }
        }
    }
    seeds
}

/// A `script_blocks` input: the byte that picks `extension`, then `text`.
fn script_block_seed(extension: &str, text: &str) -> Vec<u8> {
    let selector = SCRIPT_BLOCK_EXTENSIONS.iter().position(|e| *e == extension).unwrap_or(0);
    let selector = u8::try_from(selector).unwrap_or(0);
    [vec![selector], text.as_bytes().to_vec()].concat()
}

/// Shapes the repository's own examples lack: both Vue blocks on one line, a script inside
/// a template and in `<svelte:head>`, Svelte expressions holding tags, MDX frontmatter, fences
/// and an ESM block spanning a blank line, CRLF, a BOM, an unclosed `<script>`.
const SCRIPT_BLOCK_SEEDS: [(&str, &str); 6] = [
    (
        "vue",
        "<script lang=\"ts\">export const loader = () => 1 // one</script><script setup lang=\"ts\">\nconst d = useLoaderData();\n</script>\n<template>\n  <template v-if=\"d\"><p>{{ \"<script>\" }}</p></template>\n  <script>nope()</script>\n</template>\n<style>p { content: \"</script>\" }</style>\n",
    ),
    (
        "vue",
        "\u{feff}<template>\r\n  <p>Grüße 🌍</p>\r\n</template>\r\n<script setup>\r\nconst a = 1;\r\n",
    ),
    (
        "svelte",
        "<script module lang=\"ts\">\n  export const loader = () => 1;\n</script>\n<script>\n  let { data } = $props();\n</script>\n<svelte:head><script src=\"x.js\"></script></svelte:head>\n<button onclick={() => go(\"</script>\")} class=\"a {x ? '}' : \"b\"}\">{a < b}</button>\n{#if a}<script>nope()</script>{/if}\n",
    ),
    (
        "svelte",
        "<script context=\"module\">\nexport const a = `${\"}\"}`;\n</script>\n<script>\nexport let b = 2;\n</script>\n",
    ),
    (
        "mdx",
        "---\ntitle: import x from \"y\"\n---\n\nimport { Note } from \"./Note\";\nexport const loader = () =>\n  fetchClients[\"users\"].GET();\n\n# Title\nexport const meta = {\n  a: 1,\n\n  b: <Note>two</Note>,\n};\n\n```js\nimport nope from \"nope\";\n```\n\n~~~~\nexport const nope = 1;\n~~~~\n",
    ),
    ("mdx", "# Notes\r\n\r\nexport const a = (\r\n\r\nprose\r\n"),
];

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        if name == "node_modules" || name == ".kosmo-lint-cache" {
            continue;
        }
        match entry.file_type() {
            Ok(kind) if kind.is_dir() => collect(&path, out),
            Ok(kind) if kind.is_file() => out.push(path),
            _ => {}
        }
    }
}
