//! Command-line arguments (clap derive).

use std::num::NonZeroUsize;
use std::path::PathBuf;

use clap::{ArgMatches, Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use kosmo_lint_core::config::RuleLevel;

#[derive(Debug, Parser)]
#[command(
    name = "kosmo-lint",
    version,
    about = "A fast linter for KosmoJS projects: preload patterns, fetch clients and route types, checked across files",
    after_help = "Examples:\n  kosmo-lint check                      lint the current folder (its project is found above it)\n  kosmo-lint check examples/shop        lint a project by path\n  kosmo-lint check src/app/pages/cart   lint one folder (the whole route tree is still loaded)\n  kosmo-lint check --format json .      machine-readable findings\n  kosmo-lint check --fix                apply safe fixes (--diff: only show them)\n  kosmo-lint routes examples/seed-app   print the route tree\n\nExit codes: 0 no errors, 1 errors found, 2 the run could not be done."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Worker threads for walking and parsing (default: one per core).
    #[arg(long, global = true, value_name = "N")]
    pub threads: Option<NonZeroUsize>,
}

impl Cli {
    /// Parses the command line; `check`'s rule flags are gathered in the order given.
    pub fn parse_ordered() -> Result<Self, clap::Error> {
        let matches = Self::command().try_get_matches()?;
        let mut cli = Self::from_arg_matches(&matches)?;
        if let (Command::Check(args), Some(check)) =
            (&mut cli.command, matches.subcommand_matches("check"))
        {
            args.rule_flags = rule_flags(check);
        }
        Ok(cli)
    }
}

/// `-A x -W y --deny=z` as (level, rule) in command-line order: clap keeps each flag's
/// values apart, but later flags must win.
fn rule_flags(matches: &ArgMatches) -> Vec<(RuleLevel, String)> {
    let mut flags = Vec::new();
    for (id, level) in
        [("allow", RuleLevel::Off), ("warn", RuleLevel::Warn), ("deny", RuleLevel::Error)]
    {
        if let (Some(indices), Some(values)) =
            (matches.indices_of(id), matches.get_many::<String>(id))
        {
            flags.extend(indices.zip(values).map(|(index, rule)| (index, level, rule.clone())));
        }
    }
    flags.sort_by_key(|(index, ..)| *index);
    flags.into_iter().map(|(_, level, rule)| (level, rule)).collect()
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Lint files of a KosmoJS project.
    #[command(
        after_help = "Examples:\n  kosmo-lint check\n  kosmo-lint check examples/shop --format json\n  kosmo-lint check --fix     apply safe fixes, then report what remains\n  kosmo-lint check --diff    show what --fix would change, write nothing"
    )]
    Check(CheckArgs),
    /// Print the project's route tree: source folders, API routes, pages and layouts.
    #[command(
        after_help = "Examples:\n  kosmo-lint routes examples/shop\n  kosmo-lint routes . --format json"
    )]
    Routes(RoutesArgs),
    /// List the rules with their default severity and fixability.
    Rules,
    /// Print a rule's documentation.
    #[command(after_help = "Example:\n  kosmo-lint explain missing-preload")]
    Explain {
        /// The rule's name, as `kosmo-lint rules` lists it.
        rule: String,
    },
    /// Print the effective configuration for a path: each rule's level and the ignore
    /// patterns, after `kosmo-lint.json` (or package.json's "kosmo-lint") and its `extends`.
    Config {
        #[arg(value_name = "PATH", default_value = ".")]
        path: PathBuf,
        /// Use this configuration file instead of looking for one.
        #[arg(short = 'c', long = "config", value_name = "FILE")]
        config: Option<PathBuf>,
    },
    /// Print a shell completion script.
    #[command(
        after_help = "Example:\n  kosmo-lint completions bash > /etc/bash_completion.d/kosmo-lint"
    )]
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

