//! The project's modules as the code imports them: what each import names (`resolve`), and
//! what an imported name holds, followed through the modules that define it (`graph`).

pub mod graph;
mod lookup;
pub mod resolve;
mod tsconfig;
