//! The project's modules as the code imports them: what each import names.

mod lookup;
pub mod resolve;
mod tsconfig;
