//! Vectors of `preload-never-runs`: the glue of each generation's place, calling or not.

use super::PreloadNeverRuns;
use crate::tester::{Case, Fixture, Tester};

/// The wrapper as the generator's `lib/solid.ts` template wrote it in 2026 (shape written
/// for these tests): it returns the page's `preload` without calling it.
const RETURNS_IT: &str = r#"
export type ComponentLoader = () => Promise<{
  preload?: () => Promise<unknown>;
}>;

export const loaderFactory = (opt?: { withPreload?: boolean }) => {
  return (componentLoader: ComponentLoader) => {
    const preload = async () => {
      try {
        const component = await componentLoader();
        return typeof component.preload === "function"
          ? component.preload
          : undefined;
      } catch (error) {
        console.error(error);
        return;
      }
    };
    return opt?.withPreload ? { preload } : {};
  };
};
"#;

/// A wrapper that loads the page module and never reads its `preload`.
const IGNORES_IT: &str = r#"
export const loaderFactory = (opt?: { withPreload?: boolean }) => (load: () => Promise<unknown>) => {
  const preload = async () => {
    await load();
  };
  return opt?.withPreload ? { preload } : {};
};
"#;

/// The older docs' wrapper: it calls the page's `preload`.
const CALLS_IT: &str = r#"
export const loaderFactory = () => (page: string) => ({
  preload: () => import(page).then((m) => m.preload?.()),
});
"#;

const G5_CONFIG: &str = r#"
import { defineConfig } from "@kosmojs/dev";
export default defineConfig({ frontend: { stack: "solid", base: "/" }, backend: { stack: "hono", base: "/api" } });
"#;

const G5_REACT_CONFIG: &str = r#"
import { defineConfig } from "@kosmojs/dev";
export default defineConfig({ frontend: { stack: "react", base: "/" }, backend: { stack: "hono", base: "/api" } });
"#;

/// The G2–G4 fixtures' `vite.config.ts`, as on disk.
const VITE_CONFIG: &str = r#"
import solidPlugin from "vite-plugin-solid";
import devPlugin from "@kosmojs/dev";
import { fetchGenerator, solidGenerator } from "@kosmojs/generators";
import defineConfig from "../../vite.base";
import { apiurl } from "./config";
export default defineConfig(import.meta.dirname, {
  plugins: [solidPlugin(), devPlugin(apiurl, { generators: [fetchGenerator(), solidGenerator()] })],
});
"#;

/// A G1 folder's `vite.config.ts` (the G1 fixture has none on disk).
const G1_VITE_CONFIG: &str = r#"
import solidPlugin from "vite-plugin-solid";
import devPlugin from "@kosmojs/dev";
import solidGenerator from "@kosmojs/solid-generator";
export default { plugins: [solidPlugin(), devPlugin("/api", { generators: [solidGenerator()] })] };
"#;

/// The config of `fixture` as the file under test, with `glue` at the generation's place.
fn with_glue(fixture: Fixture, glue: &str) -> Case {
    match fixture {
        Fixture::G1 => Fixture::G1
            .file("vite.config.ts", G1_VITE_CONFIG)
            .generated("lib/@front/{solid}/index.ts", glue),
        Fixture::G2 | Fixture::G3 | Fixture::G4 => {
            fixture.file("vite.config.ts", VITE_CONFIG).generated("lib/src/front/solid.ts", glue)
        }
        Fixture::G5 => {
            Fixture::G5.file("kosmo.config.ts", G5_CONFIG).generated("lib/app/solid.ts", glue)
        }
        Fixture::G5React => {
            fixture.file("kosmo.config.ts", G5_REACT_CONFIG).generated("lib/app/solid.ts", glue)
        }
        _ => unreachable!("no vectors for {fixture:?}"),
    }
}

#[test]
fn passes_and_fails() {
    let mut pass = Vec::new();
    for fixture in Fixture::ALL {
        pass.push(with_glue(fixture, CALLS_IT));
        pass.push(with_glue(
            fixture,
            &RETURNS_IT.replace("? component.preload\n", "? component.preload()\n"),
        ));
        // Unknown: the module goes to a function that may call its preload.
        pass.push(with_glue(
            fixture,
            &RETURNS_IT.replace("console.error(error);", "console.error(error); run(component);"),
        ));
        // Unknown: no `loaderFactory`, or not TypeScript.
        pass.push(with_glue(fixture, &RETURNS_IT.replace("loaderFactory", "makeLoader")));
        pass.push(with_glue(fixture, "export const loaderFactory = ("));
    }
    // No glue at all (a fresh clone): the configs as they are.
    pass.push(Fixture::G5.file("kosmo.config.ts", G5_CONFIG));
    pass.push(Fixture::G3.file("vite.config.ts", VITE_CONFIG));
    // The glue of another generation's place is not this folder's.
    pass.push(
        Fixture::G5
            .file("kosmo.config.ts", G5_CONFIG)
            .generated("lib/src/app/solid.ts", RETURNS_IT),
    );
    // Not a SolidJS folder: its glue is not read.
    pass.push(with_glue(Fixture::G5React, RETURNS_IT));
    // The G1 folder with no config file of its own: no file to report on.
    pass.push(
        Fixture::G1
            .file("pages/index/index.tsx", "export default function Home() {\n  return null;\n}\n")
            .generated("lib/@front/{solid}/index.ts", RETURNS_IT),
    );

    let fail = vec![
        with_glue(Fixture::G5, RETURNS_IT),
        with_glue(Fixture::G5, IGNORES_IT),
        // Reported once, on `vite.config.ts`, not on the folder's `config/index.ts` too.
        with_glue(Fixture::G4, RETURNS_IT),
        with_glue(Fixture::G2, RETURNS_IT),
        with_glue(Fixture::G1, RETURNS_IT),
    ];
    Tester::new(&PreloadNeverRuns).pass(pass).fail(fail).test_and_snapshot();
}
