//! The bookkeeping of `bench/run.sh`, so that it needs no interpreter beside the shell:
//!
//! - `corpus-check DIR FINDINGS.json`: exit 0 when `kosmo-lint check --format json` found
//!   exactly the violations `DIR/expected.json` lists (rule, path, line), else 1;
//! - `bench-row GEN ROUTES CORPUS COLD.json WARM.json RSS_FLOOR RSS_COLD RSS_CACHE RSS_WARM`:
//!   one JSON line of results from hyperfine's exports and the peak RSS figures (KiB);
//! - `bench-table RESULTS.jsonl`: those lines as the Markdown table of docs/performance.md.

use std::collections::BTreeSet;
use std::process::ExitCode;

use serde_json::{Value, json};

pub const USAGE: &str = "cargo run -p xtask -- corpus-check DIR FINDINGS.json
       cargo run -p xtask -- bench-row GEN ROUTES CORPUS COLD.json WARM.json RSS_KIB x4
       cargo run -p xtask -- bench-table RESULTS.jsonl";

fn read_json(path: &str) -> Result<Value, String> {
    let text = std::fs::read_to_string(path).map_err(|err| format!("{path}: {err}"))?;
    serde_json::from_str(&text).map_err(|err| format!("{path}: {err}"))
}

fn report(result: Result<(), String>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::from(1)
        }
    }
}

type Row = (String, String, u64);

fn rows(list: &Value) -> BTreeSet<Row> {
    let text = |v: &Value, key: &str| v[key].as_str().unwrap_or_default().to_owned();
    list.as_array()
        .into_iter()
        .flatten()
        .map(|v| (text(v, "rule"), text(v, "path"), v["line"].as_u64().unwrap_or_default()))
        .collect()
}

pub fn corpus_check(dir: &str, findings: &str) -> ExitCode {
    report((|| {
        let expected = rows(&read_json(&format!("{dir}/expected.json"))?["violations"]);
        let found = rows(&read_json(findings)?["diagnostics"]);
        let missed = expected.difference(&found).count();
        let extra = found.difference(&expected).count();
        if missed + extra > 0 {
            return Err(format!(
                "findings differ from expected.json: {missed} missed, {extra} extra"
            ));
        }
        eprintln!("recall: all {} planted violations found, nothing else", expected.len());
        Ok(())
    })())
}

pub fn bench_row(args: &[&str]) -> ExitCode {
    let [generation, routes, corpus, cold, warm, rss @ ..] = args else {
        eprintln!("usage: {USAGE}");
        return ExitCode::from(2);
    };
    report((|| {
        let mut row = json!({
            "gen": generation,
            "routes": routes.parse::<u64>().map_err(|err| err.to_string())?,
            "files": read_json(&format!("{corpus}/expected.json"))?["stats"]["source_files"],
        });
        let names = ["floor", "cold", "cold_with_cache_write", "warm"];
        let rss: Result<Vec<u64>, _> = rss.iter().map(|kib| kib.parse::<u64>()).collect();
        let rss = rss.map_err(|err| format!("peak RSS: {err}"))?;
        row["rss_kib"] =
            names.iter().zip(rss).map(|(name, kib)| ((*name).to_owned(), json!(kib))).collect();
        for export in [cold, warm] {
            for result in read_json(export)?["results"].as_array().into_iter().flatten() {
                let command = result["command"].as_str().unwrap_or_default();
                row[command] = json!({ "median": result["median"], "min": result["min"], "max": result["max"] });
            }
        }
        println!("{row}");
        Ok(())
    })())
}

pub fn bench_table(results: &str) -> ExitCode {
    report((|| {
        let text = std::fs::read_to_string(results).map_err(|err| format!("{results}: {err}"))?;
        println!(
            "| corpus | files | parse floor ms | kosmo-lint cold ms | cold / floor | warm ms | warm / cold | oxlint ms | cold / oxlint | 1 thread: kosmo / floor | peak RSS MiB (floor, cold, cold+cache, warm) | µs per file (cold) |"
        );
        println!("|---|---|---|---|---|---|---|---|---|---|---|---|");
        for line in text.lines() {
            let row: Value = serde_json::from_str(line).map_err(|err| err.to_string())?;
            println!("{}", table_row(&row));
        }
        Ok(())
    })())
}

fn table_row(row: &Value) -> String {
    let median = |key: &str| row[key]["median"].as_f64();
    let time = |key: &str| {
        let ms = |field: &str| row[key][field].as_f64().unwrap_or_default() * 1000.0;
        median(key).map_or_else(
            || "–".to_owned(),
            |_| format!("{:.0} ({:.0}–{:.0})", ms("median"), ms("min"), ms("max")),
        )
    };
    let ratio = |a: &str, b: &str| match (median(a), median(b)) {
        (Some(a), Some(b)) => format!("{:.2}×", a / b),
        _ => "–".to_owned(),
    };
    let rss = ["floor", "cold", "cold_with_cache_write", "warm"]
        .map(|key| format!("{:.0}", row["rss_kib"][key].as_f64().unwrap_or_default() / 1024.0))
        .join(", ");
    let files = row["files"].as_f64().unwrap_or(1.0);
    format!(
        "| {} {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {rss} | {:.1} |",
        row["gen"].as_str().unwrap_or_default(),
        row["routes"],
        row["files"],
        time("floor"),
        time("cold"),
        ratio("cold", "floor"),
        time("warm"),
        ratio("warm", "cold"),
        time("oxlint"),
        ratio("cold", "oxlint"),
        ratio("cold-1-thread", "floor-1-thread"),
        median("cold").unwrap_or_default() * 1e6 / files,
    )
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    #[test]
    fn rows_compare_rule_path_and_line() {
        let expected = super::rows(
            &json!([{ "rule": "missing-preload", "path": "a.tsx", "line": 3, "detail": "…" }]),
        );
        let found = super::rows(
            &json!([{ "rule": "missing-preload", "path": "a.tsx", "line": 3, "column": 9 }]),
        );
        assert_eq!(expected, found);
        let shifted =
            super::rows(&json!([{ "rule": "missing-preload", "path": "a.tsx", "line": 4 }]));
        assert_ne!(expected, shifted);
    }

    #[test]
    fn a_table_row_gives_times_ratios_and_memory() {
        let timing = |median: f64| json!({ "median": median, "min": median, "max": median });
        let row = json!({
            "gen": "g5", "routes": 10, "files": 1000,
            "rss_kib": { "floor": 1024, "cold": 2048, "cold_with_cache_write": 3072, "warm": 3072 },
            "floor": timing(0.1), "cold": timing(0.2), "warm": timing(0.1),
        });
        assert_eq!(
            super::table_row(&row),
            "| g5 10 | 1000 | 100 (100–100) | 200 (200–200) | 2.00× | 100 (100–100) | 0.50× | – | – | – | 1, 2, 3, 3 | 200.0 |"
        );
    }
}
