//! Tests of `resolve.rs` on the fixture trees of `fixtures/modules/`: one per layout, a G5
//! project as a fresh clone has it and one with its generated tsconfig.
use std::path::{Path, PathBuf};

use kosmo_lint_core::{Generation, Project};

use super::{ModuleResolver, Resolution};

struct Fixture {
    project: Project,
    resolver: ModuleResolver,
}

impl Fixture {
    /// The fixture `name`, every source folder of it in `generation`.
    fn new(name: &str, generation: Generation) -> Self {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/modules").join(name);
        let project = Project::discover(&root).unwrap();
        let generations = vec![generation; project.folders.len()];
        let resolver = ModuleResolver::new(&project, &generations);
        Self { project, resolver }
    }

    fn folder(&self, name: &str) -> usize {
        self.project.folders.iter().position(|folder| folder.name == name).unwrap()
    }

    /// `specifier` as the file at `from` (relative to the root) imports it.
    fn resolve(&self, from: &str, specifier: &str) -> Resolution {
        let from = self.project.root.join(from);
        let folder = self.project.folders.iter().position(|f| from.starts_with(&f.path)).unwrap();
        self.resolver.resolve(&from, folder, specifier)
    }

    fn module(&self, rel: &str) -> Resolution {
        Resolution::Module(self.project.root.join(rel))
    }

    fn generated(&self, folder: &str, path: &str) -> Resolution {
        Resolution::Generated { folder: Some(self.folder(folder)), path: path.to_owned() }
    }
}

#[track_caller]
fn assert_unresolved(resolution: &Resolution, why: &str) {
    match resolution {
        Resolution::Unresolved(reason) => {
            assert!(reason.contains(why), "{why:?} not in {reason:?}");
        }
        other => panic!("expected Unresolved({why:?}), got {other:?}"),
    }
}

const G5_PAGE: &str = "src/app/pages/index/index.tsx";

#[test]
fn relative_imports_take_typescripts_extensions_and_index_files() {
    let g5 = Fixture::new("g5", Generation::G5);
    assert_eq!(
        g5.resolve("src/app/pages/index/index.tsx", "../../queries"),
        g5.module("src/app/queries.ts")
    );
    assert_eq!(g5.resolve("src/app/queries.ts", "./queries.ts"), g5.module("src/app/queries.ts"));
    assert_eq!(g5.resolve("src/app/queries.ts", "./esm.js"), g5.module("src/app/esm.ts"));
    assert_eq!(
        g5.resolve("src/app/queries.ts", "./components/list"),
        g5.module("src/app/components/list/index.ts")
    );
    assert_eq!(
        g5.resolve("src/app/components/list/index.ts", "."),
        g5.module("src/app/components/list/index.ts")
    );
}

#[test]
fn a_relative_import_of_a_missing_file_is_unresolved() {
    let g5 = Fixture::new("g5", Generation::G5);
    assert_unresolved(&g5.resolve(G5_PAGE, "./missing"), "src/app/pages/index/missing");
    assert_unresolved(&g5.resolve(G5_PAGE, "../../esm.mjs"), "names no script file");
}

#[test]
fn a_file_that_is_not_a_script_cannot_be_followed() {
    let g5 = Fixture::new("g5", Generation::G5);
    assert_unresolved(&g5.resolve("src/app/queries.ts", "./styles.css"), "not a script module");
    assert_unresolved(&g5.resolve("src/app/queries.ts", "./styles.css?inline"), "not a script");
}

#[test]
fn a_path_out_of_the_project_root_is_never_followed() {
    let g5 = Fixture::new("g5", Generation::G5);
    // The file exists, in the fixture beside this one: it is still not this project's.
    let beside = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/modules/g4/shared/format.ts");
    assert!(beside.is_file());
    let out = g5.resolve(G5_PAGE, "../../../../../g4/shared/format");
    assert_unresolved(&out, "outside the project root");
    assert_unresolved(&g5.resolve(G5_PAGE, beside.to_str().unwrap()), "outside the project root");
}

