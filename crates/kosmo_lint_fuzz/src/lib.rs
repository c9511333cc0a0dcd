//! The fuzz targets of kosmo-lint, as plain functions: each takes arbitrary bytes and panics
//! when an invariant breaks. The AFL harness in `fuzz/` calls them on generated inputs; the
//! replay test (`tests/replay.rs`) calls them on the seed corpora and on every input a
//! campaign ever found (`fuzz/regressions/<target>/`), so a crash found once stays fixed.

mod seeds;
mod shop;
mod targets;

pub use seeds::seeds;
pub use targets::{SCRIPT_BLOCK_EXTENSIONS, Target};
