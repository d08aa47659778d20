//! Where someone is in a program, worked out from the history alone, so
//! that it follows a shared history directory to every machine.
//!
//! Two kinds of line count. Runs recorded with `program` and `stage`:
//! each completed one is a session of its stage. And moves
//! (`"kind":"program"`), written by `program next`, `back` and `restart`:
//! each says which stage comes next from its moment on. Only the latest
//! move matters; the stages before its `to` are done, and sessions count
//! from its `at`. Without a move, every run counts. The current stage is
//! then the first whose sessions are fewer than its `sessions`, or whose
//! last three check-ins say to stay ([`advice`]).

use serde::{Deserialize, Serialize};

use super::Program;
use crate::history::{Other, Record, Stamp};

/// The value of `"kind"` on a move's line.
pub const KIND: &str = "program";

/// How many of a stage's last check-ins the advice looks at, and the
/// average at or above which it offers staying on the stage.
pub const ADVICE_RATINGS: usize = 3;
pub const ADVICE_AVERAGE: f64 = 7.0;

/// What a move does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    /// On to the next stage, whatever the sessions say.
    Next,
    /// Back to the stage before, its sessions counted again from here.
    Back,
    /// Back to stage 1, every stage's sessions counted again.
    Restart,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Next => "next",
            Action::Back => "back",
            Action::Restart => "restart",
        }
    }
}

/// One move, as its line holds it:
/// `{"kind":"program","program":"flexion-program","action":"next","from":2,"to":3,"at":"…","machine":"…"}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Move {
    /// Always [`KIND`]; written so the line says what it is.
    pub kind: String,
    /// The program's id, as runs record it.
    pub program: String,
    pub action: Action,
    /// The stage it moved from, from 1; one past the last when the
    /// program was finished.
    pub from: u32,
    /// The stage it moved to, from 1; one past the last finishes the
    /// program. This, not `action`, is what the reader goes by.
    pub to: u32,
    /// When it was made: sessions of stage `to` and after count from here.
    pub at: Stamp,
    /// The machine it was made on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub machine: Option<String>,
}

impl Move {
    pub fn new(
        program: &str,
        action: Action,
        from: u32,
        to: u32,
        at: Stamp,
        machine: &str,
    ) -> Move {
        Move {
            kind: KIND.to_string(),
            program: program.to_string(),
            action,
            from,
            to,
            at,
            machine: Some(machine.to_string()),
        }
    }

    /// The order moves are replayed in: by time, then machine, action and
    /// stage, so that two machines that moved in the same instant still
    /// give every reader the same latest move.
    fn order(&self, other: &Move) -> std::cmp::Ordering {
        self.at
            .timestamp
            .cmp(&other.at.timestamp)
            .then_with(|| self.machine.cmp(&other.machine))
            .then(self.action.cmp(&other.action))
            .then(self.to.cmp(&other.to))
    }
}

/// The moves among the history's lines of other kinds, each that reads;
/// a move line that does not read is passed over, as an unknown kind is.
pub fn moves(other: &[Other]) -> Vec<Move> {
    other
        .iter()
        .filter(|o| o.kind == KIND)
        .filter_map(|o| serde_json::from_value::<Move>(o.value.clone()).ok())
        .filter(|m| m.to >= 1)
        .collect()
}

/// The move lines that [`moves`] passes over, each with why: a move typed
/// by hand with `"to":"b"`, `"to":0` or an `at` that is no time. Known
/// kind, so named rather than kept silently as a newer mobility's line is.
pub fn unreadable(other: &[Other]) -> Vec<(&Other, String)> {
    other
        .iter()
        .filter(|o| o.kind == KIND)
        .filter_map(|o| match serde_json::from_value::<Move>(o.value.clone()) {
            Err(e) => Some((o, format!("a program move that does not read: {e}"))),
            Ok(m) if m.to < 1 => Some((
                o,
                "a program move's `to` is 0; stages count from 1".to_string(),
            )),
            Ok(_) => None,
        })
        .collect()
}

/// Where someone is in one program.
#[derive(Debug, Clone, PartialEq)]
pub struct Position {
    /// The current stage, from 0; `stages.len()` when every stage is done.
    pub stage: usize,
    /// Completed sessions of each stage that count, in order.
    pub done: Vec<u32>,
    /// When the current stage's sessions are done but its last check-ins
    /// say to stay: their average.
    pub held: Option<f64>,
    /// The latest move, from which sessions count; the stages before its
    /// `to` are passed.
    pub since: Option<Move>,
}

impl Position {
    /// Whether every stage is done.
    pub fn finished(&self, program: &Program) -> bool {
        self.stage >= program.stages.len()
    }

    /// The session about to be run in the current stage, from 1.
    pub fn session(&self) -> u32 {
        self.done.get(self.stage).copied().unwrap_or(0) + 1
    }
}

/// Where someone is in `program`, from the runs and the moves of the
/// whole history (any program's: those of others are passed over).
pub fn position(program: &Program, runs: &[Record], moves: &[Move]) -> Position {
    let latest = moves
        .iter()
        .filter(|m| m.program == program.id)
        .max_by(|a, b| a.order(b));
    let since = latest.map(|m| m.at.timestamp);
    // A hand-typed `to` past the end finishes the program, no more.
    let floor = latest.map_or(0, |m| (m.to as usize - 1).min(program.stages.len()));
    let counted: Vec<&Record> = runs
        .iter()
        .filter(|r| r.completed && r.program.as_deref() == Some(program.id.as_str()))
        .filter(|r| since.is_none_or(|t| r.started_at.timestamp >= t))
        .collect();
    let done: Vec<u32> = (1..=program.stages.len())
        .map(|n| {
            let n = u32::try_from(n).unwrap_or(u32::MAX);
            let count = counted.iter().filter(|r| r.stage == Some(n)).count();
            u32::try_from(count).unwrap_or(u32::MAX)
        })
        .collect();
    let mut held = None;
    let stage = (floor..program.stages.len())
        .find(|&i| {
            if done[i] < program.stages[i].sessions {
                return true;
            }
            held = advice(&counted, i);
            held.is_some()
        })
        .unwrap_or(program.stages.len());
    Position {
        stage,
        done,
        held,
        since: latest.cloned(),
    }
}

/// The average of stage `index`'s last [`ADVICE_RATINGS`] check-ins (of
/// the runs that count), when there are that many and it is at least
/// [`ADVICE_AVERAGE`]: then staying is offered.
fn advice(counted: &[&Record], index: usize) -> Option<f64> {
    let n = u32::try_from(index + 1).ok()?;
    let ratings: Vec<u8> = counted
        .iter()
        .rev()
        .filter(|r| r.stage == Some(n))
        .filter_map(|r| r.checkin_after)
        .take(ADVICE_RATINGS)
        .collect();
    if ratings.len() < ADVICE_RATINGS {
        return None;
    }
    let average = ratings.iter().map(|&r| f64::from(r)).sum::<f64>() / ratings.len() as f64;
    (average >= ADVICE_AVERAGE).then_some(average)
}

/// The rule, as `program status` prints it.
pub fn rule() -> String {
    format!(
        "A stage moves on after its sessions are done, unless its last three check-ins (0 easy … 10 stiff or sore) average {ADVICE_AVERAGE:.0} or more: then it offers to stay, and `mobility program next` moves on anyway. This is a rule of thumb, not medical advice."
    )
}

#[cfg(test)]
mod tests;
