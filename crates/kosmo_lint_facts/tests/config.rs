//! Folder config facts: bases and the frontend stack, per generation.

mod common;

use kosmo_lint_core::FileKind;
use kosmo_lint_core::facts::{ConfigFacts, Framework};
use oxc_span::SourceType;

fn config(text: &str) -> ConfigFacts {
    let facts = common::facts_as(FileKind::Config, SourceType::ts(), text);
    *facts.config.expect("a config file always has config facts")
}

fn framework(text: &str) -> Option<Framework> {
    config(text).frontend_stack.as_deref().and_then(Framework::from_stack)
}

#[test]
fn g5_plus_stack_and_bases() {
    let facts = config(
        r#"import { defineConfig } from "@kosmojs/dev";
export default defineConfig({ frontend: { stack: "vue", base: "/app" }, backend: { stack: "hono", base: "/app/api" } });"#,
    );
    assert_eq!(facts.frontend_stack.as_deref(), Some("vue"));
    assert_eq!(facts.base.as_deref(), Some("/app"));
    assert_eq!(facts.api_base.as_deref(), Some("/app/api"));
    assert!(facts.api_base_is_absolute && facts.has_blocks);
}

#[test]
fn g5_generators() {
    let text = r#"import { defineConfig } from "@kosmojs/dev";
import svelteGenerator from "@kosmojs/svelte-generator";
export default defineConfig({ base: "/", generators: [svelteGenerator(), fetchGenerator()] });"#;
    assert_eq!(framework(text), Some(Framework::Svelte));
}

/// G1–G4 folders name their frontend in `vite.config.ts`, through the Vite plugin; its `base`
/// is Vite's, not the folder's.
#[test]
fn vite_config_plugins() {
    for (import, expected) in [
        (r#"import solid from "vite-plugin-solid";"#, Framework::Solid),
        (r#"import react from "@vitejs/plugin-react";"#, Framework::React),
        (r#"import react from "@vitejs/plugin-react-swc";"#, Framework::React),
        (r#"import vue from "@vitejs/plugin-vue";"#, Framework::Vue),
        (r#"import { svelte } from "@sveltejs/vite-plugin-svelte";"#, Framework::Svelte),
        (r#"import mdx from "@mdx-js/rollup";"#, Framework::Mdx),
    ] {
        let text = format!(
            "import {{ defineConfig }} from \"vite\";\n{import}\nexport default defineConfig({{ base: \"/x\", plugins: [] }});"
        );
        let facts = config(&text);
        assert_eq!(framework(&text), Some(expected), "{import}");
        assert_eq!(facts.base, None, "{import}");
    }
    let plain = r#"import { defineConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";
export default defineConfig({ plugins: [tsconfigPaths()] });"#;
    assert_eq!(config(plain).frontend_stack, None);
}

#[test]
fn files_of_one_folder_merge() {
    let urls = config(r#"export const baseurl = "/admin"; export const apiurl = "/api";"#);
    let vite = config(
        r#"import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";
export default defineConfig({ plugins: [react()] });"#,
    );
    let merged = vite.merge(urls);
    assert_eq!(merged.base.as_deref(), Some("/admin"));
    assert_eq!(merged.api_base.as_deref(), Some("/api"));
    assert_eq!(merged.frontend_stack.as_deref(), Some("react"));
}
