use super::*;
use crate::config::CheckinSetting;

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
fn with_no_flags_no_config_and_no_player_a_terminal_gets_the_full_screen_and_the_bell() {
    let s = RunSettings::resolve(&args(), &Config::default(), TTY, None, &Player::None);
    assert_eq!(
        s,
        RunSettings {
            plain: false,
            sound: SoundSetting::Bell,
            asked: SoundSetting::Tones,
            bell_ok: true,
            sound_note: None,
            voice: false,
            voice_command: None,
            lead_in: None,
            end_screen: config::END_SCREEN,
            asking: ui::Asking {
                before: false,
                after: true,
            },
        }
    );
}

#[test]
fn the_check_in_is_asked_after_by_default_before_and_after_or_never() {
    let asking = |checkin| {
        let config = Config {
            checkin,
            ..Config::default()
        };
        let s = RunSettings::resolve(&args(), &config, TTY, None, &Player::None);
        (s.asking.before, s.asking.after)
    };
    assert_eq!(asking(None), (false, true));
    assert_eq!(asking(Some(CheckinSetting::After)), (false, true));
    assert_eq!(asking(Some(CheckinSetting::BeforeAfter)), (true, true));
    assert_eq!(asking(Some(CheckinSetting::Off)), (false, false));
}

#[test]
fn the_end_screen_stays_ten_seconds_unless_the_config_says_otherwise() {
    let s = RunSettings::resolve(&args(), &Config::default(), TTY, None, &Player::None);
    assert_eq!(s.end_screen, Duration::from_secs(10));
    let config = Config {
        end_screen: Some(Duration::ZERO),
        ..Config::default()
    };
    let s = RunSettings::resolve(&args(), &config, TTY, None, &Player::None);
    assert_eq!(s.end_screen, Duration::ZERO);
}

#[test]
fn quiet_comes_from_the_flag_or_the_config() {
    let quiet = RunArgs {
        quiet: true,
        ..args()
    };
    assert_ne!(
        RunSettings::resolve(&quiet, &Config::default(), TTY, None, &Player::None).sound,
        SoundSetting::Bell
    );
    let config = Config {
        quiet: Some(true),
        ..Config::default()
    };
    assert_ne!(
        RunSettings::resolve(&args(), &config, TTY, None, &Player::None).sound,
        SoundSetting::Bell
    );
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
    assert_eq!(
        RunSettings::resolve(&bell, &config, TTY, None, &Player::None).sound,
        SoundSetting::Bell
    );
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
    assert_ne!(
        RunSettings::resolve(&bell, &Config::default(), piped, None, &Player::None).sound,
        SoundSetting::Bell
    );
    // Only stdout matters for the bell: a piped stdin still hears it.
    let stdin_piped = Terminals {
        stdin: false,
        stdout: true,
    };
    assert_eq!(
        RunSettings::resolve(&bell, &Config::default(), stdin_piped, None, &Player::None).sound,
        SoundSetting::Bell
    );
}

#[test]
fn voice_comes_from_the_flag_or_the_config() {
    let voice = RunArgs {
        voice: true,
        ..args()
    };
    assert!(RunSettings::resolve(&voice, &Config::default(), TTY, None, &Player::None).voice);
    let config = Config {
        voice: Some(true),
        voice_command: Some(vec!["say".into()]),
        ..Config::default()
    };
    let s = RunSettings::resolve(&args(), &config, TTY, None, &Player::None);
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
    assert!(!RunSettings::resolve(&no_voice, &config, TTY, None, &Player::None).voice);
}

#[test]
fn the_lead_in_flag_beats_the_config() {
    let config = Config {
        lead_in: Some(Duration::from_secs(5)),
        ..Config::default()
    };
    assert_eq!(
        RunSettings::resolve(&args(), &config, TTY, None, &Player::None).lead_in,
        Some(Duration::from_secs(5))
    );
    let flag = RunArgs {
        lead_in: Some(Duration::ZERO),
        ..args()
    };
    assert_eq!(
        RunSettings::resolve(&flag, &config, TTY, None, &Player::None).lead_in,
        Some(Duration::ZERO)
    );
}

#[test]
fn plain_when_asked_or_when_either_end_is_not_a_terminal() {
    let plain = RunArgs {
        plain: true,
        ..args()
    };
    assert!(RunSettings::resolve(&plain, &Config::default(), TTY, None, &Player::None).plain);
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
        assert!(RunSettings::resolve(&args(), &Config::default(), tty, None, &Player::None).plain);
    }
    assert!(!RunSettings::resolve(&args(), &Config::default(), TTY, None, &Player::None).plain);
}

#[test]
fn a_dumb_terminal_runs_plain_but_other_terminals_do_not() {
    let dumb = Some(OsStr::new("dumb"));
    assert!(RunSettings::resolve(&args(), &Config::default(), TTY, dumb, &Player::None).plain);
    let xterm = Some(OsStr::new("xterm-256color"));
    assert!(!RunSettings::resolve(&args(), &Config::default(), TTY, xterm, &Player::None).plain);
    assert!(!crate::style::capable(true, dumb));
    assert!(crate::style::capable(true, xterm));
    assert!(crate::style::capable(true, None));
}

