//! Help texts: how to reach a generated fetch client in each generation, and the name a typo
//! most likely meant.

use kosmo_lint_core::Generation;
use kosmo_lint_core::tree::FolderTree;
use rapidfuzz::distance::levenshtein;

/// The import and expression that read `method` of `route`'s generated client in this folder.
pub fn client_usage(folder: &FolderTree, route: &str, method: &str) -> String {
    let name = &folder.folder.name;
    match folder.generation {
        Generation::G1 => {
            let alias = folder.folder.alias.as_deref().unwrap_or(name);
            format!("`import {{ {method} }} from \"{alias}/{{api}}/{route}/fetch\"`")
        }
        Generation::G2 | Generation::G3 => {
            format!("`import {{ {method} }} from \"_/{name}/fetch/{route}\"`")
        }
        Generation::G4 => {
            format!(
                "`fetchClients[\"{route}\"].{method}` (`import fetchClients from \"_/{name}/fetch\"`)"
            )
        }
        Generation::G5 | Generation::G5Plus => {
            format!("`fetchClients[\"{route}\"].{method}` (`import fetchClients from \"_/fetch\"`)")
        }
    }
}

/// The API route a page reads by convention: the one with the same name (spec §2).
pub fn conventional_route<'f>(folder: &'f FolderTree, page_route: Option<&str>) -> Option<&'f str> {
    let name = page_route?;
    let route = folder.api_routes.get(name)?;
    route
        .methods
        .iter()
        .any(|m| m.method == kosmo_lint_core::HttpMethod::Get)
        .then_some(route.name.as_str())
}

/// The candidate closest to `name` in edit distance (on a tie, the smaller name), when it is
/// close enough to be a typo: at most a third of `name`'s length away, and at least 2. The
/// distance is computed with a cutoff, so a project of 10,000 routes is searched in well
/// under a millisecond rather than one full distance per route.
pub fn nearest_name<'c>(
    name: &str,
    candidates: impl IntoIterator<Item = &'c str>,
) -> Option<&'c str> {
    let limit = (name.len() / 3).max(2);
    let comparator = levenshtein::BatchComparator::new(name.chars());
    let args = levenshtein::Args::default().score_cutoff(limit);
    candidates
        .into_iter()
        .filter_map(|candidate| {
            comparator.distance_with_args(candidate.chars(), &args).map(|d| (d, candidate))
        })
        .min()
        .map(|(_, candidate)| candidate)
}

#[cfg(test)]
mod tests {
    use super::nearest_name;

    #[test]
    fn the_nearest_name_within_a_third_of_the_length() {
        let routes = ["users/[id]", "users", "products/[id]", "orders/[id]/items"];
        assert_eq!(nearest_name("user/[id]", routes), Some("users/[id]"));
        assert_eq!(nearest_name("prodcts/[id]", routes), Some("products/[id]"));
        assert_eq!(nearest_name("usrs", routes), Some("users"));
        // Two edits are allowed even for short names; three are not.
        assert_eq!(nearest_name("xsers", routes), Some("users"));
        assert_eq!(nearest_name("invoices", routes), None);
        assert_eq!(nearest_name("", routes), None);
        // A tie goes to the smaller name, whatever the order of the candidates.
        assert_eq!(nearest_name("ab", ["ac", "aa"]), Some("aa"));
        assert_eq!(nearest_name("ab", ["aa", "ac"]), Some("aa"));
        // Distances count characters, not bytes.
        assert_eq!(nearest_name("café/[id]", ["cafe/[id]"]), Some("cafe/[id]"));
    }
}