#[test]
fn bare_specifiers_are_packages_and_never_looked_up() {
    let g5 = Fixture::new("g5", Generation::G5);
    for package in
        ["solid-js", "@solidjs/router", "axios", "solid-js/web", "node:fs", "@kosmojs/dev"]
    {
        assert_eq!(g5.resolve(G5_PAGE, package), Resolution::Package(package.to_owned()));
    }
    // `db` is a folder at the root, but a bare name is a package unless an alias says otherwise.
    assert_eq!(g5.resolve(G5_PAGE, "db"), Resolution::Package("db".to_owned()));
    assert_unresolved(&g5.resolve(G5_PAGE, "#db"), "package.json `imports`");
}

/// A fresh clone: `src/app/tsconfig.json` extends `lib/app/tsconfig.json`, which is not there.
#[test]
fn g5_aliases_follow_the_conventions_without_the_generated_tsconfig() {
    let g5 = Fixture::new("g5", Generation::G5);
    assert!(!g5.project.root.join("lib").exists());
    assert_eq!(g5.resolve(G5_PAGE, "~/queries"), g5.module("src/app/queries.ts"));
    assert_eq!(
        g5.resolve(G5_PAGE, "~/components/list"),
        g5.module("src/app/components/list/index.ts")
    );
    assert_eq!(g5.resolve(G5_PAGE, "@/db"), g5.module("db/index.ts"));
    assert_eq!(g5.resolve(G5_PAGE, "@/src/app/esm.js"), g5.module("src/app/esm.ts"));
    // `~/` is the importing folder: admin has no queries module.
    assert_unresolved(
        &g5.resolve("src/admin/pages/index/index.tsx", "~/queries"),
        "src/admin/queries",
    );
    // An alias whose target is missing is not a package.
    assert_unresolved(&g5.resolve(G5_PAGE, "@/missing"), "`missing`");
    // A path the user's own tsconfig would add is unknown without it.
    assert_eq!(g5.resolve(G5_PAGE, "@shared/util"), Resolution::Package("@shared/util".to_owned()));
}

#[test]
fn g5_generated_imports_name_the_importing_folder() {
    let g5 = Fixture::new("g5", Generation::G5);
    assert_eq!(g5.resolve(G5_PAGE, "_/fetch"), g5.generated("app", "fetch"));
    assert_eq!(
        g5.resolve(G5_PAGE, "_/api/users/[id]/fetch"),
        g5.generated("app", "api/users/[id]/fetch")
    );
    assert_eq!(g5.resolve(G5_PAGE, "_/api:factory"), g5.generated("app", "api:factory"));
    assert_eq!(
        g5.resolve("src/admin/pages/index/index.tsx", "_/fetch"),
        g5.generated("admin", "fetch")
    );
    // The same code reached by a path into `lib/`.
    assert_eq!(g5.resolve(G5_PAGE, "../../../../lib/admin/fetch"), g5.generated("admin", "fetch"));
    assert_eq!(g5.resolve(G5_PAGE, "@/lib/admin/fetch"), g5.generated("admin", "fetch"));
    assert_eq!(
        g5.resolve(G5_PAGE, "@/lib/env.d.ts"),
        Resolution::Generated { folder: None, path: "env.d.ts".to_owned() }
    );
}

#[test]
fn g5_plus_resolves_as_g5() {
    let g5 = Fixture::new("g5", Generation::G5Plus);
    assert_eq!(g5.resolve(G5_PAGE, "_/fetch"), g5.generated("app", "fetch"));
    assert_eq!(g5.resolve(G5_PAGE, "~/queries"), g5.module("src/app/queries.ts"));
}

/// After `kosmo dev`: the generated tsconfig is there and its `paths` are read.
#[test]
fn g5_reads_the_generated_tsconfig_when_it_is_there() {
    let g5 = Fixture::new("g5-generated-tsconfig", Generation::G5);
    assert_eq!(g5.resolve(G5_PAGE, "@shared/util"), g5.module("shared/util.ts"));
    assert_eq!(g5.resolve(G5_PAGE, "~/queries"), g5.module("src/app/queries.ts"));
    assert_unresolved(&g5.resolve(G5_PAGE, "@shared/missing"), "shared/missing");
    // Generated code stays generated although its file is there now.
    assert!(g5.project.root.join("lib/app/fetch.ts").is_file());
    assert_eq!(g5.resolve(G5_PAGE, "_/fetch"), g5.generated("app", "fetch"));
    assert_eq!(g5.resolve(G5_PAGE, "../../../../lib/app/fetch"), g5.generated("app", "fetch"));
}

const FRONT_PAGE: &str = "src/front/pages/index/index.tsx";

