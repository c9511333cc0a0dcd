use super::*;

fn check(path: &str, generation: Generation) -> Result<(), RouteSyntaxError> {
    let folders: Vec<&str> = path.split('/').collect();
    check_route_folders(&folders, generation)
}

fn reason(path: &str, generation: Generation) -> String {
    match check(path, generation) {
        Ok(()) => panic!("{path} should be refused in {generation:?}"),
        Err(error) => error.reason,
    }
}

const ALL: [Generation; 6] = Generation::ALL;

/// Every form the docs and code of each era accept, including the spec's examples.
const P1_ACCEPTS: &[&str] = &[
    "users",
    "index",
    "users/[id]",
    "users/[id]/posts",
    "posts/[[page]]",
    "files/[...path]",
    "books/[category]/[[author]]",
    "users/[id]/posts/[[postId]]",
    "users/[id]/[[section]]/[[subsection]]",
    "feeds/[id].json",
    "a/[some-id]",
    "a/[",
    "a/]",
    "a/[[]]",
    "a/{x}",
    "a/:id",
    "a/x+y",
    "a/(x)",
    "a/c++",
    "docs/[[lang]]/[...path]",
    "users/[id]/[[opt]].json",
];

const P3_ACCEPTS: &[&str] = &[
    "users",
    "index",
    "index/users",
    "users/[id]",
    "users/[user_id]/posts/[postId]",
    "users/{id}",
    "users/{a}/{b}",
    "users/[id]/{action}",
    "docs/{...path}",
    "users/[id]/{...rest}",
    "files/[name].[ext]",
    "feeds/[id]-[data].json",
    "pages/[category].html",
    "shop/[id]-{name}",
    "shop/book{-:id}-info",
    "api/{v:version}",
    "{:category.html}",
    "a/{-v:version{-:pre}}",
    "a/{some-id}",
    "a/{:some-id}",
    "a/c++",
    "a/x+y",
    "a/v1.2",
    "a/@scope",
    "a/~user",
    "a/é",
    "properties/{city}/filters",
    "a/{...path{.html}}",
    "a/{*rest}",
    "a/\\[literal\\]",
    "a/{:\"quoted name\"}",
];

#[test]
fn p1_generations_accept_every_p1_form_and_anything_the_scanner_reads_as_static() {
    for generation in [Generation::G1, Generation::G2, Generation::G3] {
        for path in P1_ACCEPTS {
            assert_eq!(check(path, generation), Ok(()), "{path} in {generation:?}");
        }
    }
}

#[test]
fn p3_generations_accept_every_p3_form() {
    for generation in [Generation::G3, Generation::G4, Generation::G5, Generation::G5Plus] {
        for path in P3_ACCEPTS {
            assert_eq!(check(path, generation), Ok(()), "{path} in {generation:?}");
        }
    }
}

#[test]
fn g3_accepts_p2_forms_too() {
    for path in [
        "users/:id",
        "users/{:id}",
        "docs/{...path}",
        "shop/book-:id",
        "a/:name{@:version{.:min}}.js",
    ] {
        // All but the braced ones are bare params in P3.
        assert_eq!(check(path, Generation::G3), Ok(()), "{path}");
    }
}

