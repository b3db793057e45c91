//! The `fahras` binary: parse arguments, run, map the outcome to an exit
//! status (0 found/done, 1 nothing found or records rejected, 2 error).

use std::process::ExitCode;

mod cli;

use clap::Parser;
use fahras::Error;

use crate::cli::{Cli, Outcome};

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
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
            let _ = writeln!(std::io::stderr(), "fahras: {e}");
            ExitCode::from(2)
        }
    }
}