fn player() -> Player {
    Player::Found(vec!["/usr/bin/paplay".into()])
}

/// The sound a run gets from `args`, `config` and the terminals.
fn sound(args: &RunArgs, config: &Config, tty: Terminals, player: &Player) -> SoundSetting {
    RunSettings::resolve(args, config, tty, None, player).sound
}

#[test]
fn tones_are_the_default_when_a_player_is_found_even_in_a_pipe() {
    let d = Config::default();
    assert_eq!(sound(&args(), &d, TTY, &player()), SoundSetting::Tones);
    let piped = Terminals {
        stdin: false,
        stdout: false,
    };
    assert_eq!(sound(&args(), &d, piped, &player()), SoundSetting::Tones);
    assert_eq!(sound(&args(), &d, piped, &Player::None), SoundSetting::Off);
}

#[test]
fn the_sound_setting_chooses_unless_a_flag_says_otherwise() {
    let config = |sound| Config {
        sound: Some(sound),
        ..Config::default()
    };
    let quiet = RunArgs {
        quiet: true,
        ..args()
    };
    let bell = RunArgs {
        bell: true,
        ..args()
    };
    for setting in [SoundSetting::Tones, SoundSetting::Bell, SoundSetting::Off] {
        assert_eq!(sound(&args(), &config(setting), TTY, &player()), setting);
        assert_eq!(
            sound(&quiet, &config(setting), TTY, &player()),
            SoundSetting::Off
        );
        assert_eq!(
            sound(&bell, &config(setting), TTY, &player()),
            SoundSetting::Bell
        );
    }
    // `sound` is newer and more precise than `quiet`.
    let both = Config {
        quiet: Some(true),
        ..config(SoundSetting::Tones)
    };
    assert_eq!(sound(&args(), &both, TTY, &player()), SoundSetting::Tones);
    let quiet_only = Config {
        quiet: Some(true),
        ..Config::default()
    };
    assert_eq!(
        sound(&args(), &quiet_only, TTY, &player()),
        SoundSetting::Off
    );
}

#[test]
fn tones_without_a_usable_player_fall_back_to_the_bell_on_a_terminal_only() {
    let tones = Config {
        sound: Some(SoundSetting::Tones),
        ..Config::default()
    };
    let unusable = Player::Unusable("nope".into());
    assert_eq!(sound(&args(), &tones, TTY, &unusable), SoundSetting::Bell);
    assert_eq!(
        sound(&args(), &tones, TTY, &Player::None),
        SoundSetting::Bell
    );
    let piped = Terminals {
        stdin: true,
        stdout: false,
    };
    assert_eq!(
        sound(&args(), &tones, piped, &Player::None),
        SoundSetting::Off
    );
}

#[test]
fn a_missing_player_is_said_only_when_tones_were_asked_for() {
    let note = |args: &RunArgs, config: &Config, player: &Player| {
        RunSettings::resolve(args, config, TTY, None, player).sound_note
    };
    let tones = Config {
        sound: Some(SoundSetting::Tones),
        ..Config::default()
    };
    let none = note(&args(), &tones, &Player::None).unwrap();
    assert!(none.starts_with("no sound player found ("), "{none}");
    // By default a machine without a player just gets the bell.
    assert_eq!(note(&args(), &Config::default(), &Player::None), None);
    let quiet = RunArgs {
        quiet: true,
        ..args()
    };
    assert_eq!(note(&quiet, &tones, &Player::None), None);
    let unusable = Player::Unusable("nope".into());
    let said = note(&args(), &Config::default(), &unusable).unwrap();
    assert!(
        said.starts_with("`sound_command` names `nope`, which is not"),
        "{said}"
    );
    let bell = RunArgs {
        bell: true,
        ..args()
    };
    assert_eq!(note(&bell, &Config::default(), &unusable), None);
    assert_eq!(note(&args(), &tones, &player()), None);
}

mod summary_line {
    use crate::session::{Status, Summary};
    use crate::ui::summary_line;
    use std::time::Duration;

    fn summary(status: Status, active: u64, skipped: usize) -> Summary {
        Summary {
            status,
            steps_total: 3,
            steps_done: 3,
            steps_skipped: skipped,
            active: Duration::from_secs(active),
            total: Duration::from_secs(112),
        }
    }

    #[test]
    fn a_run_seen_through_is_completed() {
        assert_eq!(
            summary_line("Wall", &summary(Status::Finished, 112, 0), None),
            "Completed Wall in 1:52."
        );
        assert_eq!(
            summary_line("Wall", &summary(Status::Finished, 95, 1), None),
            "Completed Wall in 1:35. Skipped 1 step."
        );
    }

    #[test]
    fn a_run_that_skipped_to_the_end_says_it_does_not_count() {
        assert_eq!(
            summary_line("Wall", &summary(Status::Finished, 1, 3), None),
            "Reached the end in 0:01, skipping 3 steps; not counted as done."
        );
        assert_eq!(
            summary_line("Wall", &summary(Status::Finished, 60, 0), None),
            "Reached the end in 1:00, under 80 % of 1:52; not counted as done."
        );
    }
}
