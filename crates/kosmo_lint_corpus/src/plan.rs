//! What each route of a corpus carries, decided before any file is written: its methods,
//! the kind of its page, whether a helper module references its client, and which of
//! them carry a planted violation (a file carries at most one, so a correct linter
//! reports exactly one finding there).

use std::collections::{BTreeMap, BTreeSet};

use crate::rng::Rng;
use crate::routes::{ROOT_ROUTE, Route, make_routes};
use crate::{Generation, Options};

/// The names of the rules planted, as `kosmo-lint` reports them.
pub mod rules {
    pub const PRELOAD_GENERATED_FETCH: &str = "preload-generated-fetch";
    pub const CREATE_ASYNC_REUSES_PRELOAD: &str = "create-async-reuses-preload";
    pub const MISSING_PRELOAD: &str = "missing-preload";
    pub const RESPONSE_TYPE_DECLARED: &str = "response-type-declared";
    pub const FETCH_CLIENT_ROUTE_EXISTS: &str = "fetch-client-route-exists";
    pub const UNUSED_SUPPRESSION: &str = "unused-suppression";
    /// Every rule a corpus plants violations of.
    pub const ALL: [&str; 6] = [
        PRELOAD_GENERATED_FETCH,
        CREATE_ASYNC_REUSES_PRELOAD,
        MISSING_PRELOAD,
        RESPONSE_TYPE_DECLARED,
        FETCH_CLIENT_ROUTE_EXISTS,
        UNUSED_SUPPRESSION,
    ];
}

/// What a route's page does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    /// Loads no data.
    Static,
    /// Preloads and reads its route's data the same way (in one of several shapes).
    Clean,
    /// Planted `preload-generated-fetch`: the preload loads through a hand-written `fetch`.
    HandWrittenFetch,
    /// Planted `create-async-reuses-preload`: `createAsync` reads through another function.
    SecondReader,
    /// Planted `missing-preload`: reads a generated client but exports no `preload`.
    NoPreload,
    /// Correct: a page without `preload` whose finding is suppressed by a comment.
    SuppressedNoPreload,
    /// Planted `unused-suppression`: a correct page keeps a suppression it no longer needs.
    StaleSuppression,
}

/// Whether a helper module references the route's client, and how.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reference {
    None,
    Valid,
    /// Planted `fetch-client-route-exists`: the route under a name it no longer has.
    StaleRoute,
    /// Planted `fetch-client-route-exists`: a method the route does not define.
    MissingMethod,
}

pub struct RoutePlan {
    pub route: Route,
    /// `GET` first, then any of `POST`, `DELETE` (items only).
    pub methods: Vec<&'static str>,
    /// Planted `response-type-declared`: this handler declares no response type.
    pub undeclared: Option<&'static str>,
    pub page: Page,
    /// G5: the page imports its `query()` wrapper from the shared module of its route's
    /// first folder (`~/queries/<area>.ts`) instead of defining it (correct pages, and
    /// planted `preload-generated-fetch` ones, whose hand-written wrapper then sits there).
    pub shared: bool,
    pub reference: Reference,
}

impl RoutePlan {
    /// A method the route does not define, for a planted reference.
    pub fn missing_method(&self) -> &'static str {
        ["POST", "DELETE", "PATCH"]
            .into_iter()
            .find(|method| !self.methods.contains(method))
            .expect("no route defines every method")
    }
}

pub struct Plan {
    pub seed: u64,
    /// Sorted by route name.
    pub routes: Vec<RoutePlan>,
    names: BTreeSet<String>,
}