#[derive(Debug, Args)]
#[expect(clippy::struct_excessive_bools, reason = "one field per command-line flag")]
pub struct CheckArgs {
    /// Files or folders to lint; their project is found by walking up to a package.json
    /// that depends on KosmoJS.
    #[arg(value_name = "PATH", default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Pretty)]
    pub format: Format,
    /// Apply safe fixes, then report what remains.
    #[arg(long)]
    pub fix: bool,
    /// With --fix or --diff, also apply fixes marked unsafe (they may change behaviour).
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Print a unified diff of what --fix would change and write nothing; exit 1 when there
    /// is something to change.
    #[arg(long, conflicts_with = "fix")]
    pub diff: bool,
    /// Read every file and write no fact cache (`.kosmo-lint-cache/` in the project).
    #[arg(long)]
    pub no_cache: bool,
    /// Lint the text on stdin as the file at this path (which need not exist), with the rest
    /// of its project from disk, as an editor's unsaved buffer. With --fix, the fixed text
    /// goes to stdout and the report to stderr.
    #[arg(long, value_name = "PATH", conflicts_with = "paths")]
    pub stdin_filename: Option<PathBuf>,
    /// Write the report in --format to FILE (its folder is created) and print the pretty
    /// report as well, so that CI can upload one and its log still shows the findings.
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output_file: Option<PathBuf>,
    /// Use this configuration file instead of looking for `kosmo-lint.json`.
    #[arg(short = 'c', long = "config", value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Turn a rule (or `all`) off for this run. -A/-W/-D apply in order; later ones win.
    #[arg(short = 'A', long = "allow", value_name = "RULE")]
    pub allow: Vec<String>,
    /// Report a rule (or `all`) as a warning for this run.
    #[arg(short = 'W', long = "warn", value_name = "RULE")]
    pub warn: Vec<String>,
    /// Report a rule (or `all`) as an error for this run.
    #[arg(short = 'D', long = "deny", value_name = "RULE")]
    pub deny: Vec<String>,
    /// `-A`/`-W`/`-D` in the order given (filled by [`Cli::parse_ordered`]).
    #[arg(skip)]
    pub rule_flags: Vec<(RuleLevel, String)>,
    /// Report errors only (warnings are still counted, for the summary and --max-warnings).
    #[arg(long)]
    pub quiet: bool,
    /// Exit with 1 when there are more than N warnings.
    #[arg(long, value_name = "N")]
    pub max_warnings: Option<usize>,
}

#[derive(Debug, Args)]
pub struct RoutesArgs {
    /// A file or folder inside the project.
    #[arg(value_name = "PATH", default_value = ".")]
    pub path: PathBuf,
    /// Read every file and write no fact cache.
    #[arg(long)]
    pub no_cache: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TreeFormat::Pretty)]
    pub format: TreeFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Human-readable reports (miette).
    Pretty,
    /// One JSON document on stdout.
    Json,
    /// GitHub Actions workflow commands (annotations on the pull request).
    Github,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// JUnit XML, for GitLab and Jenkins test reports.
    Junit,
}

/// How `routes` prints the tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TreeFormat {
    /// An outline for people.
    Pretty,
    /// One JSON document on stdout.
    Json,
}

#[cfg(test)]
mod tests {
    use clap::{CommandFactory, FromArgMatches};
    use kosmo_lint_core::config::RuleLevel;

    use super::{Cli, Command};

    #[test]
    fn rule_flags_keep_their_order() {
        let command_line = [
            "kosmo-lint",
            "check",
            "-A",
            "all",
            "-D",
            "missing-preload",
            "--warn=x",
            "-Wy",
            "--",
            "-A",
        ];
        let matches = Cli::command().try_get_matches_from(command_line).unwrap();
        let Some(check) = matches.subcommand_matches("check") else { panic!("check") };
        assert_eq!(
            super::rule_flags(check),
            [
                (RuleLevel::Off, "all".to_owned()),
                (RuleLevel::Error, "missing-preload".to_owned()),
                (RuleLevel::Warn, "x".to_owned()),
                (RuleLevel::Warn, "y".to_owned()),
            ]
        );
        let Command::Check(args) = Cli::from_arg_matches(&matches).unwrap().command else {
            panic!("check")
        };
        assert_eq!(args.paths, [std::path::PathBuf::from("-A")]);
    }
}