#[test]
fn p3_refuses_what_the_scanner_throws_on() {
    for generation in [Generation::G4, Generation::G5, Generation::G5Plus] {
        assert_eq!(
            reason("users/:id", generation),
            "contains bare params, use [id] instead of :id"
        );
        assert_eq!(
            reason("a/x:", generation),
            "contains colons outside braces, use : only within {}"
        );
        assert_eq!(reason("a/[some-id]", generation), "Unexpected [ at index 0, expected end");
        assert_eq!(reason("a/[", generation), "Unexpected [ at index 0, expected end");
        assert_eq!(reason("a/[[]]", generation), "Unexpected [ at index 0, expected end");
        assert_eq!(reason("a/[[id]]", generation), "Unexpected [ at index 0, expected end");
        assert_eq!(reason("a/[...path]", generation), "Unexpected [ at index 0, expected end");
        assert_eq!(reason("a/x]", generation), "Unexpected ] at index 1, expected end");
        assert_eq!(reason("a/(x)", generation), "Unexpected ( at index 0, expected end");
        assert_eq!(reason("a/x?", generation), "Unexpected ? at index 1, expected end");
        assert_eq!(reason("a/{x", generation), "Unexpected end at index 3, expected }");
        assert_eq!(reason("a/x}", generation), "Unexpected } at index 1, expected end");
        assert_eq!(reason("a/{+x}", generation), "Unexpected + at index 2, expected }");
        assert_eq!(reason("a/{:}", generation), "Missing parameter name at 3");
        assert_eq!(reason("a/{...}", generation), "Missing parameter name at 3");
        assert_eq!(
            reason("users/{opt}/[req]", generation),
            "optional parameters must not be followed by required parameters: `[req]` follows the optional `{opt}`"
        );
        assert!(reason("a/{x}/b/[id]-y", generation).starts_with("optional parameters"));
    }
}

#[test]
fn p3_hints_say_how_to_write_it() {
    let hint = |path: &str| check(path, Generation::G5).unwrap_err().hint;
    assert_eq!(
        hint("a/[some-id]").as_deref(),
        Some("only a `\\w+` name is a param: rename the folder to `[some_id]`")
    );
    assert_eq!(
        hint("a/[[id]]").as_deref(),
        Some("an optional param is written `{id}` since 2026-03-05")
    );
    assert_eq!(hint("a/[...p]").as_deref(), Some("a splat is written `{...p}` since 2026-03-05"));
    assert_eq!(hint("a/:id").as_deref(), Some("rename the folder to `[id]`"));
    assert_eq!(hint("a/["), None);
    // JavaScript's `\w` is ASCII: `[é]` is no param, and there is no obvious rename.
    assert_eq!(hint("a/[é]"), None);
}

#[test]
fn p1_refuses_what_its_docs_forbid() {
    for generation in [Generation::G1, Generation::G2] {
        assert_eq!(
            reason("users/[[id]]/posts", generation),
            "optional parameters must come last in a route path: `posts` follows the optional `[[id]]`"
        );
        assert!(reason("users/[[opt]]/[req]", generation).contains("`[req]` follows"));
        // In P3 `{a}/b` is allowed (the docs only warn about it), and `[[opt]]` is no param.
        assert_eq!(check("users/{a}/b", generation), Ok(()));
    }
}

#[test]
fn g3_refuses_only_what_every_era_refuses() {
    // `[some-id]` is a P1 param, `:id` a P2 one, `[[]]` P1 static text.
    assert_eq!(check("a/[some-id]", Generation::G3), Ok(()));
    assert_eq!(check("a/:id", Generation::G3), Ok(()));
    assert_eq!(check("a/[[]]", Generation::G3), Ok(()), "P1 reads it as static text");
    // P1 reads `{opt}` as static text, so only P3 refuses this one.
    assert_eq!(check("users/{opt}/[req]", Generation::G3), Ok(()));
    // Refused by all three; the reason given is P3's.
    let error = check("users/[[a]]/posts", Generation::G3).unwrap_err();
    assert_eq!(error.syntax, RouteSyntax::P3);
    assert_eq!(error.folder, 1);
    assert_eq!(error.reason, "Unexpected [ at index 0, expected end");
}

#[test]
fn the_offending_folder_is_named_by_index() {
    let error = check("users/[id]/[bad-name]/x", Generation::G5).unwrap_err();
    assert_eq!(error.folder, 2);
    assert_eq!(error.syntax, RouteSyntax::P3);
    for generation in ALL {
        assert_eq!(check("", generation), Ok(()));
    }
}
