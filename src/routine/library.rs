//! Built-in routines, user directories and id resolution.
