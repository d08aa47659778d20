//! The terminal: views, the loop, plain output and cues.