impl Plan {
    pub fn new(options: Options) -> Self {
        let mut rng = Rng::new(options.seed);
        let routes = match options.generation {
            Generation::G1 => make_routes(options.routes, &mut rng),
            Generation::G5 => {
                let mut routes = make_routes(options.routes - 1, &mut rng);
                routes.push(Route::new(ROOT_ROUTE));
                routes.sort();
                routes
            }
        };
        let all: Vec<usize> = (0..routes.len()).collect();
        let undeclared = assign(&all, &[(true, 5)], &mut rng);
        let statics = assign(&all, &[(Page::Static, 10)], &mut rng);
        let data_pages: Vec<usize> =
            all.iter().copied().filter(|i| !statics.contains_key(i)).collect();
        let mut pages = assign(
            &data_pages,
            &[
                (Page::HandWrittenFetch, 5),
                (Page::SecondReader, 5),
                (Page::NoPreload, 5),
                (Page::StaleSuppression, 2),
                (Page::SuppressedNoPreload, 2),
            ],
            &mut rng,
        );
        pages.extend(statics);
        let references = assign(
            &all,
            &[(Reference::Valid, 10), (Reference::StaleRoute, 2), (Reference::MissingMethod, 2)],
            &mut rng,
        );

        let names = routes.iter().map(|route| route.path.clone()).collect();
        let routes = routes
            .into_iter()
            .enumerate()
            .map(|(index, route)| {
                let mut rng = Rng::keyed(options.seed, &format!("methods/{}", route.path));
                let mut methods = vec!["GET"];
                if rng.percent(45) {
                    methods.push("POST");
                }
                if route.is_item() && rng.percent(30) {
                    methods.push("DELETE");
                }
                let undeclared = undeclared.contains_key(&index).then(|| *rng.pick(&methods));
                let page = pages.get(&index).copied().unwrap_or(Page::Clean);
                // Its own stream: the draws above stay those of a corpus without modules.
                let shared = matches!(page, Page::Clean | Page::HandWrittenFetch)
                    && Rng::keyed(options.seed, &format!("shared/{}", route.path)).percent(30);
                RoutePlan {
                    route,
                    methods,
                    undeclared,
                    page,
                    shared,
                    reference: references.get(&index).copied().unwrap_or(Reference::None),
                }
            })
            .collect();
        Self { seed: options.seed, routes, names }
    }

    /// A name the route had before a rename: the first folder in the singular (or the
    /// plural), which names no route of the corpus.
    pub fn stale_name(&self, route: &Route) -> String {
        let (first, rest) = route.path.split_once('/').unwrap_or((&route.path, ""));
        let renamed = first.strip_suffix('s').map_or_else(|| format!("{first}s"), str::to_owned);
        let mut name = if rest.is_empty() { renamed } else { format!("{renamed}/{rest}") };
        while self.names.contains(&name) {
            name.push_str("-old");
        }
        name
    }

    /// The routes, grouped by their first folder (one helper module per group).
    pub fn by_domain(&self) -> BTreeMap<&str, Vec<&RoutePlan>> {
        let mut groups = BTreeMap::<&str, Vec<&RoutePlan>>::new();
        for plan in &self.routes {
            let domain = plan.route.path.split('/').next().expect("a first folder");
            groups.entry(domain).or_default().push(plan);
        }
        groups
    }
}

/// Gives each kind `percent` % of `indices` (rounded), drawn without overlap.
fn assign<K: Copy>(indices: &[usize], shares: &[(K, usize)], rng: &mut Rng) -> BTreeMap<usize, K> {
    let mut pool = indices.to_vec();
    rng.shuffle(&mut pool);
    let mut pool = pool.into_iter();
    let mut chosen = BTreeMap::new();
    for &(kind, percent) in shares {
        let count = (indices.len() * percent + 50) / 100;
        chosen.extend(pool.by_ref().take(count).map(|index| (index, kind)));
    }
    chosen
}

#[cfg(test)]
mod tests {
    use super::{Page, Plan, Reference};
    use crate::{Generation, Options};

    #[test]
    fn shares_are_planted_without_overlap() {
        let plan = Plan::new(Options { routes: 1000, seed: 1, generation: Generation::G5 });
        assert_eq!(plan.routes.len(), 1000);
        let pages = |kind| plan.routes.iter().filter(|r| r.page == kind).count();
        assert_eq!(pages(Page::Static), 100);
        assert_eq!(pages(Page::NoPreload), 45);
        assert_eq!(plan.routes.iter().filter(|r| r.undeclared.is_some()).count(), 50);
        assert_eq!(plan.routes.iter().filter(|r| r.reference == Reference::StaleRoute).count(), 20);
        assert!(plan.routes.iter().any(|r| r.route.path == "index"));
    }

    #[test]
    fn a_stale_name_names_no_route() {
        let plan = Plan::new(Options { routes: 300, seed: 2, generation: Generation::G1 });
        for route in plan.routes.iter().map(|r| &r.route) {
            let stale = plan.stale_name(route);
            assert!(!plan.names.contains(&stale), "{stale}");
        }
    }
}
