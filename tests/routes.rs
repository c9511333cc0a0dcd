//! `kosmo-lint routes`: the route tree of both examples and of one fixture per generation,
//! as JSON snapshots plus direct assertions on generations, URLs and params, and the pretty
//! output of `examples/shop`.

mod common;

use common::kosmo;
use serde_json::Value;

/// `routes <path> --format json`: exit 0, nothing on stderr, one JSON document.
fn routes_json(path: &str) -> (String, Value) {
    let run = kosmo(&["routes", path, "--format", "json"]);
    assert_eq!(run.code, 0, "stderr:\n{}", run.stderr);
    assert_eq!(run.stderr, "");
    let tree = common::json(&run);
    (run.stdout, tree)
}

fn str_of(value: &Value) -> &str {
    value.as_str().unwrap_or_else(|| panic!("not a string: {value}"))
}

fn folder_rels(tree: &Value) -> Vec<&str> {
    tree["folders"].as_array().unwrap().iter().map(|f| str_of(&f["rel"])).collect()
}

fn folder<'t>(tree: &'t Value, rel: &str) -> &'t Value {
    tree["folders"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rel"] == rel)
        .unwrap_or_else(|| panic!("no source folder {rel}"))
}

fn keys<'f>(folder: &'f Value, map: &str) -> Vec<&'f str> {
    folder[map].as_object().unwrap().keys().map(String::as_str).collect()
}

fn api<'f>(folder: &'f Value, name: &str) -> &'f Value {
    let route = &folder["api_routes"][name];
    assert!(route.is_object(), "no API route {name:?} in {}", folder["rel"]);
    route
}

/// An API route's URL and its params as (name, kind, syntax).
fn assert_api(folder: &Value, name: &str, url: &str, params: &[(&str, &str, &str)]) {
    let route = api(folder, name);
    assert_eq!(route["url"], url, "URL of API route {name}");
    let actual: Vec<(&str, &str, &str)> = route["params"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (str_of(&p["name"]), str_of(&p["kind"]), str_of(&p["syntax"])))
        .collect();
    assert_eq!(actual, params, "params of API route {name}");
}

/// (method, response kind) of an API route, in file order.
fn methods<'f>(folder: &'f Value, name: &str) -> Vec<(&'f str, &'f str)> {
    api(folder, name)["methods"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (str_of(&m["method"]), str_of(&m["response"]["kind"])))
        .collect()
}

/// Why a method's response type is undeclared.
fn undeclared_reason<'f>(folder: &'f Value, name: &str, method: &str) -> &'f str {
    let methods = api(folder, name)["methods"].as_array().unwrap();
    let entry = methods.iter().find(|m| m["method"] == method).unwrap();
    assert_eq!(entry["response"]["kind"], "undeclared", "{name} {method}");
    str_of(&entry["response"]["reason"])
}

fn page<'f>(folder: &'f Value, name: &str) -> &'f Value {
    let page = &folder["pages"][name];
    assert!(page.is_object(), "no page {name:?} in {}", folder["rel"]);
    page
}

fn assert_page(folder: &Value, name: &str, url: &str) {
    assert_eq!(page(folder, name)["url"], url, "URL of page {name}");
}

fn layouts<'f>(folder: &'f Value, name: &str) -> Vec<&'f str> {
    page(folder, name)["layouts"].as_array().unwrap().iter().map(str_of).collect()
}

/// `(value, reaches)` of a page's preload, `None` when it exports none.
fn preload<'f>(folder: &'f Value, name: &str) -> Option<(&'f str, Vec<&'f str>)> {
    let preload = &page(folder, name)["preload"];
    if preload.is_null() {
        return None;
    }
    let reaches = preload["reaches"].as_array().unwrap().iter().map(str_of).collect();
    Some((str_of(&preload["value"]), reaches))
}

/// Fetch-client references that did not resolve: (route, member, resolution, file).
fn unresolved(folder: &Value) -> Vec<(&str, Option<&str>, &str, &str)> {
    folder["fetch_refs"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["resolution"] != "resolved")
        .map(|r| {
            (
                str_of(&r["route"]),
                r["member"].as_str(),
                str_of(&r["resolution"]),
                str_of(&r["file"]),
            )
        })
        .collect()
}

