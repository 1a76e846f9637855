//! The command line: clap definitions and printing only; the work is done by the engine.
