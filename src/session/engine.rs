//! The state machine, driven by (now, action).
