//! `mtlint lsp`: the language server over standard input and output.

use mtlint::lsp;

use super::{EXIT_ERROR, EXIT_OK, print_error};

/// Runs the language server until the client asks it to exit or goes away.
pub fn run() -> u8 {
    let (connection, io_threads) = lsp_server::Connection::stdio();
    let served = lsp::serve(&connection);
    // The writer thread ends once every sender is dropped.
    drop(connection);
    let joined = io_threads.join();
    // A client that sent something other than the protocol (or whose pipe broke) ends the
    // reader thread with the reason.
    let failure = match (served, joined) {
        (Err(message), _) => message,
        (Ok(()), Err(e)) => format!("the connection to the client broke: {e}"),
        (Ok(()), Ok(())) => return EXIT_OK,
    };
    print_error(&format!("mtlint lsp: {failure}"));
    EXIT_ERROR
}
