//! The command-line interface: argument structs and command functions.

pub mod graph;
