//! Routine -> phases.