#[test]
fn g1_fixture_root_folder_p1_params_positional_generics() {
    let (stdout, tree) = routes_json("tests/fixtures/generations/g1");

    assert_eq!(folder_rels(&tree), ["@front"]);
    let front = folder(&tree, "@front");
    assert_eq!(front["generation"], "G1");
    assert_eq!(front["layout"], "RootFolder");
    assert_eq!(front["alias"], "@front");
    assert_eq!(front["api_base"], "/api");
    assert_eq!(keys(front, "api_routes"), ["files/[...path]", "posts/[[page]]", "users/[id]"]);
    assert_api(front, "posts/[[page]]", "/api/posts{/:page}", &[("page", "optional", "P1")]);
    assert_api(front, "files/[...path]", "/api/files{/*path}", &[("path", "splat", "P1")]);
    assert_api(front, "users/[id]", "/api/users/:id", &[("id", "required", "Brackets")]);
    // `GET<never, T>`: the second positional argument declares the response.
    assert_eq!(methods(front, "files/[...path]"), [("GET", "declared")]);

    assert_eq!(keys(front, "pages"), ["index", "posts/[[page]]", "users/[id]"]);
    assert_page(front, "index", "/");
    assert_page(front, "posts/[[page]]", "/posts{/:page}");
    assert_page(front, "users/[id]", "/users/:id");
    assert_eq!(layouts(front, "users/[id]"), ["@front/pages/users/layout.tsx"]);
    assert!(layouts(front, "posts/[[page]]").is_empty());
    // `export const preload = fetchPosts` (the seed's G1 form).
    assert_eq!(
        preload(front, "posts/[[page]]"),
        Some(("reference", vec!["client GET posts/[[page]]"]))
    );
    assert_eq!(preload(front, "index"), None);
    assert!(unresolved(front).is_empty());

    insta::assert_snapshot!("g1_json", stdout);
}

#[test]
fn g2_fixture_src_folder_per_route_imports_positional_generics() {
    let (stdout, tree) = routes_json("tests/fixtures/generations/g2");

    assert_eq!(folder_rels(&tree), ["src/front"]);
    let front = folder(&tree, "src/front");
    assert_eq!(front["generation"], "G2");
    assert_eq!(front["layout"], "SrcFolder");
    assert!(front["alias"].is_null());
    assert!(str_of(&front["generation_evidence"]).contains("positional generics"));
    assert_eq!(keys(front, "api_routes"), ["posts/[[page]]", "stats", "users/[id]"]);
    assert_api(front, "posts/[[page]]", "/api/posts{/:page}", &[("page", "optional", "P1")]);
    assert_api(front, "users/[id]", "/api/users/:id", &[("id", "required", "Brackets")]);
    assert_api(front, "stats", "/api/stats", &[]);
    assert_eq!(methods(front, "users/[id]"), [("GET", "declared"), ("PUT", "declared")]);

    assert_page(front, "posts/[[page]]", "/posts{/:page}");
    // `export { GET as preload }` and `export const preload = postsClient.GET`.
    assert_eq!(preload(front, "index"), Some(("reference", vec!["client GET stats"])));
    assert_eq!(
        preload(front, "posts/[[page]]"),
        Some(("reference", vec!["client GET posts/[[page]]"]))
    );
    assert_eq!(layouts(front, "users/[id]"), ["src/front/pages/users/layout.tsx"]);
    assert!(unresolved(front).is_empty());

    insta::assert_snapshot!("g2_json", stdout);
}

#[test]
fn g3_fixture_p2_params_object_generics() {
    let (stdout, tree) = routes_json("tests/fixtures/generations/g3");

    assert_eq!(folder_rels(&tree), ["src/front"]);
    let front = folder(&tree, "src/front");
    assert_eq!(front["generation"], "G3");
    assert!(str_of(&front["generation_evidence"]).contains("object generics"));
    assert_eq!(
        keys(front, "api_routes"),
        ["docs/{...path}", "posts/{:page}", "stats", "users/:id"]
    );
    assert_api(front, "users/:id", "/api/users/:id", &[("id", "required", "P2")]);
    assert_api(front, "posts/{:page}", "/api/posts{/:page}", &[("page", "optional", "P2")]);
    // `{...path}` is written the same in P2 and P3; the tree reports it as P3.
    assert_api(front, "docs/{...path}", "/api/docs{/*path}", &[("path", "splat", "P3")]);
    assert_eq!(methods(front, "users/:id"), [("GET", "declared"), ("PATCH", "declared")]);

    assert_page(front, "users/:id", "/users/:id");
    assert_page(front, "posts/{:page}", "/posts{/:page}");
    assert_eq!(
        preload(front, "posts/{:page}"),
        Some(("reference", vec!["client GET posts/{:page}"]))
    );
    assert_eq!(layouts(front, "users/:id"), ["src/front/pages/users/layout.tsx"]);
    assert!(unresolved(front).is_empty());

    insta::assert_snapshot!("g3_json", stdout);
}

