//! mobility: a guided routine timer for the command line.

pub mod cli;
pub mod error;
pub mod history;
pub mod paths;
pub mod remind;
pub mod routine;
pub mod session;
pub mod ui;
