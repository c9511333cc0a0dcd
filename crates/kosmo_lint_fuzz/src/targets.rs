//! What each fuzz target checks.

use std::path::Path;

use kosmo_lint_core::FileKind;
use kosmo_lint_core::Generation;
use kosmo_lint_core::config::ConfigFile;
use kosmo_lint_core::json_file::{JsonDialect, parse_json};
use kosmo_lint_core::route_path::parse_segment;
use kosmo_lint_core::route_syntax::check_route_folders;
use kosmo_lint_facts::check_module;
use kosmo_lint_linter::{FixOptions, Linter, lint_fix};
use serde_json::Value;

/// The fuzz targets, by the name of their AFL binary and corpus folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Fact extraction on arbitrary text as a `.ts`/`.tsx` file of any kind.
    Extract,
    /// The route-folder name parser and the framework's route-syntax checks.
    RouteFolder,
    /// The readers of `tsconfig.json`, `package.json` and `kosmo-lint.json`.
    ConfigFiles,
    /// The fact cache's file, `facts.bin`, as a run reads it.
    FactCache,
    /// The route tree cache's file, `tree.bin`, as a run reads it.
    TreeCache,
    /// `--fix --unsafe-fixes` on arbitrary text as a page of the shop example.
    Fix,
    /// The script blocks of arbitrary text as a `.vue`, `.svelte`, `.mdx` or `.md` file.
    ScriptBlocks,
}

impl Target {
    pub const ALL: [Self; 7] = [
        Self::Extract,
        Self::RouteFolder,
        Self::ConfigFiles,
        Self::FactCache,
        Self::TreeCache,
        Self::Fix,
        Self::ScriptBlocks,
    ];

    pub const fn name(self) -> &'static str {
        match self {
            Self::Extract => "extract",
            Self::RouteFolder => "route_folder",
            Self::ConfigFiles => "config_files",
            Self::FactCache => "fact_cache",
            Self::TreeCache => "tree_cache",
            Self::Fix => "fix",
            Self::ScriptBlocks => "script_blocks",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|target| target.name() == name)
    }

    /// Builds what the target compares with, before the fuzzer forks its runs from this
    /// process, so that no run pays for it.
    pub fn prepare(self) {
        if matches!(self, Self::FactCache | Self::TreeCache | Self::Fix) {
            crate::shop::shop();
        }
    }

    /// Runs the target on one input; panics when an invariant does not hold.
    pub fn run(self, data: &[u8]) {
        match self {
            Self::Extract => extract(data),
            Self::RouteFolder => route_folder(data),
            Self::ConfigFiles => config_files(data),
            Self::FactCache => fact_cache(data),
            Self::TreeCache => tree_cache(data),
            Self::Fix => fix(data),
            Self::ScriptBlocks => script_blocks(data),
        }
    }
}

const KINDS: [FileKind; 6] = [
    FileKind::Page,
    FileKind::ApiRoute,
    FileKind::Layout,
    FileKind::Helper,
    FileKind::Config,
    FileKind::Middleware,
];

