use super::*;

fn env(address: Option<&str>, runtime: Option<&str>, uid: Option<u32>) -> BusEnv {
    BusEnv {
        session_bus_address: address.map(str::to_owned),
        xdg_runtime_dir: runtime.map(PathBuf::from),
        uid,
    }
}

fn only(existing: &'static [&'static str]) -> impl Fn(&Path) -> bool {
    move |path| existing.iter().any(|e| Path::new(e) == path)
}

#[test]
fn a_set_address_is_used_as_it_is() {
    let choice = choose_bus(&env(Some("unix:path=/tmp/b"), None, None), only(&[]));
    assert_eq!(choice, BusChoice::FromEnv("unix:path=/tmp/b".into()));
    assert_eq!(choice.problem(), None);
}

#[test]
fn from_cron_the_bus_is_found_under_run_user() {
    let choice = choose_bus(&env(None, None, Some(1000)), only(&["/run/user/1000/bus"]));
    assert_eq!(choice, BusChoice::Socket("/run/user/1000/bus".into()));
    // An empty address is as good as none.
    let choice = choose_bus(
        &env(Some(""), None, Some(1000)),
        only(&["/run/user/1000/bus"]),
    );
    assert_eq!(choice, BusChoice::Socket("/run/user/1000/bus".into()));
}

#[test]
fn xdg_runtime_dir_is_checked_first() {
    let existing = only(&["/tmp/rt/bus", "/run/user/1000/bus"]);
    let choice = choose_bus(&env(None, Some("/tmp/rt"), Some(1000)), existing);
    assert_eq!(choice, BusChoice::Socket("/tmp/rt/bus".into()));
}

#[test]
fn a_bus_zbus_cannot_reach_says_how_to_fix_it() {
    let choice = choose_bus(
        &env(None, Some("/tmp/rt"), Some(1000)),
        only(&["/run/user/1000/bus"]),
    );
    assert_eq!(
        choice.problem().unwrap(),
        "the session bus is at /run/user/1000/bus but XDG_RUNTIME_DIR points to /tmp/rt/bus; \
         set DBUS_SESSION_BUS_ADDRESS=unix:path=/run/user/1000/bus (in the crontab, on a line of its own)"
    );
}

#[test]
fn no_bus_lists_the_places_checked() {
    let choice = choose_bus(&env(None, Some("/tmp/rt"), Some(1000)), only(&[]));
    assert_eq!(
        choice.problem().unwrap(),
        "no session bus found (checked /tmp/rt/bus, /run/user/1000/bus)"
    );
    let same = choose_bus(&env(None, Some("/run/user/1000"), Some(1000)), only(&[]));
    assert_eq!(
        same.problem().unwrap(),
        "no session bus found (checked /run/user/1000/bus)"
    );
    let nothing = choose_bus(&env(None, None, None), only(&[]));
    assert!(
        nothing
            .problem()
            .unwrap()
            .starts_with("no session bus found (DBUS_SESSION")
    );
}

#[test]
fn the_uid_is_the_one_that_owns_what_this_process_creates() {
    use std::os::unix::fs::MetadataExt;
    let file = tempfile::NamedTempFile::new().unwrap();
    let owner = file.as_file().metadata().unwrap().uid();
    assert_eq!(BusEnv::from_process().uid, Some(owner));
}

#[test]
fn slow_work_is_abandoned_after_the_timeout() {
    let start = std::time::Instant::now();
    let result = run_with_timeout(Duration::from_millis(50), || {
        std::thread::sleep(Duration::from_secs(5));
    });
    assert_eq!(result, None);
    assert!(start.elapsed() < Duration::from_secs(2));
    assert_eq!(run_with_timeout(Duration::from_secs(5), || 7), Some(7));
}

#[test]
fn markup_characters_reach_the_desktop_as_entities_after_escaping() {
    assert_eq!(
        for_desktop("Hips <b>&</b> back", 120),
        "Hips &lt;b&gt;&amp;&lt;/b&gt; back"
    );
    assert_eq!(
        for_desktop("Run: mobility run '/tmp/a&b.toml'", 120),
        "Run: mobility run '/tmp/a&amp;b.toml'"
    );
    assert_eq!(for_desktop("a\u{1b}[1m\nb", 120), "a\\u{1b}[1m\\nb");
    // The limit is on the text, before entities make it longer.
    assert_eq!(for_desktop("<<<<", 2), "&lt;&lt;…");
}

#[test]
fn errors_are_one_short_line() {
    assert_eq!(one_line("a\n  b\tc"), "a b c");
}

#[test]
fn a_hostile_xdg_runtime_dir_never_reaches_the_terminal_raw() {
    let hostile = "/tmp/\u{1b}]0;owned\u{7}\u{202e}";
    for existing in [&[][..], &["/run/user/1000/bus"][..]] {
        let found = |path: &Path| existing.iter().any(|e| Path::new(e) == path);
        let problem = choose_bus(&env(None, Some(hostile), Some(1000)), found)
            .problem()
            .unwrap();
        assert!(
            !problem.chars().any(crate::text::is_forbidden),
            "{problem:?}"
        );
        assert!(problem.contains("/tmp/\\u{1b}]0;owned"), "{problem:?}");
    }
}
