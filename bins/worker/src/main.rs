//! `worker`: runs IGNY8's background jobs until SIGTERM/SIGINT. See README.md.

use signal_hook::consts::{SIGINT, SIGTERM};
use std::io::IsTerminal;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use tracing_subscriber::EnvFilter;
use worker::{Config, LogFormat};

fn main() -> ExitCode {
    let config = match Config::from_env() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("worker: {e}");
            return ExitCode::from(2);
        }
    };
    if let Err(e) = init_tracing(&config) {
        eprintln!("worker: {e}");
        return ExitCode::from(2);
    }
    // Job panics are caught and recorded on the task; log them through tracing (with their
    // location) instead of the default hook's bare stderr line.
    std::panic::set_hook(Box::new(|info| {
        let thread = std::thread::current()
            .name()
            .unwrap_or("unnamed")
            .to_owned();
        let location = info.location().map(|l| l.to_string()).unwrap_or_default();
        tracing::error!(%thread, %location, panic = %worker::runner::panic_message(info.payload()), "job or thread panicked");
    }));

    let stop = Arc::new(AtomicBool::new(false));
    for signal in [SIGTERM, SIGINT] {
        // Registered first, so it sees the flag before the second handler sets it: the first
        // signal only requests a graceful stop, a second one exits at once.
        let registered =
            signal_hook::flag::register_conditional_shutdown(signal, 130, stop.clone())
                .and_then(|_| signal_hook::flag::register(signal, stop.clone()));
        if let Err(e) = registered {
            tracing::error!(error = %e, "cannot install signal handlers");
            return ExitCode::FAILURE;
        }
    }

    match worker::run(&config, stop) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!(error = %e, "worker failed to start");
            ExitCode::FAILURE
        }
    }
}

fn init_tracing(config: &Config) -> Result<(), String> {
    let filter = EnvFilter::try_new(&config.log_filter)
        .map_err(|e| format!("RUST_LOG={:?} is invalid: {e}", config.log_filter))?;
    // `log_internal_errors(false)`: with stderr gone (a dead log pipe) tracing-subscriber would
    // otherwise `eprintln!` the write error, which panics, and inside the panic hook aborts.
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .with_thread_names(true)
        .log_internal_errors(false);
    let res = match config.log_format {
        LogFormat::Json => builder.json().try_init(),
        LogFormat::Pretty => builder.try_init(),
    };
    res.map_err(|e| format!("cannot install the log subscriber: {e}"))
}
