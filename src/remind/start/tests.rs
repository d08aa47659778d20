use super::*;

/// A lookup that finds only the programs `installed`, by their names.
fn only(installed: &'static [&'static str]) -> impl Fn(&str) -> Option<String> {
    move |program| installed.contains(&program).then(|| program.to_owned())
}

fn argv(words: &[&str]) -> Chosen<String> {
    let args = words[1..].iter().map(|w| (*w).to_owned()).collect();
    Chosen::Found(Terminal::Argv(words[0].to_owned(), args))
}

/// The program and its arguments, as one list of words.
fn words((program, args): (String, Vec<OsString>)) -> Vec<OsString> {
    std::iter::once(program.into()).chain(args).collect()
}

#[test]
fn the_configured_terminal_comes_first_when_it_is_installed() {
    let configured = vec!["foot".to_owned(), "--app-id".to_owned(), "m".to_owned()];
    let chosen = choose_terminal(
        Some(&configured),
        Some("kitty"),
        false,
        only(&["foot", "kitty"]),
    );
    assert_eq!(chosen, argv(&["foot", "--app-id", "m"]));
    // Not installed: said as such, and no other terminal is guessed.
    let chosen = choose_terminal(Some(&configured), Some("kitty"), false, only(&["kitty"]));
    assert_eq!(chosen, Chosen::ConfiguredMissing("foot".to_owned()));
}

#[test]
fn terminal_comes_second_with_dash_e() {
    let chosen = choose_terminal(None, Some("urxvt"), false, only(&["urxvt", "xterm"]));
    assert_eq!(chosen, argv(&["urxvt", "-e"]));
    // Only xdg-terminal-exec, the desktop's own choice, comes before it.
    let installed = only(&["urxvt", "xdg-terminal-exec"]);
    let chosen = choose_terminal(None, Some("urxvt"), false, installed);
    assert_eq!(chosen, argv(&["xdg-terminal-exec"]));
    // A TERMINAL that is not installed, or empty, is passed over.
    let chosen = choose_terminal(None, Some("urxvt"), false, only(&["xterm"]));
    assert_eq!(chosen, argv(&["xterm", "-e"]));
    let chosen = choose_terminal(None, Some(" "), false, only(&["xterm"]));
    assert_eq!(chosen, argv(&["xterm", "-e"]));
}

#[test]
fn the_list_is_tried_in_order_with_each_terminals_own_arguments() {
    let cases: &[(&[&str], &[&str])] = &[
        (&["xterm", "xdg-terminal-exec"], &["xdg-terminal-exec"]),
        (&["xterm", "gnome-terminal"], &["gnome-terminal", "--"]),
        (&["foot", "wezterm"], &["wezterm", "start", "--"]),
        (&["xterm", "kitty", "alacritty"], &["kitty"]),
        (
            &["xterm", "x-terminal-emulator"],
            &["x-terminal-emulator", "-e"],
        ),
        (&["xterm"], &["xterm", "-e"]),
    ];
    for (installed, expected) in cases {
        let chosen = choose_terminal(None, None, false, |p| {
            installed.contains(&p).then(|| p.to_owned())
        });
        assert_eq!(chosen, argv(expected), "with {installed:?}");
    }
    assert_eq!(
        choose_terminal(None, None, false, only(&[])),
        Chosen::NoneFound
    );
}

#[test]
fn on_macos_terminal_is_asked_through_osascript() {
    assert_eq!(
        choose_terminal(None, None, true, only(&["osascript"])),
        Chosen::Found(Terminal::MacTerminal("osascript".to_owned()))
    );
    assert_eq!(
        choose_terminal(None, None, true, only(&[])),
        Chosen::NoneFound,
        "without osascript, nothing"
    );
    // A terminal of the list, installed on the Mac, is still preferred.
    assert_eq!(
        choose_terminal(None, None, true, only(&["kitty", "osascript"])),
        argv(&["kitty"])
    );
    let argv = words(open_argv(
        Terminal::MacTerminal("osascript".to_owned()),
        &[
            "/Applications/mo bility".into(),
            "run".into(),
            "--".into(),
            "it's \"x\"".into(),
        ],
    ));
    assert_eq!(argv[0], "osascript");
    assert_eq!(
        argv[2],
        r#"tell application "Terminal" to do script "'/Applications/mo bility' run -- 'it'\\''s \"x\"'""#
    );
}

#[test]
fn the_command_goes_last_one_word_per_argument() {
    let command = run_command(
        Path::new("/usr/bin/mobility"),
        &[PathBuf::from("/tmp/my routines")],
        "-rf",
    );
    let argv = words(open_argv(
        Terminal::Argv("konsole".to_owned(), vec!["-e".into()]),
        &command,
    ));
    assert_eq!(
        argv,
        [
            "konsole",
            "-e",
            "/usr/bin/mobility",
            "--routines-dir=/tmp/my routines",
            "run",
            "--",
            "-rf"
        ]
    );
}

#[test]
fn a_routines_dir_is_one_absolute_word_even_when_it_starts_with_a_dash() {
    let command = run_command(
        Path::new("/usr/bin/mobility"),
        &[PathBuf::from("-drills")],
        "quick",
    );
    let cwd = std::env::current_dir().unwrap();
    assert_eq!(
        command,
        [
            OsString::from("/usr/bin/mobility"),
            format!("--routines-dir={}", cwd.join("-drills").display()).into(),
            "run".into(),
            "--".into(),
            "quick".into(),
        ]
    );
}
