//! The command line is consistent: every `--format` is also `-f`, every "how many" is
//! `-n/--limit`, and every argument of every command has help text.

use clap::CommandFactory;
use newsgraph::cli::Cli;

#[test]
fn format_is_f_how_many_is_n_and_every_argument_is_explained() {
    let cli = Cli::command();
    let mut formats = 0;
    for cmd in cli.get_subcommands() {
        let name = cmd.get_name();
        for arg in cmd.get_arguments() {
            let id = arg.get_id().as_str();
            if id == "help" || id == "version" {
                continue;
            }
            let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
            assert!(!help.trim().is_empty(), "{name} {id}: no help text");
            if arg.get_long() == Some("format") {
                assert_eq!(arg.get_short(), Some('f'), "{name} --format is not -f");
                formats += 1;
            }
            if arg.get_short() == Some('n') {
                assert_eq!(arg.get_long(), Some("limit"), "{name} -n is not --limit");
            }
        }
    }
    assert!(formats >= 7, "only {formats} commands take --format");
    for name in ["stats", "top", "search"] {
        let cmd = cli.find_subcommand(name).unwrap();
        assert!(
            cmd.get_arguments().any(|a| a.get_short() == Some('n')),
            "{name} has no -n"
        );
    }
}
