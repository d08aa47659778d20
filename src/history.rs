//! The append-only practice log: append, read, streaks.
