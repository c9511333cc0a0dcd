//! Where a param sits in a route path, and how many an API route requires.

use kosmo_lint_core::route_path::{Param, ParamKind, RoutePath, Segment};

/// Optional params follow the required ones (the route syntax forbids the reverse): the
/// leading required params.
pub fn required_count(params: &[&Param]) -> usize {
    params.iter().take_while(|param| param.kind == ParamKind::Required).count()
}

/// Whether the page's route and the API route have the param `name` at the same place of the
/// same path (`pages/users/[id]/edit` and `api/users/[id]`): then it is the same record.
pub fn same_prefix(page: &RoutePath, api: &RoutePath, name: &str) -> bool {
    let at = |path: &RoutePath| {
        path.segments.iter().position(|segment| segment_params(segment).any(|p| p.name == name))
    };
    match (at(page), at(api)) {
        (Some(p), Some(a)) if p == a => {
            page.segments[..=p].iter().zip(&api.segments[..=a]).all(|(x, y)| same_segment(x, y))
        }
        _ => false,
    }
}

fn segment_params(segment: &Segment) -> impl Iterator<Item = &Param> {
    match segment {
        Segment::Static { .. } => [].iter(),
        Segment::Param(param) => std::slice::from_ref(param).iter(),
        Segment::Mixed { params, .. } => params.iter(),
    }
}

/// The same folder in both trees, whatever param syntax or kind each is written in.
fn same_segment(page: &Segment, api: &Segment) -> bool {
    match (page, api) {
        (Segment::Static { text: a }, Segment::Static { text: b })
        | (Segment::Mixed { pattern: a, .. }, Segment::Mixed { pattern: b, .. }) => a == b,
        (Segment::Param(a), Segment::Param(b)) => a.name == b.name,
        _ => false,
    }
}
