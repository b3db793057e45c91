//! The `fahras` binary: parse arguments, run, map the outcome to an exit
//! status (0 found/done, 1 nothing found or records rejected, 2 error).

use std::process::ExitCode;

mod cli;

use clap::Parser;
use fahras::Error;

use crate::cli::{Cli, Outcome};

fn main() -> ExitCode {
    let cli = match Cli::try_parse_from(cli::excluded_words_as_values(std::env::args_os())) {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match cli::run(cli) {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::Partial) => ExitCode::from(1),
        // `fahras search ... | head` closes the pipe early: not an error.
        Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::BrokenPipe => {
            ExitCode::SUCCESS
        }
        Err(e) => {
            use std::io::Write as _;
            // An error may quote a file name or a record: shown, never obeyed.
            let message = format!("fahras: {e}");
            let _ = writeln!(std::io::stderr(), "{}", cli::printer::escape::visible(&message));
            ExitCode::from(2)
        }
    }
}
