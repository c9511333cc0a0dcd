//! Suppressions and `--fix` in the script blocks of `.vue`, `.svelte` and `.mdx` files: a
//! directive there suppresses as in a `.tsx` file, and a fix edits only inside the block,
//! every other byte of the file kept.

use crate::rules::fetch_client_route_exists::FetchClientRouteExists;
use crate::rules::unused_suppression::UnusedSuppression;
use crate::tester::{Fixture, Tester};

/// The byte range that differs between `before` and `after`, in `before`.
fn changed(before: &str, after: &str) -> (usize, usize) {
    let prefix = before.bytes().zip(after.bytes()).take_while(|(a, b)| a == b).count();
    let suffix = before.bytes().rev().zip(after.bytes().rev()).take_while(|(a, b)| a == b).count();
    (prefix, before.len() - suffix.min(before.len() - prefix))
}

/// `after` is `before` changed only between the end of `open` and the start of the next
/// `close` after it.
fn assert_changed_within(before: &str, after: &str, open: &str, close: &str) {
    let start = before.find(open).expect("the opening tag") + open.len();
    let end = start + before[start..].find(close).expect("the closing tag");
    let (from, to) = changed(before, after);
    assert!(from < to, "the fix changed nothing");
    assert!(start <= from && to <= end, "{from}..{to} is outside the block {start}..{end}");
}

const VUE_BEFORE: &str = "<template>\r\n  <h1>Benutzer – Übersicht ✓</h1>\r\n</template>\r\n\r\n<script setup lang=\"ts\">// kosmo-lint-disable-next-line fetch-client-route-exists -- stale\r\nimport fetchClients from \"_/fetch\";\r\n// kosmo-lint-disable-next-line fetch-client-route-exists -- the route moved\r\nconst users = () => fetchClients[\"users\"].GET();\r\n</script>\r\n\r\n<style scoped>\r\nh1::after { content: \"// kosmo-lint-disable-line\"; }\r\n</style>\r\n";

const VUE_AFTER: &str = "<template>\r\n  <h1>Benutzer – Übersicht ✓</h1>\r\n</template>\r\n\r\n<script setup lang=\"ts\">import fetchClients from \"_/fetch\";\r\nconst users = () => fetchClients[\"users\"].GET();\r\n</script>\r\n\r\n<style scoped>\r\nh1::after { content: \"// kosmo-lint-disable-line\"; }\r\n</style>\r\n";

/// Unused directives are removed from a Vue page (CRLF, characters of several bytes in the
/// template, one directive on the `<script>` tag's line) and the rest is kept byte for byte.
#[test]
fn a_vue_fix_edits_only_its_script_block() {
    assert_changed_within(VUE_BEFORE, VUE_AFTER, "<script setup lang=\"ts\">", "</script>");
    Tester::new(&UnusedSuppression)
        .alongside(&[&FetchClientRouteExists])
        .fix(vec![(Fixture::G5Vue.file("pages/users/index.vue", VUE_BEFORE), VUE_AFTER)])
        .test();
}

#[test]
fn svelte_and_mdx_fixes_edit_only_their_script_blocks() {
    let svelte = "<h1>Übersicht</h1>\n<script module lang=\"ts\">\n  import fetchClients from \"_/fetch\";\n  // kosmo-lint-disable-next-line fetch-client-route-exists\n  export const loader = () => fetchClients[\"users\"].GET();\n</script>\n<p>{1 < 2}</p>\n";
    let svelte_fixed =
        svelte.replace("  // kosmo-lint-disable-next-line fetch-client-route-exists\n", "");
    assert_changed_within(svelte, &svelte_fixed, "<script module lang=\"ts\">", "</script>");
    let mdx = "---\ntitle: Übersicht\n---\n\nimport fetchClients from \"_/fetch\";\n// kosmo-lint-disable-next-line fetch-client-route-exists\nexport const loader = () => fetchClients[\"users\"].GET();\n\n# Übersicht\n";
    let mdx_fixed = mdx.replace("// kosmo-lint-disable-next-line fetch-client-route-exists\n", "");
    assert_changed_within(mdx, &mdx_fixed, "---\n\n", "\n\n#");
    Tester::new(&UnusedSuppression)
        .alongside(&[&FetchClientRouteExists])
        .fix(vec![
            (Fixture::G5Svelte.file("pages/users/index.svelte", svelte), svelte_fixed),
            (Fixture::G5Mdx.file("pages/users/index.mdx", mdx), mdx_fixed),
        ])
        .test();
}

/// A directive in a script block suppresses the finding it names, as in a `.tsx` file.
#[test]
fn a_directive_in_a_script_block_suppresses() {
    let vue = "<template><p>ö</p></template>\n<script setup lang=\"ts\">\nimport fetchClients from \"_/fetch\";\n// kosmo-lint-disable-next-line fetch-client-route-exists -- removed next release\nconst old = () => fetchClients[\"legacy\"].GET();\n</script>\n";
    Tester::new(&UnusedSuppression)
        .alongside(&[&FetchClientRouteExists])
        .pass(vec![Fixture::G5Vue.file("pages/users/index.vue", vue)])
        .test();
    let unsuppressed = vue.replace("-- removed", "x -- removed");
    Tester::new(&FetchClientRouteExists)
        .fail(vec![Fixture::G5Vue.file("pages/users/index.vue", &unsuppressed)])
        .test();
}
