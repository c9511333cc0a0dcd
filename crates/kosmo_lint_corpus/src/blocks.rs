//! Code fragments both generations share: record types, plain helpers, JSX, layouts and
//! helper components. None of them touches data loading, so none can carry a finding.

use crate::rng::Rng;
use crate::vocab::{FIELD_TYPES, FIELDS, SUBRESOURCES, pascal};

/// `export interface Name { id: string; … }` with `fields` random fields.
pub fn interface(name: &str, fields: usize, rng: &mut Rng) -> Vec<String> {
    let mut lines = vec![format!("export interface {name} {{"), "  id: string;".to_owned()];
    for field in rng.sample(FIELDS, fields) {
        let optional = if rng.percent(20) { "?" } else { "" };
        lines.push(format!("  {field}{optional}: {};", rng.pick(FIELD_TYPES)));
    }
    lines.push("}".to_owned());
    lines
}

/// A plain helper function over records of `record` (a search, a grouping or a comparator).
pub fn helper(name: &str, record: &str, rng: &mut Rng) -> Vec<String> {
    let picked = rng.sample(FIELDS, 2);
    let (a, b) = (picked[0], picked[1]);
    let lines: &[String] = &match rng.below(3) {
        0 => [
            format!("export function {name}(items: {record}[], query: string): {record}[] {{"),
            "  const needle = query.trim().toLowerCase();".into(),
            "  if (!needle) {".into(),
            "    return items;".into(),
            "  }".into(),
            "  return items.filter(".into(),
            "    (item) =>".into(),
            format!("      String(item.{a} ?? \"\").toLowerCase().includes(needle) ||"),
            format!("      String(item.{b} ?? \"\").toLowerCase().includes(needle),"),
            "  );".into(),
            "}".into(),
        ]
        .to_vec(),
        1 => [
            format!("export function {name}(items: {record}[]): Map<string, {record}[]> {{"),
            format!("  const groups = new Map<string, {record}[]>();"),
            "  for (const item of items) {".into(),
            format!("    const key = String(item.{a} ?? \"other\");"),
            "    groups.set(key, [...(groups.get(key) ?? []), item]);".into(),
            "  }".into(),
            "  return groups;".into(),
            "}".into(),
        ]
        .to_vec(),
        _ => [
            format!("export const {name} = (left: {record}, right: {record}): number =>"),
            format!("  String(left.{a} ?? \"\").localeCompare(String(right.{a} ?? \"\")) ||"),
            format!("  String(left.{b} ?? \"\").localeCompare(String(right.{b} ?? \"\"));"),
        ]
        .to_vec(),
    };
    lines.to_vec()
}

/// A JSX block that shows `data()` or lists `rows()`, indented by `indent`.
pub fn jsx_section(class: &str, indent: &str, rng: &mut Rng) -> Vec<String> {
    let picked = rng.sample(FIELDS, 2);
    let (a, b) = (picked[0], picked[1]);
    let lines: Vec<String> = if rng.percent(50) {
        vec![
            format!("<section class=\"{class}\">"),
            format!("  <h2>{}</h2>", pascal(a)),
            "  <Show when={data()} fallback={<Spinner />}>".into(),
            "    {(value) => (".into(),
            "      <dl>".into(),
            format!("        <dt>{}</dt>", pascal(b)),
            format!("        <dd>{{formatValue(value().{b})}}</dd>"),
            "      </dl>".into(),
            "    )}".into(),
            "  </Show>".into(),
            "</section>".into(),
        ]
    } else {
        vec![
            "<table class=\"table\">".into(),
            format!("  <thead><tr><th>{}</th><th>{}</th></tr></thead>", pascal(a), pascal(b)),
            "  <tbody>".into(),
            "    <For each={rows()}>".into(),
            "      {(row) => (".into(),
            "        <tr onClick={() => setSelected(row.id)}>".into(),
            format!("          <td>{{formatValue(row.{a})}}</td>"),
            format!("          <td>{{formatValue(row.{b})}}</td>"),
            "        </tr>".into(),
            "      )}".into(),
            "    </For>".into(),
            "  </tbody>".into(),
            "</table>".into(),
        ]
    };
    lines.into_iter().map(|line| format!("{indent}{line}")).collect()
}

