//! Every file and directory mobility uses, and where each came from.
