//! Programs at the command line: how `list` and `show` print them.

pub(crate) mod view;