/// The first byte picks the file's kind and extension, the rest is its text. Extraction (the
/// file's facts, and its exports as the module graph reads them) never panics, gives the same
/// facts twice, and every span it records lies inside the text
/// on character boundaries (a span outside would misplace or crash the report).
fn extract(data: &[u8]) {
    let Some((&selector, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let kind = KINDS[usize::from(selector) % KINDS.len()];
    let file = if selector & 0x80 == 0 { "index.tsx" } else { "index.ts" };
    let path = Path::new("src/app/pages/fuzz").join(file);
    let facts = kosmo_lint_facts::extract_text(kind, &path, text);
    let again = kosmo_lint_facts::extract_text(kind, &path, text);
    assert_eq!(facts, again, "extraction is deterministic");
    let value = serde_json::to_value(&facts).expect("facts serialise");
    check_spans(&value, text);
    // The module graph's own reading of the same text: a module's exports.
    if let Ok(exports) = kosmo_lint_facts::extract_exports(&path, text) {
        let again = kosmo_lint_facts::extract_exports(&path, text);
        assert_eq!(Ok(&exports), again.as_ref(), "export extraction is deterministic");
        let value = serde_json::to_value(&exports).expect("exports serialise");
        check_spans(&value, text);
    }
}

/// The extensions read through their script blocks, picked by the first byte of a
/// `script_blocks` input.
pub const SCRIPT_BLOCK_EXTENSIONS: [&str; 4] = ["vue", "svelte", "mdx", "md"];

/// The first byte picks the extension, the rest is the file's text. `script_source` never
/// panics; its text is as long as the input, has the input's line breaks where the input
/// has them, and every other byte is the input's own or a space (or the line break that
/// separates two blocks on one line, in place of a `<`); the blocks are in order, inside
/// the text, on character boundaries, kept as written, and the instance block is one of
/// them. An error points inside the text. The file's facts then obey the `extract` target's
/// checks.
fn script_blocks(data: &[u8]) {
    let Some((&selector, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let extension = SCRIPT_BLOCK_EXTENSIONS[usize::from(selector) % SCRIPT_BLOCK_EXTENSIONS.len()];
    match kosmo_lint_facts::script_source(extension, text).expect("a script-block extension") {
        Ok(script) => check_script(&script, text),
        Err(error) => {
            let (start, end) = (error.span.start as usize, error.span.end as usize);
            assert!(start < end && end <= text.len(), "error span {start}..{end}");
            assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
        }
    }
    let path = Path::new("src/app/pages/fuzz").join(format!("index.{extension}"));
    for kind in [FileKind::Page, FileKind::Helper] {
        let facts = kosmo_lint_facts::extract_text(kind, &path, text);
        check_spans(&serde_json::to_value(&facts).expect("facts serialise"), text);
    }
}

fn check_script(script: &kosmo_lint_facts::ScriptSource, text: &str) {
    let (out, input) = (script.text.as_bytes(), text.as_bytes());
    assert_eq!(out.len(), input.len(), "the script is as long as the text");
    for (at, (&o, &i)) in out.iter().zip(input).enumerate() {
        if matches!(i, b'\n' | b'\r') {
            assert_eq!(o, i, "line break at {at} kept");
        } else if o != b' ' {
            assert!(o == i || (o == b'\n' && i == b'<'), "byte {at}: {o:#x} for {i:#x}");
        }
    }
    let mut previous_end = 0;
    for &(start, end) in &script.blocks {
        let (start, end) = (start as usize, end as usize);
        assert!(previous_end <= start && start <= end && end <= text.len(), "block {start}..{end}");
        assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
        assert_eq!(&script.text[start..end], &text[start..end], "a block is kept as written");
        previous_end = end;
    }
    if let Some(instance) = script.instance {
        assert!(script.blocks.contains(&instance), "the instance block is a block");
    }
}

/// Every `{ "start": n, "end": m }` object in the facts.
fn check_spans(value: &Value, text: &str) {
    match value {
        Value::Object(map) => {
            if let (Some(start), Some(end), 2) = (
                map.get("start").and_then(Value::as_u64),
                map.get("end").and_then(Value::as_u64),
                map.len(),
            ) {
                let (start, end) = (usize::try_from(start).unwrap(), usize::try_from(end).unwrap());
                assert!(start <= end && end <= text.len(), "span {start}..{end} outside the text");
                assert!(
                    text.is_char_boundary(start) && text.is_char_boundary(end),
                    "span {start}..{end} splits a character"
                );
            }
            map.values().for_each(|v| check_spans(v, text));
        }
        Value::Array(items) => items.iter().for_each(|v| check_spans(v, text)),
        _ => {}
    }
}

/// A folder name parses without panicking, a parsed param's name is part of the folder, and
/// every generation's route-syntax check gives an answer (a refusal with its reason).
fn route_folder(data: &[u8]) {
    let Ok(folders) = std::str::from_utf8(data) else { return };
    let folders: Vec<&str> = folders.split('/').collect();
    for folder in &folders {
        let segment = parse_segment(folder);
        let value = serde_json::to_value(&segment).expect("segments serialise");
        if let Some(name) = value.get("name").and_then(Value::as_str) {
            assert!(folder.contains(name), "param name {name:?} not in folder {folder:?}");
        }
    }
    for generation in Generation::ALL {
        if let Err(refusal) = check_route_folders(&folders, generation) {
            assert!(refusal.folder < folders.len(), "{generation:?} refuses a folder not given");
            assert!(!refusal.reason.is_empty(), "{generation:?} refuses without a reason");
        }
    }
}

/// The config readers never panic, place every error inside the file, read JSONC as a
/// superset of JSON, and read a file the same with and without a byte order mark.
fn config_files(data: &[u8]) {
    let json = parse_json::<Value>(data, JsonDialect::Json);
    let jsonc = parse_json::<Value>(data, JsonDialect::Jsonc);
    if let Ok(value) = &json {
        assert_eq!(jsonc.as_ref().ok(), Some(value), "JSONC reads JSON as JSON does");
    }
    let config = parse_json::<ConfigFile>(data, JsonDialect::Jsonc);
    for error in
        [json.as_ref().err(), jsonc.as_ref().err(), config.as_ref().err()].into_iter().flatten()
    {
        assert!(error.offset <= data.len(), "error offset {} past the end", error.offset);
        let lines = data.split(|b| *b == b'\n').count();
        assert!((1..=lines).contains(&error.line), "error line {} of {lines}", error.line);
        assert!(error.column >= 1, "columns count from 1");
    }
    if !data.starts_with(b"\xEF\xBB\xBF") {
        let with_bom = [b"\xEF\xBB\xBF".as_slice(), data].concat();
        for dialect in [JsonDialect::Json, JsonDialect::Jsonc] {
            let plain = parse_json::<Value>(data, dialect).ok();
            assert_eq!(
                parse_json::<Value>(&with_bom, dialect).ok(),
                plain,
                "a BOM changes {dialect:?}"
            );
        }
    }
}

/// No content of `facts.bin` changes a finding: decoding never panics, and every entry it
/// accepts holds exactly the facts its file has (the seeds are the shop's own cache, so each
/// accepted path names a shop file whose facts are known).
fn fact_cache(data: &[u8]) {
    let Ok(entries) = kosmo_lint_facts::decode_facts_file(data) else { return };
    let truth = &crate::shop::shop().facts;
    for (path, facts) in entries {
        assert_eq!(
            truth.get(&path),
            Some(&facts),
            "the cache's facts of {path:?} are not the file's"
        );
    }
}

/// No content of `tree.bin` is taken for another tree: decoding never panics, and a file it
/// accepts is the shop's own, byte for byte.
fn tree_cache(data: &[u8]) {
    if kosmo_lint_facts::decode_tree_file(data).is_ok() {
        let shop = crate::shop::shop();
        assert_eq!(data, shop.tree_file.as_slice(), "a changed tree.bin was accepted");
    }
}

/// A fix never breaks a page: whatever the page's text, a fixed text parses, declares no
/// name a second time, references no name the original could not (`Record`, which the
/// `preload` fix's params type names, aside), and fixing it again changes nothing.
fn fix(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let shop = crate::shop::shop();
    let options = FixOptions { unsafe_fixes: true, write: false };
    let linter = Linter::with_defaults();
    let fix = |text: &str| lint_fix(&linter, &shop.page, text, (&shop.tree, None), options);
    let Ok(fixed) = fix(text) else { return };
    if fixed.applied == 0 {
        assert_eq!(fixed.text, text, "a fix that applied nothing changed the text");
        return;
    }
    let path = &shop.page.path;
    let after = check_module(path, &fixed.text)
        .unwrap_or_else(|errors| panic!("the fixed text does not parse: {errors:?}"));
    if let Ok(before) = check_module(path, text) {
        for (name, count) in &after.redeclared {
            assert!(
                before.redeclared.get(name).is_some_and(|before| before >= count),
                "the fix declares `{name}` once more"
            );
        }
        for name in after.unresolved.difference(&before.unresolved) {
            assert_eq!(name, "Record", "the fix references `{name}`, bound nowhere");
        }
    }
    let again = fix(&fixed.text).expect("a fixed text fixes again");
    assert_eq!((again.applied, again.text.as_str()), (0, fixed.text.as_str()), "a second fix");
}
#[cfg(test)]
mod tests {
    use super::*;

    /// The fix target's oracle is only worth something if fixes happen: several seeds are
    /// pages a fix changes.
    #[test]
    fn fix_seeds_are_fixed() {
        let shop = crate::shop::shop();
        let options = FixOptions { unsafe_fixes: true, write: false };
        let fixed = crate::seeds(Target::Fix, &crate::shop::repo())
            .iter()
            .filter_map(|(_, data)| std::str::from_utf8(data).ok())
            .filter_map(|text| {
                lint_fix(&Linter::with_defaults(), &shop.page, text, (&shop.tree, None), options)
                    .ok()
            })
            .filter(|fixed| fixed.applied > 0)
            .count();
        assert!(fixed >= 3, "only {fixed} seeds are fixed");
    }
}
