//! The integration tests: one crate, so the library and its test helpers
//! are linked once. Each module is one area of the program; `common` holds
//! [`TestEnv`](common::TestEnv), the only place a test's environment is
//! made, and `pty` runs the program in a pseudo-terminal.

mod bus;
mod common;
mod pty;

mod ascii_locale;
mod calendar;
mod checkin;
mod dumb_terminal;
mod end_screen;
mod export;
mod eyes_shut;
mod figure;
mod first_steps;
mod forget;
mod found_programs;
mod fuzz_corpus;
mod habit;
mod help;
mod history;
mod hostile;
mod hostile_bytes;
mod hostile_links;
mod hostile_paths;
mod hostile_programs;
mod hostile_schedule;
mod lost_records;
mod manual;
mod messages;
mod notifications;
mod packaging;
mod programs;
mod properties;
mod reference;
mod routines;
mod run_plain;
mod run_pty;
mod schedule;
mod shipped_routines;
mod signals;
mod sound;
mod start_display;
mod status;
mod sync;
mod unusable_entries;
mod voice_fit;
