//! The route tree: folder paths such as `users`, `users/[id]`, `users/[id]/orders/[orderId]`,
//! the same below `api/` and `pages/`.

use std::collections::BTreeSet;

use crate::rng::Rng;
use crate::vocab::{DOMAINS, SUBRESOURCES, camel, pascal};

/// The folder and route name of G5's root route (served at `/api` and `/`).
pub const ROOT_ROUTE: &str = "index";

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Route {
    /// The route name: its folder path below `api/`.
    pub path: String,
}

impl Route {
    pub fn new(path: impl Into<String>) -> Self {
        Self { path: path.into() }
    }

    pub fn segments(&self) -> impl Iterator<Item = &str> {
        self.path.split('/')
    }

    /// The names of its parameters, outermost first (`[id]` → `id`).
    pub fn params(&self) -> Vec<&str> {
        self.segments().filter_map(|s| s.strip_prefix('[')?.strip_suffix(']')).collect()
    }

    /// The last literal segment: what the route's data is called.
    pub fn resource(&self) -> &str {
        self.segments().filter(|s| !s.starts_with('[')).last().expect("a route starts with a word")
    }

    /// A route for one record (its last folder is a parameter).
    pub fn is_item(&self) -> bool {
        self.path.ends_with(']')
    }

    /// `Users`, `UsersDetail`: the stem of the names a page gives its data.
    pub fn stem(&self) -> String {
        pascal(self.resource()) + if self.is_item() { "Detail" } else { "" }
    }

    /// The route name is a JS identifier, so `fetchClients.users` works as well as
    /// `fetchClients["users"]`.
    pub fn is_identifier(&self) -> bool {
        self.path.chars().all(|c| c.is_ascii_alphanumeric())
    }

    /// The API's URL with each parameter written by `param` (`/api/users/${id}`).
    pub fn url(&self, param: impl Fn(&str) -> String) -> String {
        if self.path == ROOT_ROUTE {
            return "/api".to_owned();
        }
        let segments: Vec<String> = self
            .segments()
            .map(|s| {
                s.strip_prefix('[')
                    .and_then(|s| s.strip_suffix(']'))
                    .map_or_else(|| s.to_owned(), &param)
            })
            .collect();
        format!("/api/{}", segments.join("/"))
    }

    /// The API's URL as a template literal body (`/api/users/${id}`).
    pub fn url_template(&self) -> String {
        self.url(|param| format!("${{{param}}}"))
    }
}

/// `count` distinct routes, one to five folders deep, sorted. A parameter folder's name
/// depends only on its parent (`[id]` below a domain, `[<parent>Id]` deeper), so sibling
/// folders never declare different parameters, which the framework rejects.
pub fn make_routes(count: usize, rng: &mut Rng) -> Vec<Route> {
    let capacity = DOMAINS.len() * SUBRESOURCES.len().pow(3);
    assert!(count <= capacity / 4, "{count} routes are more than the folder words can name");
    let mut paths = BTreeSet::new();
    let mut order = Vec::with_capacity(count);
    while order.len() < count {
        let depth = 1 + rng.weighted(&[14, 30, 30, 18, 8]);
        let mut segments = vec![(*rng.pick(DOMAINS)).to_owned()];
        while segments.len() < depth {
            let last = segments.last().expect("a domain");
            if !last.starts_with('[') && rng.percent(55) {
                let param = if segments.len() == 1 {
                    "[id]".to_owned()
                } else {
                    format!("[{}Id]", camel(last))
                };
                segments.push(param);
            } else {
                let word = rng.pick(SUBRESOURCES);
                if !segments.iter().any(|s| s == word) {
                    segments.push((*word).to_owned());
                }
            }
        }
        let path = segments.join("/");
        if paths.insert(path.clone()) {
            order.push(path);
        }
    }
    order.sort();
    order.into_iter().map(Route::new).collect()
}

#[cfg(test)]
mod tests {
    use super::{Route, make_routes};
    use crate::rng::Rng;

    #[test]
    fn a_route_knows_its_parts() {
        let route = Route::new("users/[id]/orders/[ordersId]");
        assert_eq!(route.params(), ["id", "ordersId"]);
        assert_eq!(route.resource(), "orders");
        assert!(route.is_item());
        assert_eq!(route.stem(), "OrdersDetail");
        assert_eq!(route.url_template(), "/api/users/${id}/orders/${ordersId}");
        assert!(!route.is_identifier());
        assert!(Route::new("users").is_identifier());
    }

    #[test]
    fn routes_are_distinct_sorted_and_reproducible() {
        let routes = make_routes(500, &mut Rng::new(3));
        assert_eq!(routes.len(), 500);
        assert!(routes.windows(2).all(|pair| pair[0] < pair[1]));
        assert_eq!(routes, make_routes(500, &mut Rng::new(3)));
    }
}
