use oxc_allocator::Allocator;
use oxc_parser::Parser;

use super::{ScriptSource, script_source};

/// The script of `text`, checked against what every script must be: as long as the text,
/// its line breaks where the text has them, every other byte the text's own or a space (or
/// a gap's line break), and parsable by oxc as one module.
fn checked(extension: &str, text: &str) -> ScriptSource {
    let script = script_source(extension, text).expect("has blocks").expect("no error");
    let (padded, original) = (script.text.as_bytes(), text.as_bytes());
    assert_eq!(padded.len(), original.len(), "{text:?}");
    for (at, (&out, &byte)) in padded.iter().zip(original).enumerate() {
        if matches!(byte, b'\n' | b'\r') {
            assert_eq!(out, byte, "line break at {at} of {text:?}");
        } else {
            assert!(out == byte || out == b' ' || (out == b'\n' && byte == b'<'), "{at}: {text:?}");
        }
    }
    let allocator = Allocator::default();
    let parsed = Parser::new(&allocator, &script.text, script.source_type).parse();
    assert!(parsed.diagnostics.is_empty(), "{:?} in {:?}", parsed.diagnostics, script.text);
    script
}

/// The content of each block, as the original text has it.
fn contents<'t>(script: &ScriptSource, text: &'t str) -> Vec<&'t str> {
    script.blocks.iter().map(|&(start, end)| &text[start as usize..end as usize]).collect()
}

fn range_of(text: &str, needle: &str) -> (u32, u32) {
    let start = text.find(needle).unwrap_or_else(|| panic!("{needle:?} not in {text:?}"));
    (u32::try_from(start).unwrap(), u32::try_from(start + needle.len()).unwrap())
}

const VUE: &str = r#"<script lang="ts">
import fetchClients from "_/fetch";
export const loader = () => fetchClients["users"].GET();
</script>

<script setup lang='ts'>
import { useLoaderData } from "_/use";
const data = useLoaderData<typeof loader>();
</script>

<template>
  <p v-if="data.length > 1">{{ data.length }} users</p>
</template>

<style scoped>
p::before { content: "</script>"; }
</style>
"#;

#[test]
fn vue_script_and_script_setup_blocks_keep_their_offsets() {
    let script = checked("vue", VUE);
    let module = "\nimport fetchClients from \"_/fetch\";\nexport const loader = () => fetchClients[\"users\"].GET();\n";
    let setup = "\nimport { useLoaderData } from \"_/use\";\nconst data = useLoaderData<typeof loader>();\n";
    assert_eq!(contents(&script, VUE), [module, setup]);
    assert_eq!(script.instance, Some(range_of(VUE, setup)));
    assert!(script.source_type.is_typescript() && !script.source_type.is_jsx());
    assert!(script.source_type.is_module());
    // Everything outside is blank: no markup reaches the parser.
    let (start, end) = range_of(VUE, "<template>");
    assert!(script.text[start as usize..end as usize].trim().is_empty());
}

#[test]
fn vue_attributes_in_any_order_and_quoting() {
    for (tag, typescript, jsx, setup) in [
        ("<script setup lang=\"ts\">", true, false, true),
        ("<script lang='tsx' setup>", true, true, true),
        ("<script\n  setup\n  lang=jsx\n>", false, true, true),
        ("<script lang=\"ts\" generic=\"T extends Array<string>\" setup>", true, false, true),
        ("<script>", false, false, false),
        ("<SCRIPT Lang=\"TS\">", true, false, false),
    ] {
        let text = format!("<template><p /></template>\n{tag}\nconst a = 1;\n</script>\n");
        let script = checked("vue", &text);
        assert_eq!(contents(&script, &text), ["\nconst a = 1;\n"], "{tag}");
        assert_eq!(script.source_type.is_typescript(), typescript, "{tag}");
        assert_eq!(script.source_type.is_jsx(), jsx, "{tag}");
        assert_eq!(script.instance.is_some(), setup, "{tag}");
    }
    // Not JavaScript: not read.
    let text = "<script lang=\"coffee\">\nx = -> 1\n</script>\n";
    assert!(checked("vue", text).blocks.is_empty());
}