#[test]
fn g3_and_g4_generated_imports_name_their_folder() {
    for generation in [Generation::G3, Generation::G4] {
        let g4 = Fixture::new("g4", generation);
        assert_eq!(g4.resolve(FRONT_PAGE, "_/front/fetch"), g4.generated("front", "fetch"));
        // Another folder's client: the route tree of admin answers, not front's.
        assert_eq!(
            g4.resolve(FRONT_PAGE, "_/admin/fetch/users/[id]"),
            g4.generated("admin", "fetch/users/[id]")
        );
        assert_eq!(g4.resolve(FRONT_PAGE, "_/admin/api"), g4.generated("admin", "api"));
        assert_eq!(
            g4.resolve(FRONT_PAGE, "_/shop/fetch"),
            Resolution::Generated { folder: None, path: "src/shop/fetch".to_owned() }
        );
    }
}

/// The root tsconfig extends a package that is not installed: the conventions stand in.
#[test]
fn g3_and_g4_aliases_follow_the_conventions() {
    for generation in [Generation::G3, Generation::G4] {
        let g4 = Fixture::new("g4", generation);
        let admin_page = "src/admin/pages/index/index.tsx";
        assert_eq!(
            g4.resolve(admin_page, "@/front/components/card"),
            g4.module("src/front/components/card.tsx")
        );
        assert_eq!(g4.resolve(admin_page, "~/shared/format"), g4.module("shared/format.ts"));
        assert_unresolved(
            &g4.resolve(admin_page, "@/admin/components/card"),
            "src/admin/components/card",
        );
        assert_eq!(
            g4.resolve(admin_page, "@solidjs/router"),
            Resolution::Package("@solidjs/router".into())
        );
    }
}

const G1_PAGE: &str = "@front/pages/index/index.tsx";

#[test]
fn g1_braced_namespaces_are_generated() {
    let g1 = Fixture::new("g1", Generation::G1);
    assert_eq!(
        g1.resolve(G1_PAGE, "@front/{api}/users/[id]/fetch"),
        g1.generated("@front", "{api}/users/[id]/fetch")
    );
    assert_eq!(g1.resolve(G1_PAGE, "@front/{fetch}"), g1.generated("@front", "{fetch}"));
    assert_eq!(g1.resolve(G1_PAGE, "@front/{fetch}/lib"), g1.generated("@front", "{fetch}/lib"));
}

#[test]
fn g1_aliases_name_the_folder_then_its_generated_copy() {
    let g1 = Fixture::new("g1", Generation::G1);
    assert_eq!(
        g1.resolve(G1_PAGE, "@front/components/card"),
        g1.module("@front/components/card.tsx")
    );
    assert_eq!(
        g1.resolve(G1_PAGE, "../../components/card.jsx"),
        g1.module("@front/components/card.tsx")
    );
    // Not in the folder: the tsconfig's second target, `lib/@front/*`, is generated code.
    assert_eq!(g1.resolve(G1_PAGE, "@front/store"), g1.generated("@front", "store"));
}

/// Without the root tsconfig's `paths`, the folder's own name is its alias.
#[test]
fn g1_aliases_without_a_tsconfig() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/modules/g1");
    for rel in ["package.json", "@front/components/card.tsx", G1_PAGE] {
        let to = dir.path().join(rel);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(fixture.join(rel), to).unwrap();
    }
    let project = Project::discover(dir.path()).unwrap();
    let resolver = ModuleResolver::new(&project, &[Generation::G1]);
    let from = project.root.join(G1_PAGE);
    let card: PathBuf = project.root.join("@front/components/card.tsx");
    assert_eq!(resolver.resolve(&from, 0, "@front/components/card"), Resolution::Module(card));
    assert_eq!(
        resolver.resolve(&from, 0, "@front/{api}/users/fetch"),
        Resolution::Generated { folder: Some(0), path: "{api}/users/fetch".to_owned() }
    );
}

#[test]
fn the_resolver_is_shared_across_threads() {
    fn shared<T: Send + Sync>() {}
    shared::<ModuleResolver>();
    let g5 = Fixture::new("g5", Generation::G5);
    let expected = g5.module("src/app/queries.ts");
    std::thread::scope(|scope| {
        for _ in 0..4 {
            scope.spawn(|| assert_eq!(g5.resolve(G5_PAGE, "~/queries"), expected));
        }
    });
}
