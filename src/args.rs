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
    /// When to colour the output. `auto`: on a terminal whose TERM is not `dumb`, unless
    /// `NO_COLOR` is set; `FORCE_COLOR` or `CLICOLOR_FORCE` force it.
    #[arg(long, global = true, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// Which stream a colour decision is for: `auto` asks whether that one is a terminal.
#[derive(Debug, Clone, Copy)]
pub enum Stream {
    Stdout,
    Stderr,
}

impl ColorChoice {
    /// Whether to colour what goes to `stream`. `auto` follows the conventions the
    /// `supports-color` crate implements (`NO_COLOR`, `FORCE_COLOR`, `CLICOLOR_FORCE`, `TERM=dumb`).
    pub fn enabled(self, stream: Stream) -> bool {
        match self {
            Self::Always => true,
            Self::Never => false,
            Self::Auto => supports_color::on_cached(match stream {
                Stream::Stdout => supports_color::Stream::Stdout,
                Stream::Stderr => supports_color::Stream::Stderr,
            })
            .is_some(),
        }
    }
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
        #[arg(value_parser = RuleName { all: false, builtin: true }, hide_possible_values = true)]
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
    /// Serve editors over the Language Server Protocol on stdin and stdout.
    #[command(after_help = "Editors start it themselves: see docs/editors.md.")]
    Lsp,
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
#[command(group = clap::ArgGroup::new("fix_or_diff").args(["fix", "diff"]))]
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
    #[arg(long, requires = "fix_or_diff")]
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
    #[arg(short = 'A', long = "allow", value_name = "RULE", value_parser = RuleName::FLAG, hide_possible_values = true)]
    pub allow: Vec<String>,
    /// Report a rule (or `all`) as a warning for this run.
    #[arg(short = 'W', long = "warn", value_name = "RULE", value_parser = RuleName::FLAG, hide_possible_values = true)]
    pub warn: Vec<String>,
    /// Report a rule (or `all`) as an error for this run.
    #[arg(short = 'D', long = "deny", value_name = "RULE", value_parser = RuleName::FLAG, hide_possible_values = true)]
    pub deny: Vec<String>,
    /// `-A`/`-W`/`-D` in the order given (filled by [`Cli::parse_ordered`]).
    #[arg(skip)]
    pub rule_flags: Vec<(RuleLevel, String)>,
    /// Report errors only (warnings are still counted, for the summary and --max-warnings).
    #[arg(short, long)]
    pub quiet: bool,
    /// Exit with 1 when there are more than N warnings.
    #[arg(long, value_name = "N")]
    pub max_warnings: Option<usize>,
}

/// A rule name. It accepts any text, so that an unknown name gets the configuration's own
/// error; it lists the rules so that shell completion offers them.
#[derive(Debug, Clone, Copy)]
struct RuleName {
    /// Offer `all` (`-A/-W/-D` take it).
    all: bool,
    /// Offer the rules kosmo-lint reports itself (documented, not configurable).
    builtin: bool,
}

impl RuleName {
    const FLAG: Self = Self { all: true, builtin: false };
}

impl clap::builder::TypedValueParser for RuleName {
    type Value = String;

    fn parse_ref(
        &self,
        command: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        clap::builder::StringValueParser::new().parse_ref(command, arg, value)
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        let builtin = kosmo_lint_linter::BUILTIN.iter().map(|meta| meta.name);
        let names = kosmo_lint_linter::rule_names()
            .chain(self.builtin.then_some(builtin).into_iter().flatten())
            .chain(self.all.then_some("all"));
        Some(Box::new(names.map(clap::builder::PossibleValue::new)))
    }
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
