//! TOML -> raw structs -> validated Routine.
