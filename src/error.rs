//! The domain error type and its exit codes.
