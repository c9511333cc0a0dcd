//! One module per rule, named after the rule (`missing-preload` → `missing_preload`).

pub mod create_async_reuses_preload;
pub mod define_route_shape;
pub mod deprecated_router_api;
pub mod fetch_client_route_exists;
pub mod missing_preload;
pub mod no_bare_function_reference;
pub mod page_api_params_match;
pub mod prefetch_matches_query;
pub mod preload_generated_fetch;
pub mod preload_never_runs;
pub mod preload_no_await;
pub mod preload_query_cache;
pub mod query_name_unique;
pub mod response_type_declared;
pub mod route_name_matches_folder;
pub mod route_syntax;
pub mod unused_suppression;
pub mod use_loader_data;
