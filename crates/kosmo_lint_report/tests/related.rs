//! A finding's `related` locations (a place in another file, such as generated code the
//! finding is about) in every output format: pretty and the text formats name it in a line,
//! json in a field, SARIF in `relatedLocations`.

use kosmo_lint_core::{Finding, Related, Severity};
use kosmo_lint_report::{
    CheckedProject, PrettyOptions, SourceCache, Summary, render_github, render_json, render_junit,
    render_pretty, render_sarif,
};
use serde_json::Value;
use serde_sarif::sarif::Sarif;

fn finding() -> Finding {
    let mut finding = Finding::whole_file(
        "preload-never-runs",
        "/nowhere/src/app/kosmo.config.ts".into(),
        "src/app/kosmo.config.ts".to_owned(),
        "the generated Solid glue never calls a page's `preload`".to_owned(),
    );
    finding.severity = Severity::Warning;
    finding.help = Some("upgrade the KosmoJS Solid generator".to_owned());
    finding.related.push(Related {
        file: "/nowhere/lib/app/solid.ts".into(),
        path: "lib/app/solid.ts".to_owned(),
        line: 10,
        column: 9,
        text: "`loaderFactory` returns `preload` here without calling it".to_owned(),
    });
    finding
}

#[test]
fn related_locations_in_every_format() {
    let findings = [finding()];
    let projects = [CheckedProject { root: "/nowhere".into(), shown: ".".to_owned(), files: 1 }];
    let mut sources = SourceCache::default();
    let pretty = render_pretty(&findings, &mut sources, PrettyOptions::default());
    let json = render_json(&findings, Summary::of(1, &findings), &projects, &mut sources);
    let github = render_github(&findings, &mut sources);
    let junit = render_junit(&findings, &projects, &mut sources);
    let sarif =
        render_sarif(&findings, &[], &mut sources).replace(env!("CARGO_PKG_VERSION"), "[version]");
    let all = format!(
        "--- pretty\n{pretty}--- json\n{json}--- github\n{github}--- junit\n{junit}--- sarif\n{sarif}"
    );
    insta::assert_snapshot!("related", all);

    // SARIF: a known property of a valid log (the region is a point: start only).
    let parsed: Sarif = serde_json::from_str(&sarif).expect("a SARIF log");
    let written: Value = serde_json::from_str(&sarif).unwrap();
    assert_eq!(serde_json::to_value(&parsed).unwrap(), written, "a property SARIF does not know");
    let related = &written["runs"][0]["results"][0]["relatedLocations"][0];
    assert_eq!(related["physicalLocation"]["artifactLocation"]["uri"], "lib/app/solid.ts");
    assert_eq!(related["physicalLocation"]["region"]["startLine"], 10);
    // json: a `related` field, absent from findings without one.
    let json: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["diagnostics"][0]["related"][0]["column"], 9);
    let mut plain = finding();
    plain.related.clear();
    let json = render_json(&[plain], Summary::default(), &projects, &mut sources);
    assert!(!json.contains("related"), "{json}");
}
