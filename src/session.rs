//! The session engine: plans a routine into phases and steps through them.
//! It does no I/O and never sleeps.

pub mod engine;
pub mod plan;

pub use engine::{Action, Engine, Event, Status, Summary};
pub use plan::{Phase, PhaseKind, Plan};
