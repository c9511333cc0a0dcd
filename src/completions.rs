//! `kosmo-lint completions <shell>`: `clap_complete`'s scripts, with its bash bug worked around.

use clap::CommandFactory;
use clap_complete::Shell;

use crate::args::Cli;

const BIN_NAME: &str = "kosmo-lint";

/// The completion script for `shell`.
pub fn script(shell: Shell) -> Vec<u8> {
    let mut command = Cli::command();
    // Generated into memory: clap_complete panics when its writer fails.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, BIN_NAME, &mut script);
    match shell {
        Shell::Bash => script = fix_bash_states(&script),
        Shell::Fish => complete_explain_in_fish(&mut script),
        _ => {}
    }
    script
}

/// `clap_complete`'s fish script completes options' values but not a positional's, so
/// `explain` would offer file names: it is told the rules.
fn complete_explain_in_fish(script: &mut Vec<u8>) {
    let command = Cli::command();
    let names = command
        .find_subcommand("explain")
        .and_then(|explain| explain.get_positionals().next())
        .map(|rule| rule.get_possible_values().iter().map(|v| v.get_name().to_owned()).collect());
    let names: Vec<String> = names.unwrap_or_default();
    script.extend_from_slice(
        format!(
            "complete -c {BIN_NAME} -n \"__fish_kosmo_lint_using_subcommand explain\" -f -a \"{}\"\n",
            names.join(" ")
        )
        .as_bytes(),
    );
}

/// `clap_complete`'s bash script names the state after `kosmo-lint check` as
/// `kosmo__lint__subcmd__check` where it tracks the words typed, but as
/// `kosmo__subcmd__lint__subcmd__check` in the arms that complete it, so nothing after a
/// subcommand completed (clap-rs/clap#6421, open in `clap_complete` 4.6.12). The arms are
/// renamed to the state the loop reaches; once `clap_complete` is fixed this changes nothing.
fn fix_bash_states(script: &[u8]) -> Vec<u8> {
    let tracked = BIN_NAME.replace('-', "__");
    let misspelled = BIN_NAME.replace('-', "__subcmd__");
    String::from_utf8_lossy(script).replace(&misspelled, &tracked).into_bytes()
}
