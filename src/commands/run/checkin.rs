//! The check-in's side of `run`: when to ask, the ratings the end screen's
//! line is made from, and the answer written after the run's record.

use jiff::ZonedDateTime;

use super::Context;
use crate::config::CheckinSetting;
use crate::error::{Error, Result};
use crate::history::{self, Record};
use crate::ui;

/// When to ask, from `checkin` in `[run]`.
pub(super) fn asking(setting: CheckinSetting) -> ui::Asking {
    ui::Asking {
        before: setting == CheckinSetting::BeforeAfter,
        after: setting != CheckinSetting::Off,
    }
}

/// Today's ratings, this week's and those of the week four weeks before
/// it, as sums and counts (every routine's: the question is about the
/// back, not the routine).
pub(super) fn ratings_note(records: &[Record], now: &ZonedDateTime) -> ui::RatingsNote {
    let monday = history::trend::week_start(now.date());
    let four_before = monday.checked_sub(jiff::Span::new().weeks(4)).ok();
    let mut note = ui::RatingsNote::default();
    for record in records {
        let Some(rating) = record.checkin_after else {
            continue;
        };
        let day = record.started_at.in_zone(now.time_zone()).date();
        let add = |(sum, n): &mut (u32, u32)| {
            *sum += u32::from(rating);
            *n += 1;
        };
        if day == now.date() {
            add(&mut note.today);
        }
        let week = history::trend::week_start(day);
        if week == monday {
            add(&mut note.week);
        } else if Some(week) == four_before {
            add(&mut note.four_weeks_ago);
        }
    }
    note
}

/// Appends the answer after the run's record, as an amendment that names
/// it. A failure is exit 2, and says the run itself is recorded.
pub(super) fn append_answer(
    ctx: &Context,
    store: &history::Store,
    run: &Record,
    rating: u8,
) -> Result<()> {
    let amendment = history::Checkin::for_run(run, (&ctx.now()).into(), rating);
    let path = &store.own_file();
    history::append_checkin(path, &amendment).map_err(|e| {
        Error::Other(format!(
            "the check-in ({rating}) was not recorded, though the run was: cannot write `{}`: {}",
            crate::text::path(path),
            crate::diagnostic::io_message(&e)
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::test_support::{at, run};

    #[test]
    fn the_note_counts_today_this_week_and_the_week_four_weeks_before() {
        // A Wednesday; this week began on Monday the 30th.
        let now = at("2026-12-02T20:00", "Europe/Berlin");
        let rated = |civil: &str, rating| {
            let mut r = run("wall", &at(civil, "Europe/Berlin"), true);
            r.checkin_after = Some(rating);
            r
        };
        let records = [
            rated("2026-11-02T08:00", 6), // four weeks before this week
            rated("2026-11-08T08:00", 5), // its Sunday
            rated("2026-11-09T08:00", 9), // three weeks before: not shown
            rated("2026-11-29T23:30", 8), // last Sunday, late
            rated("2026-11-30T07:00", 4), // this Monday
            rated("2026-12-02T07:00", 2), // today
            run("wall", &at("2026-12-02T08:00", "Europe/Berlin"), true), // not rated
        ];
        let note = ratings_note(&records, &now);
        assert_eq!(note.today, (2, 1));
        assert_eq!(note.week, (6, 2));
        assert_eq!(note.four_weeks_ago, (11, 2));
    }
}
