//! What of the repository tasks other code calls: the npm packing, which the test suite runs
//! on its own builds (see `tests/common/consumers.rs`).

pub mod npm;