#[test]
fn scripts_inside_a_vue_template_are_not_blocks() {
    let text = r#"<template>
  <template v-if="ok"><p>a &lt; b</p></template>
  <div :title="'</template>'">{{ "<script>nope()</script>" }}</div>
  <!-- <script>nope()</script> </template> -->
  <script>nope()</script>
  <template #footer><br></template>
</template>
<script setup>
const ok = true;
</script>
"#;
    let script = checked("vue", text);
    assert_eq!(contents(&script, text), ["\nconst ok = true;\n"]);
    assert!(!script.text.contains("nope"));
}

#[test]
fn a_component_without_script_is_an_empty_module() {
    let text = "<template>\n  <p>Über uns</p>\n</template>\n";
    let script = checked("vue", text);
    assert!(script.blocks.is_empty() && script.instance.is_none());
    assert!(script.text.bytes().all(|b| b == b' ' || b == b'\n'));
    assert!(checked("svelte", "<h1>Hello</h1>\n").blocks.is_empty());
    assert!(checked("mdx", "# Hello\n\nWorld\n").blocks.is_empty());
}

#[test]
fn an_unclosed_script_is_a_syntax_error_at_its_tag() {
    let setup = "<template><p /></template>\n<script setup lang=\"ts\">\nconst a = 1;\n";
    let unterminated = "<script setup lang=\"ts\"\nconst a = 1;\n";
    let svelte = "<script module>\nexport const a = 1;\n</script>\n<script>\nlet b = 2;\n";
    for (extension, text, tag) in [
        ("vue", setup, range_of(setup, "<script setup lang=\"ts\">")),
        // The file ends inside the tag itself: its name is the span.
        ("vue", unterminated, (0, 7)),
        ("svelte", svelte, (46, 54)),
    ] {
        let error = script_source(extension, text).unwrap().unwrap_err();
        assert_eq!((error.span.start, error.span.end), tag, "{text:?}");
        assert!(error.message.contains("never closed"), "{}", error.message);
    }
    assert_eq!(&svelte[46..54], "<script>");
    // A `<script>` left open inside an element is page content, not a block.
    assert!(checked("svelte", "<div><script>\n").blocks.is_empty());
}

const SVELTE: &str = r#"<script module lang="ts">
  export const loader = () => fetchClients["users"].GET();
</script>

<script lang="ts">
  let { data } = $props();
</script>

<svelte:head>
  <script src="https://example.com/analytics.js"></script>
  <title>{data.title}</title>
</svelte:head>