#[test]
fn g4_fixture_folder_api_module_p3_params() {
    let (stdout, tree) = routes_json("tests/fixtures/generations/g4");

    assert_eq!(folder_rels(&tree), ["src/front"]);
    let front = folder(&tree, "src/front");
    assert_eq!(front["generation"], "G4");
    assert!(str_of(&front["generation_evidence"]).contains("`_/<folder>/api` imports"));
    assert_eq!(
        keys(front, "api_routes"),
        ["docs/{...path}", "posts/{page}", "stats", "users/[id]"]
    );
    assert_api(front, "posts/{page}", "/api/posts{/:page}", &[("page", "optional", "P3")]);
    assert_api(front, "docs/{...path}", "/api/docs{/*path}", &[("path", "splat", "P3")]);
    assert_api(front, "users/[id]", "/api/users/:id", &[("id", "required", "Brackets")]);
    assert_eq!(methods(front, "users/[id]"), [("GET", "declared"), ("PATCH", "declared")]);

    assert_page(front, "posts/{page}", "/posts{/:page}");
    // `const { GET } = fetchClients["stats"]; export { GET as preload }` and an alias
    // `const posts = fetchClients["posts/{page}"]; export const preload = posts.GET`.
    assert_eq!(preload(front, "index"), Some(("reference", vec!["client GET stats"])));
    assert_eq!(
        preload(front, "posts/{page}"),
        Some(("reference", vec!["client GET posts/{page}"]))
    );
    assert!(unresolved(front).is_empty());

    insta::assert_snapshot!("g4_json", stdout);
}

#[test]
fn g5_fixture_kosmo_config_mixed_segment() {
    let (stdout, tree) = routes_json("tests/fixtures/generations/g5");

    assert_eq!(folder_rels(&tree), ["src/app"]);
    let app = folder(&tree, "src/app");
    // `kosmo.config.ts` with `base` + `generators`, no `frontend`/`backend` blocks: G5, not G5+.
    assert_eq!(app["generation"], "G5");
    assert_eq!(app["layout"], "KosmoConfig");
    assert_eq!(app["framework"], "solid");
    assert_eq!(
        keys(app, "api_routes"),
        ["docs/{...path}", "files/[name].[ext]", "posts/{page}", "users/[id]"]
    );
    assert_api(
        app,
        "files/[name].[ext]",
        "/api/files/:name.:ext",
        &[("name", "required", "Brackets"), ("ext", "required", "Brackets")],
    );
    assert_api(app, "posts/{page}", "/api/posts{/:page}", &[("page", "optional", "P3")]);
    assert_api(app, "docs/{...path}", "/api/docs{/*path}", &[("path", "splat", "P3")]);
    assert_api(app, "users/[id]", "/api/users/:id", &[("id", "required", "Brackets")]);

    // The mixed-segment route is API only (Solid Router cannot express it).
    assert_eq!(keys(app, "pages"), ["index", "posts/{page}", "users/[id]"]);
    assert_page(app, "posts/{page}", "/posts{/:page}");
    assert_eq!(
        preload(app, "users/[id]"),
        Some(("function", vec!["query \"users/[id]\" → client GET users/[id]"]))
    );
    assert_eq!(
        preload(app, "posts/{page}"),
        Some(("function", vec!["query \"posts/{page}\" → client GET posts/{page}"]))
    );
    assert!(unresolved(app).is_empty());

    insta::assert_snapshot!("g5_json", stdout);
}

