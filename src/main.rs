//! The `kosmo-lint` command line: argument parsing, wiring of the layers, exit codes.
//! 0: clean (or warnings only); 1: at least one error-severity finding; 2: the run could not
//! be done (bad arguments, missing path, not a KosmoJS project, internal error).

mod args;
mod check;
mod completions;
mod output;
mod project;
mod report;
mod routes;
mod rules;

use std::io::Write;
use std::process::ExitCode;

use crate::args::{Cli, ColorChoice, Command, Stream};

/// Exit code when the run itself failed.
pub(crate) const EXIT_RUN_FAILED: u8 = 2;

fn main() -> ExitCode {
    kosmo_lint_linter::install_panic_hook();
    let cli = match Cli::parse_ordered() {
        Ok(cli) => cli,
        Err(err) => {
            let _ = err.print();
            return ExitCode::from(if err.use_stderr() { EXIT_RUN_FAILED } else { 0 });
        }
    };
    // Run errors name paths (`…/package.json:3:21`): never wrap them across lines. A report
    // takes its handler when it is created, so the hook is set before anything else can fail.
    let color = cli.color.enabled(Stream::Stderr);
    let _ = miette::set_hook(Box::new(move |_| {
        Box::new(miette::MietteHandlerOpts::new().wrap_lines(false).color(color).build())
    }));
    // Every thread that parses gets the stack the nesting guard was measured against: the
    // pool's workers (walker threads hand their files to them) and the thread running the
    // command (fixes parse their result again).
    let stack = kosmo_lint_facts::PARSER_STACK_SIZE;
    let mut pool = rayon::ThreadPoolBuilder::new().stack_size(stack);
    if let Some(threads) = cli.threads {
        pool = pool.num_threads(threads.get());
    }
    if let Err(err) = pool.build_global() {
        eprintln!("kosmo-lint: cannot start the worker threads: {err}");
        return ExitCode::from(EXIT_RUN_FAILED);
    }
    let command =
        std::thread::Builder::new().stack_size(stack).spawn(move || run(&cli.command, cli.color));
    let result = match command.map(std::thread::JoinHandle::join) {
        Ok(Ok(result)) => result,
        Err(err) => Err(miette::miette!("cannot start the main thread: {err}")),
        // The panic hook has said what happened.
        Ok(Err(_)) => return ExitCode::from(EXIT_RUN_FAILED),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(report) => {
            let mut stderr = std::io::stderr().lock();
            let _ = writeln!(stderr, "{report:?}");
            ExitCode::from(EXIT_RUN_FAILED)
        }
    }
}

fn run(command: &Command, color: ColorChoice) -> Result<u8, miette::Report> {
    // The end-to-end test of a panic outside any file's analysis (debug builds only).
    #[cfg(debug_assertions)]
    #[expect(clippy::manual_assert, reason = "the panic is the point")]
    if std::env::var_os("KOSMO_LINT_TEST_PANIC").is_some_and(|value| value == "@command") {
        panic!("injected by KOSMO_LINT_TEST_PANIC");
    }
    match command {
        Command::Check(args) => check::run(args, color),
        Command::Routes(args) => routes::run(args),
        Command::Rules => rules::run(),
        Command::Explain { rule } => rules::explain(rule),
        Command::Config { path, config } => rules::config(path, config.as_deref()),
        Command::Lsp => kosmo_lint_lsp::serve_stdio().map(|()| 0).map_err(miette::Report::msg),
        Command::Completions { shell } => {
            output::write_stdout(&completions::script(*shell)).map(|()| 0)
        }
    }
}
