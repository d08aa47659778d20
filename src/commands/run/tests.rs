use super::*;

const TTY: Terminals = Terminals {
    stdin: true,
    stdout: true,
};

fn args() -> RunArgs {
    RunArgs {
        routine: "wall-flexion".into(),
        plain: false,
        quiet: false,
        bell: false,
        voice: false,
        no_voice: false,
        lead_in: None,
    }
}

#[test]
fn with_no_flags_and_no_config_a_terminal_gets_the_full_screen_and_the_bell() {
    let s = RunSettings::resolve(&args(), &Config::default(), TTY, None);
    assert_eq!(
        s,
        RunSettings {
            plain: false,
            bell: true,
            voice: false,
            voice_command: None,
            lead_in: None,
        }
    );
}

#[test]
fn quiet_comes_from_the_flag_or_the_config() {
    let quiet = RunArgs {
        quiet: true,
        ..args()
    };
    assert!(!RunSettings::resolve(&quiet, &Config::default(), TTY, None).bell);
    let config = Config {
        quiet: Some(true),
        ..Config::default()
    };
    assert!(!RunSettings::resolve(&args(), &config, TTY, None).bell);
}

#[test]
fn bell_beats_quiet_in_the_config() {
    let config = Config {
        quiet: Some(true),
        ..Config::default()
    };
    let bell = RunArgs {
        bell: true,
        ..args()
    };
    assert!(RunSettings::resolve(&bell, &config, TTY, None).bell);
}

#[test]
fn the_bell_never_rings_into_a_pipe() {
    let bell = RunArgs {
        bell: true,
        ..args()
    };
    let piped = Terminals {
        stdin: true,
        stdout: false,
    };
    assert!(!RunSettings::resolve(&bell, &Config::default(), piped, None).bell);
    // Only stdout matters for the bell: a piped stdin still hears it.
    let stdin_piped = Terminals {
        stdin: false,
        stdout: true,
    };
    assert!(RunSettings::resolve(&bell, &Config::default(), stdin_piped, None).bell);
}

#[test]
fn voice_comes_from_the_flag_or_the_config() {
    let voice = RunArgs {
        voice: true,
        ..args()
    };
    assert!(RunSettings::resolve(&voice, &Config::default(), TTY, None).voice);
    let config = Config {
        voice: Some(true),
        voice_command: Some(vec!["say".into()]),
        ..Config::default()
    };
    let s = RunSettings::resolve(&args(), &config, TTY, None);
    assert!(s.voice);
    assert_eq!(s.voice_command, Some(vec!["say".to_string()]));
}

#[test]
fn no_voice_beats_voice_in_the_config() {
    let config = Config {
        voice: Some(true),
        ..Config::default()
    };
    let no_voice = RunArgs {
        no_voice: true,
        ..args()
    };
    assert!(!RunSettings::resolve(&no_voice, &config, TTY, None).voice);
}

#[test]
fn the_lead_in_flag_beats_the_config() {
    let config = Config {
        lead_in: Some(Duration::from_secs(5)),
        ..Config::default()
    };
    assert_eq!(
        RunSettings::resolve(&args(), &config, TTY, None).lead_in,
        Some(Duration::from_secs(5))
    );
    let flag = RunArgs {
        lead_in: Some(Duration::ZERO),
        ..args()
    };
    assert_eq!(
        RunSettings::resolve(&flag, &config, TTY, None).lead_in,
        Some(Duration::ZERO)
    );
}

#[test]
fn plain_when_asked_or_when_either_end_is_not_a_terminal() {
    let plain = RunArgs {
        plain: true,
        ..args()
    };
    assert!(RunSettings::resolve(&plain, &Config::default(), TTY, None).plain);
    for tty in [
        Terminals {
            stdin: false,
            stdout: true,
        },
        Terminals {
            stdin: true,
            stdout: false,
        },
    ] {
        assert!(RunSettings::resolve(&args(), &Config::default(), tty, None).plain);
    }
    assert!(!RunSettings::resolve(&args(), &Config::default(), TTY, None).plain);
}

#[test]
fn a_dumb_terminal_runs_plain_but_other_terminals_do_not() {
    let dumb = Some(OsStr::new("dumb"));
    assert!(RunSettings::resolve(&args(), &Config::default(), TTY, dumb).plain);
    let xterm = Some(OsStr::new("xterm-256color"));
    assert!(!RunSettings::resolve(&args(), &Config::default(), TTY, xterm).plain);
    assert!(!crate::commands::capable(true, dumb));
    assert!(crate::commands::capable(true, xterm));
    assert!(crate::commands::capable(true, None));
}