#[test]
fn shop_example_g5_plus_folders() {
    let (stdout, tree) = routes_json("examples/shop");

    // `lib/` is generated code, not a source folder.
    assert_eq!(folder_rels(&tree), ["src/admin", "src/app", "src/blog", "src/dashboard"]);
    let admin = folder(&tree, "src/admin");
    let app = folder(&tree, "src/app");
    let blog = folder(&tree, "src/blog");
    let dashboard = folder(&tree, "src/dashboard");
    assert_eq!(blog["framework"], "solid");
    for f in [admin, app, blog, dashboard] {
        assert_eq!(f["generation"], "G5+", "{}", f["rel"]);
        assert_eq!(f["layout"], "KosmoConfig");
    }

    // API-only folder with `backend.base`.
    assert_eq!(admin["api_base"], "/admin/api");
    assert_eq!(
        keys(admin, "api_routes"),
        ["products/[id]", "reports/refunds", "reports/sales", "reports/stock"]
    );
    assert_api(
        admin,
        "products/[id]",
        "/admin/api/products/:id",
        &[("id", "required", "Brackets")],
    );
    assert_eq!(
        methods(admin, "products/[id]"),
        [("GET", "declared"), ("PUT", "declared"), ("DELETE", "declared")]
    );
    assert!(keys(admin, "pages").is_empty());

    // The Vue folder: its pages' `loader` (in their `<script>` blocks) is the data export.
    assert_eq!(dashboard["framework"], "vue");
    assert_eq!(dashboard["base"], "/dashboard");
    assert_eq!(keys(dashboard, "pages"), ["index", "orders", "orders/[id]"]);
    assert_eq!(page(dashboard, "orders")["preload"]["export"], "loader");
    assert_eq!(preload(dashboard, "index"), Some(("function", vec!["client GET stats"])));
    assert_eq!(
        page(dashboard, "orders")["layouts"],
        serde_json::json!(["src/dashboard/pages/orders/layout.vue"])
    );

    assert_eq!(app["base"], "/");
    assert_eq!(app["api_base"], "/api");
    // `use.ts` files are middleware and `orders/types.ts` is a helper: neither is a route.
    assert_eq!(
        keys(app, "api_routes"),
        [
            "cart",
            "docs/{...path}",
            "health",
            "index",
            "orders",
            "orders/[id]",
            "products",
            "products/[id]",
            "products/[id]/reviews",
            "search/{query}",
        ]
    );
    assert_api(app, "index", "/api", &[]);
    assert_api(app, "search/{query}", "/api/search{/:query}", &[("query", "optional", "P3")]);
    assert_api(app, "docs/{...path}", "/api/docs{/*path}", &[("path", "splat", "P3")]);
    assert_api(
        app,
        "products/[id]/reviews",
        "/api/products/:id/reviews",
        &[("id", "required", "Brackets")],
    );
    assert_eq!(methods(app, "products/[id]"), [("GET", "declared"), ("PATCH", "declared")]);
    // VIOLATIONS.md #4, #5 and the bodiless `[204]` traps.
    assert_eq!(undeclared_reason(app, "health", "GET"), "no type arguments");
    assert_eq!(undeclared_reason(app, "orders", "POST"), "no `response` key");
    assert_eq!(
        methods(app, "cart"),
        [("GET", "declared"), ("POST", "declared"), ("DELETE", "declared-without-body")]
    );
    assert_eq!(methods(app, "orders/[id]"), [("GET", "declared"), ("DELETE", "declared")]);

    // `pages/404.tsx` is not a route page.
    assert_eq!(
        keys(app, "pages"),
        [
            "about",
            "account",
            "cart",
            "index",
            "orders",
            "orders/[id]",
            "products",
            "products/[id]",
            "products/[id]/reviews",
            "status"
        ]
    );
    assert_page(app, "index", "/");
    assert_page(app, "orders/[id]", "/orders/:id");
    assert_eq!(layouts(app, "orders/[id]"), ["src/app/pages/orders/layout.tsx"]);
    assert_eq!(layouts(app, "products"), ["src/app/pages/products/layout.tsx"]);
    assert!(layouts(app, "cart").is_empty());
    assert_eq!(preload(app, "cart"), None);
    assert_eq!(
        preload(app, "orders/[id]"),
        Some(("function", vec!["query \"orders/[id]\" → raw fetch"]))
    );
    assert_eq!(
        preload(app, "products/[id]"),
        Some((
            "function",
            vec![
                "query \"products/[id]\" → client GET products/[id]",
                "query \"product-reviews\" → client GET products/[id]/reviews",
            ]
        ))
    );

    // VIOLATIONS.md #6 and #7; `product.PATCH` resolves because references resolve within
    // their own folder (admin's `products/[id]` has no PATCH).
    assert_eq!(
        unresolved(app),
        [
            ("health", Some("POST"), "unknown-method", "src/app/components/HealthBadge.tsx"),
            ("product/[id]/reviews", Some("POST"), "unknown-route", "src/app/hooks/useReviews.ts"),
        ]
    );
    assert!(admin["fetch_refs"].as_array().unwrap().is_empty());

    insta::assert_snapshot!("shop_json", stdout);
}

