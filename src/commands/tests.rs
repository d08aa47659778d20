use super::*;

/// The zone for a `TZ` value, and the warnings given on the way.
fn zone(tz: &str) -> (TimeZone, Vec<String>) {
    let mut warnings = Vec::new();
    let zone = local_zone(Some(OsStr::new(tz)), |w| warnings.push(w));
    (zone, warnings)
}

#[test]
fn a_tz_naming_a_device_or_a_directory_is_ignored_with_one_warning() {
    for tz in [":/dev/zero", "/dev/zero", "/tmp", ":/"] {
        let (_, warnings) = zone(tz);
        assert_eq!(warnings.len(), 1, "{tz}: {warnings:?}");
        assert!(warnings[0].starts_with("ignoring TZ="), "{warnings:?}");
        assert!(warnings[0].contains("using /etc/localtime"), "{warnings:?}");
    }
}

#[test]
fn a_tz_naming_a_fifo_is_ignored_without_blocking() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("zone");
    match std::process::Command::new("mkfifo").arg(&fifo).status() {
        Ok(s) if s.success() => {}
        _ => {
            eprintln!("skipped: mkfifo is not available here");
            return;
        }
    }
    // With nobody writing, reading this FIFO would block forever.
    let (_, warnings) = zone(fifo.to_str().unwrap());
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].contains("a FIFO (a named pipe)"),
        "{warnings:?}"
    );
}

#[test]
fn an_ordinary_tz_is_left_to_jiff_without_a_word() {
    for tz in [
        "UTC",
        "EST5EDT,M3.2.0,M11.1.0",
        "Europe/Paris",
        ":Europe/Paris",
    ] {
        let (_, warnings) = zone(tz);
        assert!(warnings.is_empty(), "{tz}: {warnings:?}");
    }
    let file = std::path::Path::new("/usr/share/zoneinfo/Europe/Paris");
    if file.is_file() {
        let (_, warnings) = zone(file.to_str().unwrap());
        assert!(warnings.is_empty(), "{warnings:?}");
    }
}

/// A time, written as RFC 3339.
pub(super) fn at(text: &str) -> Timestamp {
    text.parse().expect("an RFC 3339 time")
}

/// Records a run of `routine` started at `started` (RFC 3339), lasting two
/// minutes, in the context's own history.
pub(super) fn ran(ctx: &Context, routine: &str, started: &str, completed: bool) {
    let start = at(started).to_zoned_datetime(TimeZone::UTC);
    let end = at(started)
        .checked_add(jiff::SignedDuration::from_secs(120))
        .unwrap()
        .to_zoned_datetime(TimeZone::UTC);
    let record = Record {
        routine: routine.to_owned(),
        title: routine.to_owned(),
        started_at: (&start).into(),
        ended_at: (&end).into(),
        active_seconds: 120.0,
        completed,
        reached_end: completed,
        steps_done: if completed { 3 } else { 1 },
        steps_total: 3,
        steps_skipped: 0,
        machine: Some(ctx.paths.machine.name.clone()),
        checkin_before: None,
        checkin_after: None,
        program: None,
        stage: None,
    };
    crate::history::append(&ctx.history_store().own_file(), &record).unwrap();
}

/// A context over a fresh directory, the clock stopped at `now`.
pub(super) fn context(dir: &tempfile::TempDir, now: &str) -> Context {
    Context::fixed(dir.path(), Ok(Config::default()), at(now))
}

#[test]
fn the_clock_is_the_one_the_context_was_given() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = context(&dir, "2026-03-10T09:30:00Z");
    assert_eq!(ctx.now().timestamp(), at("2026-03-10T09:30:00Z"));
    assert_eq!(ctx.now().time_zone(), &TimeZone::UTC);
}

#[test]
fn a_config_with_problems_lends_the_defaults_and_refuses_the_strict() {
    let dir = tempfile::tempdir().unwrap();
    let problems = crate::config::parse_str("[run]\nvioce = true\n", "config.toml").unwrap_err();
    let ctx = Context::fixed(dir.path(), Err(problems), at("2026-03-10T09:30:00Z"));
    assert_eq!(ctx.config(), &Config::default());
    assert!(ctx.config_ignored());
    let err = ctx.strict_config().unwrap_err().to_string();
    assert!(err.contains("unknown key `vioce` in [run]"), "{err}");
    let ok = Config {
        within: Some(Duration::from_secs(3600)),
        ..Config::default()
    };
    let ctx = Context::fixed(dir.path(), Ok(ok.clone()), at("2026-03-10T09:30:00Z"));
    assert_eq!(ctx.strict_config().unwrap(), &ok);
    assert_eq!(ctx.config_problems(), None);
}

#[test]
fn the_config_places_the_history_and_names_the_machine() {
    let dir = tempfile::tempdir().unwrap();
    let config = Config {
        history_dir: Some(dir.path().join("sync")),
        machine: Some("desk".into()),
        ..Config::default()
    };
    let ctx = Context::fixed(dir.path(), Ok(config), at("2026-03-10T09:30:00Z"));
    assert_eq!(
        ctx.history_store().own_file(),
        dir.path().join("sync/history-desk.jsonl")
    );
    // A config with problems places nothing: the one file, and the host.
    let problems = crate::config::parse_str("x = 1\n", "c").unwrap_err();
    let ctx = Context::fixed(dir.path(), Err(problems), at("2026-03-10T09:30:00Z"));
    assert_eq!(
        ctx.history_store().own_file(),
        dir.path().join("state/mobility/history.jsonl")
    );
    assert_eq!(ctx.paths.machine.name, "test-machine");
}