/// How many lines a file should roughly have: most are short, 3 % long (200–600 lines),
/// so that file sizes spread as in real projects.
pub fn size_goal(rng: &mut Rng) -> usize {
    if rng.percent(3) { rng.between(200, 600) } else { *rng.pick(&[0, 0, 0, 20, 40, 70, 110]) }
}

/// A helper component beside a page (not a page: only `index.tsx` is one).
pub fn panel(name: &str, format_module: &str, rng: &mut Rng) -> Vec<String> {
    let mut lines: Vec<String> = [
        "import { For, Show } from \"solid-js\";".to_owned(),
        format!("import {{ formatValue }} from \"{format_module}\";"),
        String::new(),
        format!("export interface {name}Props {{"),
        "  selected: string | null;".into(),
        "}".into(),
        String::new(),
        format!("export function {name}(props: {name}Props) {{"),
        "  const data = () => ({ id: props.selected });".into(),
        "  const rows = () => [] as Array<Record<string, unknown>>;".into(),
        "  const setSelected = (_id: unknown) => {};".into(),
        "  const Spinner = () => <span class=\"spinner\" />;".into(),
        "  return (".into(),
        "    <aside class=\"panel\">".into(),
    ]
    .into();
    lines.extend(jsx_section("panel-section", "      ", rng));
    lines.extend(["    </aside>", "  );", "}"].map(String::from));
    lines
}

/// A layout wrapping every page of `folder` and below; `href_base` is its URL.
pub fn layout(folder: &str, href_base: &str, rng: &mut Rng) -> Vec<String> {
    let name = pascal(folder.split('/').next().expect("a folder"));
    let mut lines: Vec<String> = [
        "import type { ParentProps } from \"solid-js\";".to_owned(),
        "import { A } from \"@solidjs/router\";".into(),
        String::new(),
        format!("export default function {name}Layout(props: ParentProps) {{"),
        "  return (".into(),
        format!("    <div class=\"layout layout-{}\">", name.to_lowercase()),
        "      <nav>".into(),
    ]
    .into();
    for link in rng.sample(SUBRESOURCES, 4) {
        lines.push(format!("        <A href=\"{href_base}/{link}\">{}</A>", pascal(link)));
    }
    lines.extend(
        [
            "      </nav>",
            "      <div class=\"content\">{props.children}</div>",
            "    </div>",
            "  );",
            "}",
        ]
        .map(String::from),
    );
    lines
}

/// `format.ts`, `repositories.ts` (one repository per folder word) and `Spinner.tsx`,
/// the shared code every route and page imports, as `(path, lines)`.
pub fn shared_code(lib: &str, components: &str) -> Vec<(String, Vec<String>)> {
    let format = [
        "export function formatValue(value: unknown): string {",
        "  if (value == null) {",
        "    return \"—\";",
        "  }",
        "  if (value instanceof Date) {",
        "    return value.toISOString().slice(0, 10);",
        "  }",
        "  return Array.isArray(value) ? value.map(formatValue).join(\", \") : String(value);",
        "}",
    ];
    let mut repositories: Vec<String> = [
        "export interface Repository<T> {",
        "  list(...filters: unknown[]): Promise<T[]>;",
        "  findById(id: unknown): Promise<T | undefined>;",
        "  create(input: Partial<T>): Promise<T>;",
        "}",
        "",
        "const repository = <T,>(table: string): Repository<T> => ({",
        "  list: async () => [],",
        "  findById: async (id) => ({ id, table }) as T,",
        "  create: async (input) => ({ ...input, table }) as T,",
        "});",
        "",
    ]
    .map(String::from)
    .into();
    let mut words: Vec<&str> = crate::vocab::DOMAINS.iter().chain(SUBRESOURCES).copied().collect();
    words.push(crate::routes::ROOT_ROUTE);
    words.sort_unstable();
    words.dedup();
    repositories.extend(
        words
            .iter()
            .map(|word| format!("export const {word}Repository = repository<any>(\"{word}\");")),
    );
    let spinner = [
        "export function Spinner() {",
        "  return <span class=\"spinner\" aria-busy=\"true\" />;",
        "}",
    ];
    vec![
        (format!("{lib}/format.ts"), format.map(String::from).into()),
        (format!("{lib}/repositories.ts"), repositories),
        (format!("{components}/Spinner.tsx"), spinner.map(String::from).into()),
    ]
}