#[test]
fn seed_app_example_g1() {
    let (stdout, tree) = routes_json("examples/seed-app");

    assert_eq!(folder_rels(&tree), ["@front"]);
    let front = folder(&tree, "@front");
    assert_eq!(front["generation"], "G1");
    assert_eq!(front["alias"], "@front");
    assert_api(front, "archive/[[page]]", "/api/archive{/:page}", &[("page", "optional", "P1")]);
    assert_api(front, "files/[...path]", "/api/files{/*path}", &[("path", "splat", "P1")]);
    assert_api(front, "users/[id]", "/api/users/:id", &[("id", "required", "Brackets")]);
    assert_api(front, "index", "/api", &[]);
    assert_api(front, "users/data", "/api/users/data", &[]);
    // VIOLATIONS.md #4 and #5.
    assert_eq!(undeclared_reason(front, "files/[...path]", "GET"), "no type arguments");
    assert_eq!(
        undeclared_reason(front, "users", "POST"),
        "only a payload type argument, no response type argument"
    );
    assert_eq!(methods(front, "posts"), [("GET", "declared"), ("POST", "declared")]);
    assert_eq!(methods(front, "users/[id]"), [("GET", "declared"), ("PUT", "declared")]);

    assert_eq!(
        keys(front, "pages"),
        ["about", "archive/[[page]]", "index", "posts", "team", "users"]
    );
    assert_page(front, "archive/[[page]]", "/archive{/:page}");
    assert_eq!(layouts(front, "users"), ["@front/pages/users/layout.tsx"]);
    assert!(layouts(front, "team").is_empty());
    assert_eq!(preload(front, "users"), Some(("reference", vec!["client GET users/data"])));
    assert_eq!(preload(front, "index"), Some(("reference", vec!["client GET users"])));
    assert_eq!(
        preload(front, "archive/[[page]]"),
        Some(("reference", vec!["client GET archive/[[page]]"]))
    );
    assert_eq!(preload(front, "about"), Some(("function", vec!["raw fetch"])));
    assert_eq!(preload(front, "team"), None);

    // VIOLATIONS.md #6 (the module specifier and the imported name both name the missing
    // route) and #7.
    assert_eq!(
        unresolved(front),
        [
            ("posts", Some("DELETE"), "unknown-method", "@front/components/PostActions.tsx"),
            ("user/[id]", Some("GET"), "unknown-route", "@front/components/UserCard.tsx"),
            ("user/[id]", None, "unknown-route", "@front/components/UserCard.tsx"),
        ]
    );

    insta::assert_snapshot!("seed_app_json", stdout);
}

#[test]
fn shop_example_pretty() {
    let run = kosmo(&["routes", "examples/shop"]);
    assert_eq!(run.code, 0, "stderr:\n{}", run.stderr);
    assert_eq!(run.stderr, "");
    // stdout is a pipe here: no colour codes.
    assert!(!run.stdout.contains('\u{1b}'), "{}", run.stdout);
    assert!(run.stdout.contains("src/app  G5+ ("), "{}", run.stdout);
    assert!(run.stdout.contains("    /api/search{/:query}  src/app/api/search/{query}/index.ts\n"));
    insta::assert_snapshot!("shop_pretty", run.stdout);
}

#[test]
fn routes_from_a_file_or_subfolder_print_the_whole_project() {
    let (whole, _) = routes_json("examples/shop");
    let (from_file, _) = routes_json("examples/shop/src/app/pages/cart/index.tsx");
    let (from_folder, _) = routes_json("examples/shop/src/admin/api");
    assert_eq!(from_file, whole);
    assert_eq!(from_folder, whole);
}
