//! The modules pages and helpers share in a G5 corpus: `~/queries/<area>.ts`, the `query()`
//! wrappers of the pages that import theirs (one module per first folder of the route), and
//! `~/lib/api.ts`, the app's alias of the generated fetch map.

use std::collections::{BTreeMap, BTreeSet};

use super::SRC;
use crate::Corpus;
use crate::routes::Route;
use crate::source::Source;

/// The shared query modules being filled, by area (the route's first folder).
#[derive(Default)]
pub(super) struct QueryModules {
    modules: BTreeMap<String, Module>,
}

#[derive(Default)]
struct Module {
    names: BTreeSet<String>,
    wrappers: Vec<Source>,
    reads_clients: bool,
}

impl QueryModules {
    /// The module `route`'s wrapper goes to, and its exported name there: `wrapper`, or
    /// `wrapper2`, … when another route of the area has a wrapper of the same name.
    pub(super) fn name(&mut self, route: &Route, wrapper: &str) -> (String, String) {
        let area = route.path.split('/').next().expect("a first folder").to_owned();
        let names = &mut self.modules.entry(area.clone()).or_default().names;
        // Of `names.len() + 1` candidates, one is free.
        let exported = (1..=names.len() + 1)
            .map(|n| if n == 1 { wrapper.to_owned() } else { format!("{wrapper}{n}") })
            .find(|name| !names.contains(name))
            .expect("a free name");
        names.insert(exported.clone());
        (area, exported)
    }

    /// Adds a wrapper's lines to `area`'s module; `reads_clients`: it reads the fetch map.
    pub(super) fn add(&mut self, area: &str, reads_clients: bool, wrappers: Source) {
        let module = self.modules.get_mut(area).expect("named before it is added");
        module.reads_clients |= reads_clients;
        module.wrappers.push(wrappers);
    }

    pub(super) fn write(self, corpus: &mut Corpus) {
        for (area, module) in self.modules {
            let mut source: Source =
                ["import { query } from \"@solidjs/router\";"].into_iter().collect();
            if module.reads_clients {
                source.line("import fetchClients from \"_/fetch\";");
            }
            source.blank();
            for wrappers in module.wrappers {
                source.append(wrappers);
            }
            source.trim_end();
            corpus.add(format!("{SRC}/queries/{area}.ts"), source);
        }
    }
}

/// `~/lib/api.ts`: `export const api = fetchClients`, as public KosmoJS apps write it.
pub(super) fn api_alias(corpus: &mut Corpus) {
    let lines = [
        "import fetchClients from \"_/fetch\";",
        "",
        "// One name for the generated clients across the app.",
        "export const api = fetchClients;",
    ];
    corpus.add(format!("{SRC}/lib/api.ts"), lines.into_iter().collect());
}