<button onclick={() => count > 1 && go("</script><script>")} class="a {x ? '}' : "b"}">{a < b ? "<script>" : ''}</button>
{#if open}<script>nope()</script>{/if}
"#;

#[test]
fn svelte_module_and_instance_scripts_but_no_nested_ones() {
    let script = checked("svelte", SVELTE);
    let module = "\n  export const loader = () => fetchClients[\"users\"].GET();\n";
    let instance = "\n  let { data } = $props();\n";
    assert_eq!(contents(&script, SVELTE), [module, instance]);
    assert_eq!(script.instance, Some(range_of(SVELTE, instance)));
    assert!(script.source_type.is_typescript() && !script.source_type.is_jsx());
    assert!(!script.text.contains("nope") && !script.text.contains("analytics"));
    // Svelte 4's module script.
    let text = "<script context=\"module\">\nexport const a = 1;\n</script>\n<script>\nexport let b = 2;\n</script>\n";
    let script = checked("svelte", text);
    assert_eq!(script.instance, Some(range_of(text, "\nexport let b = 2;\n")));
    assert_eq!(script.blocks.len(), 2);
}

const MDX: &str = r#"---
title: import x from "y"
---

import { Note } from "../Note";
export const loader = () =>
  fetchClients["users"].GET();

# Title
export const meta = { title: "Docs" };

Some prose that goes on
import this sentence, which is prose.

```js
import nope from "nope";
```

~~~~md
```
export const nope = 1;
~~~~

export const long = {
  a: 1,

  b: <Note>two</Note>,
};

<Note>Read me first.</Note>
"#;

#[test]
fn mdx_esm_blocks_are_read_frontmatter_prose_and_fences_are_not() {
    let script = checked("mdx", MDX);
    assert_eq!(
        contents(&script, MDX),
        [
            "import { Note } from \"../Note\";\nexport const loader = () =>\n  fetchClients[\"users\"].GET();",
            "export const meta = { title: \"Docs\" };",
            "export const long = {\n  a: 1,\n\n  b: <Note>two</Note>,\n};",
        ]
    );
    assert_eq!(script.instance, None);
    assert!(script.source_type.is_jsx() && !script.source_type.is_typescript());
    assert!(!script.text.contains("nope") && !script.text.contains("title: import"));
    // A block whose brackets never close ends at its first blank line.
    let text = "export const a = (\n\nSome prose.\n";
    assert_eq!(script_source("mdx", text).unwrap().unwrap().blocks, [(0, 18)]);
    // A `.md` page is plain Markdown, whatever its lines start with.
    let md = "# Notes\n\nimport this sentence, which is prose.\n";
    assert!(checked("md", md).blocks.is_empty());
}

#[test]
fn offsets_hold_with_crlf_bom_and_characters_of_several_bytes() {
    let vue = "\u{feff}<template>\r\n  <p>Grüße 🌍 — ünïcödé</p>\r\n</template>\r\n<script setup lang=\"ts\">\r\nconst café = \"€\";\r\n</script>\r\n";
    let script = checked("vue", vue);
    let (start, end) = range_of(vue, "const café = \"€\";");
    assert_eq!(&script.text[start as usize..end as usize], &vue[start as usize..end as usize]);
    // The line of every offset is the same in both texts.
    let lines = |s: &str| s[..start as usize].matches('\n').count();
    assert_eq!(lines(&script.text), lines(vue));
    let mdx = "\u{feff}---\r\ntitle: Ünï\r\n---\r\nimport { a } from \"./a\";\r\n\r\n# Ünï\r\n";
    let script = checked("mdx", mdx);
    assert_eq!(contents(&script, mdx), ["import { a } from \"./a\";"]);
    let svelte = "\r<p>ö</p>\r<script>\rlet a = 1;\r</script>\r";
    assert_eq!(contents(&checked("svelte", svelte), svelte), ["\rlet a = 1;\r"]);
}

#[test]
fn blocks_on_one_line_do_not_run_into_each_other() {
    // Without the line break in the gap, the comment would swallow the second block, and
    // `1 foo()` would not parse.
    let text = "<script>const a = 1 // one</script><script setup>foo(a)</script>";
    let script = checked("vue", text);
    assert_eq!(contents(&script, text), ["const a = 1 // one", "foo(a)"]);
    assert_eq!(script.text.as_bytes()[range_of(text, "</script>").0 as usize], b'\n');
}

#[test]
fn other_extensions_are_scripts_as_a_whole() {
    assert!(script_source("tsx", "export {}").is_none());
    assert!(script_source("ts", "<script>").is_none());
}

/// Inputs that would take quadratic time to a naive scan (each unmatched closing tag
/// searching every open element; each unfinished `export` scanning to the end) take linear
/// time: this test would run for minutes otherwise.
#[test]
fn pathological_inputs_take_linear_time() {
    let n = 50_000;
    let svelte =
        format!("{}{}<script>\nlet a = 1;\n</script>\n", "<a>".repeat(n), "</b>".repeat(n));
    assert!(checked("svelte", &svelte).blocks.is_empty(), "the script is inside the `<a>`s");
    let mdx = "export const a = (\n\n".repeat(n);
    let script = checked_lengths("mdx", &mdx);
    assert_eq!(script.blocks.len(), n);
    assert_eq!(script.blocks[1], (20, 38));
}

/// [`checked`] without the parse: for texts that are not meant to be valid modules.
fn checked_lengths(extension: &str, text: &str) -> ScriptSource {
    let script = script_source(extension, text).expect("has blocks").expect("no error");
    assert_eq!(script.text.len(), text.len());
    script
}
