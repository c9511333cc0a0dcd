//! The part of an API route file both generations write alike: its imports, record types
//! (inline or in a `types.ts` beside it) and helpers that give files realistic sizes.

use crate::rng::Rng;
use crate::routes::Route;
use crate::source::Source;
use crate::vocab::{camel, pascal};
use crate::{Corpus, blocks};

/// The names of a route's record and request body types.
pub struct Types {
    pub item: String,
    pub payload: String,
}

/// Writes the file's imports (`define_route` and the repository from `repositories`), its
/// types (sometimes in `types.ts` beside it, added to `corpus`) and padding, up to the
/// `defineRoute` call.
pub fn head(
    route: &Route,
    folder: &str,
    define_route: &str,
    repositories: &str,
    rng: &mut Rng,
    corpus: &mut Corpus,
) -> (Source, Types) {
    let resource = route.resource();
    let item = format!("{}Item", pascal(resource));
    let payload = format!("Create{}Payload", pascal(resource));
    let mut source = Source::default();
    source.line(format!("import {{ defineRoute }} from \"{define_route}\";"));
    source.line(format!("import {{ {}Repository }} from \"{repositories}\";", camel(resource)));
    if rng.percent(35) {
        source.line(format!("import type {{ {item}, {payload} }} from \"./types\";"));
        let mut types = Source::from_iter(blocks::interface(&item, rng.between(4, 10), rng));
        types.blank().lines(blocks::interface(&payload, rng.between(2, 6), rng));
        corpus.add(format!("{folder}/api/{}/types.ts", route.path), types);
        source.blank();
    } else {
        source.blank().lines(blocks::interface(&item, rng.between(3, 8), rng)).blank();
        source.lines(blocks::interface(&payload, rng.between(2, 5), rng)).blank();
    }
    let goal = blocks::size_goal(rng);
    for n in 1.. {
        if source.len() >= goal {
            break;
        }
        if n % 3 == 0 {
            source.lines(blocks::interface(&format!("{item}Extra{n}"), rng.between(4, 12), rng));
        } else {
            source.lines(blocks::helper(&format!("{}Helper{n}", camel(resource)), &item, rng));
        }
        source.blank();
    }
    (source, Types { item, payload })
}
