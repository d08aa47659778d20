use super::*;
use crate::text::human;

#[track_caller]
fn problem(src: &str) -> String {
    let e = parse_str(src, "config.toml").expect_err("expected an error");
    e.to_string()
}

#[test]
fn every_key_is_optional() {
    assert_eq!(parse_str("", "c").unwrap(), Config::default());
    assert_eq!(parse_str("[run]\n", "c").unwrap(), Config::default());
}

#[test]
fn all_keys_are_read() {
    let c = parse_str(
        "[run]\nquiet = true\nvoice = true\nvoice_command = \"espeak-ng -s 140\"\nlead_in = \"5s\"\n[remind]\nwithin = \"12h\"\n",
        "c",
    )
    .unwrap();
    assert_eq!(c.quiet, Some(true));
    assert_eq!(c.voice_command.unwrap(), ["espeak-ng", "-s", "140"]);
    assert_eq!(c.lead_in, Some(Duration::from_secs(5)));
    assert_eq!(c.within, Some(Duration::from_secs(12 * 3600)));
}

#[test]
fn a_voice_command_is_split_as_a_shell_would() {
    let c = parse_str(
        "[run]\nvoice_command = \"say -v 'Good News' -r 180\"\n",
        "c",
    )
    .unwrap();
    assert_eq!(
        c.voice_command.unwrap(),
        ["say", "-v", "Good News", "-r", "180"]
    );
    let c = parse_str("[run]\nvoice_command = 'espeak-ng -v \"en-us\"'\n", "c").unwrap();
    assert_eq!(c.voice_command.unwrap(), ["espeak-ng", "-v", "en-us"]);
}

#[test]
fn an_unclosed_quote_in_the_voice_command_points_at_the_value() {
    assert_eq!(
        problem("[run]\nvoice = true\nvoice_command = \"say -v 'Good News\"\n"),
        "config.toml:3:17: `voice_command` in [run] has a quote that is not closed; close it, or write the command as a list like `[\"say\", \"-v\", \"Good News\"]`"
    );
}

#[test]
fn a_voice_command_needs_a_program() {
    for value in [
        "\"  \"",
        "\"'' -s 140\"",
        "[]",
        "[\"say\", \"\"]",
        "[\"say\", 1]",
        "true",
    ] {
        let message = problem(&format!("[run]\nvoice_command = {value}\n"));
        assert!(
            message.contains("should be a program and its arguments"),
            "{value}: {message}"
        );
    }
}

#[test]
fn a_voice_command_may_be_a_list() {
    let c = parse_str("[run]\nvoice_command = [\"say\", \"-v\", \"Alex\"]\n", "c").unwrap();
    assert_eq!(c.voice_command.unwrap(), ["say", "-v", "Alex"]);
}

#[test]
fn an_unknown_key_points_at_its_line_and_suggests_the_nearest() {
    assert_eq!(
        problem("[run]\nquite = true\n"),
        "config.toml:2:1: unknown key `quite` in [run]; did you mean `quiet`?"
    );
    assert_eq!(
        problem("[remnd]\n"),
        "config.toml:1:2: unknown key `remnd`; did you mean `remind`?"
    );
}

#[test]
fn bad_values_point_at_the_value() {
    assert_eq!(
        problem("[remind]\nwithin = \"soon\"\n"),
        "config.toml:2:10: `within` in [remind]: `soon` is not a duration; write it like `\"5s\"`, `\"12h\"` or `\"1day\"`"
    );
    assert_eq!(
        problem("[run]\nquiet = \"yes\"\n"),
        "config.toml:2:9: `quiet` in [run] should be `true` or `false`, not a string"
    );
}

#[test]
fn sound_takes_tones_bell_or_off_and_suggests_the_nearest() {
    let sound = |v: &str| {
        parse_str(&format!("[run]\nsound = \"{v}\"\n"), "c")
            .unwrap()
            .sound
    };
    assert_eq!(sound("tones"), Some(SoundSetting::Tones));
    assert_eq!(sound("bell"), Some(SoundSetting::Bell));
    assert_eq!(sound("off"), Some(SoundSetting::Off));
    assert_eq!(
        problem("[run]\nsound = \"tone\"\n"),
        "config.toml:2:9: `sound` in [run]: `tone` is not a kind of sound; did you mean `tones`?"
    );
    assert_eq!(
        problem("[run]\nsound = \"loud\"\n"),
        "config.toml:2:9: `sound` in [run]: `loud` is not a kind of sound; write `\"tones\"`, `\"bell\"` or `\"off\"`"
    );
    assert_eq!(
        problem("[run]\nsond = \"off\"\n"),
        "config.toml:2:1: unknown key `sond` in [run]; did you mean `sound`?"
    );
}

#[test]
fn a_sound_command_is_split_like_the_voice_command() {
    let c = parse_str("[run]\nsound_command = \"paplay --volume 40000\"\n", "c").unwrap();
    assert_eq!(c.sound_command.unwrap(), ["paplay", "--volume", "40000"]);
    let c = parse_str(
        "[run]\nsound_command = [\"afplay\", \"-v\", \"0.5\"]\n",
        "c",
    )
    .unwrap();
    assert_eq!(c.sound_command.unwrap(), ["afplay", "-v", "0.5"]);
    assert_eq!(
        problem("[run]\nsound_command = []\n"),
        "config.toml:2:17: `sound_command` in [run] should be a program and its arguments, like `\"paplay --volume 40000\"` or `[\"paplay\", \"--volume\", \"40000\"]`"
    );
    assert!(
        problem("[run]\nsound_command = \"aplay 'x\"\n")
            .contains("`sound_command` in [run] has a quote that is not closed")
    );
}

#[test]
fn end_screen_is_a_duration_of_at_most_ten_minutes() {
    let c = parse_str("[run]\nend_screen = \"0s\"\n", "c").unwrap();
    assert_eq!(c.end_screen, Some(Duration::ZERO));
    let c = parse_str("[run]\nend_screen = \"30s\"\n", "c").unwrap();
    assert_eq!(c.end_screen, Some(Duration::from_secs(30)));
    assert_eq!(
        problem("[run]\nend_screen = \"soon\"\n"),
        "config.toml:2:14: `end_screen` in [run]: `soon` is not a duration; write it like `\"5s\"` or `\"1m 30s\"`"
    );
    assert_eq!(
        problem("[run]\nend_screen = \"1h\"\n"),
        "config.toml:2:14: `end_screen` in [run]: `1h` is longer than the 10m limit"
    );
    assert_eq!(
        problem("[run]\nend_scren = \"1s\"\n"),
        "config.toml:2:1: unknown key `end_scren` in [run]; did you mean `end_screen`?"
    );
}

#[test]
fn snooze_and_terminal_are_read_from_remind() {
    let c = parse_str(
        "[remind]\nsnooze = \"10m\"\nterminal = \"kitty --title 'Time to move'\"\n",
        "c",
    )
    .unwrap();
    assert_eq!(c.snooze, Some(Duration::from_secs(600)));
    assert_eq!(c.terminal.unwrap(), ["kitty", "--title", "Time to move"]);
    let c = parse_str("[remind]\nterminal = [\"gnome-terminal\", \"--\"]\n", "c").unwrap();
    assert_eq!(c.terminal.unwrap(), ["gnome-terminal", "--"]);
}

#[test]
fn a_bad_snooze_says_what_to_write() {
    assert_eq!(
        problem("[remind]\nsnooze = \"later\"\n"),
        "config.toml:2:10: `snooze` in [remind]: `later` is not a duration; write it like `\"5s\"`, `\"15m\"` or `\"12h\"`"
    );
    assert_eq!(
        problem("[remind]\nsnooze = \"0s\"\n"),
        "config.toml:2:10: `snooze` in [remind]: `0s` is shorter than the 1s minimum"
    );
    assert_eq!(
        problem("[remind]\nsnooze = \"1d\"\n"),
        "config.toml:2:10: `snooze` in [remind]: `1d` is longer than the 12h limit"
    );
}

#[test]
fn an_empty_terminal_is_an_error_naming_its_table() {
    assert_eq!(
        problem("[remind]\nterminal = \"\"\n"),
        "config.toml:2:12: `terminal` in [remind] should be a program and its arguments, like `\"kitty --single-instance\"` or `[\"gnome-terminal\", \"--\"]`"
    );
    assert_eq!(
        problem("[remind]\nterminal = []\n"),
        "config.toml:2:12: `terminal` in [remind] should be a program and its arguments, like `\"kitty --single-instance\"` or `[\"gnome-terminal\", \"--\"]`"
    );
    assert!(
        problem("[remind]\nterminal = \"xterm -T 'open\"\n")
            .contains("`terminal` in [remind] has a quote that is not closed")
    );
    assert_eq!(
        problem("[remind]\nterminl = \"xterm\"\n"),
        "config.toml:2:1: unknown key `terminl` in [remind]; did you mean `terminal`?"
    );
}

#[test]
fn history_takes_an_absolute_or_home_directory_and_a_machine_name() {
    let c = parse_str(
        "[history]\nhistory_dir = \"~/Sync/mobility\"\nmachine = \"desk-2\"\n",
        "c",
    )
    .unwrap();
    assert_eq!(c.machine.as_deref(), Some("desk-2"));
    assert_eq!(
        c.history_dir(Some(Path::new("/home/me"))),
        Some("/home/me/Sync/mobility".into())
    );
    assert_eq!(c.history_dir(None), None, "no home to put it under");
    let c = parse_str("[history]\nhistory_dir = \"/srv/sync\"\n", "c").unwrap();
    assert_eq!(c.history_dir(None), Some("/srv/sync".into()));
}

#[test]
fn history_problems_point_at_the_value_and_say_what_to_write() {
    let err = problem("[history]\nhistory_dir = \"Sync\"\n");
    assert!(
        err.starts_with(
            "config.toml:2:15: `history_dir` in [history]: `Sync` is not an absolute path"
        ),
        "{err}"
    );
    assert!(err.contains("start it with `~/`"), "{err}");
    let err = problem("[history]\nmachine = \"my desk\"\n");
    assert!(
        err.starts_with(
            "config.toml:2:11: `machine` in [history]: `my desk` may hold only letters"
        ),
        "{err}"
    );
    let err = problem("[history]\nmachine = \"\"\n");
    assert!(err.contains("is empty"), "{err}");
    let err = problem("[history]\nmachin = \"x\"\n");
    assert!(err.contains("did you mean `machine`?"), "{err}");
    let err = problem("[histroy]\n");
    assert!(err.contains("`history`"), "{err}");
}

#[test]
fn problems_come_in_the_order_of_their_lines_and_all_of_them() {
    let err =
        problem("[run]\nlead_in = \"x\"\nvoice = 3\nsound = \"y\"\n[remind]\nwithin = \"z\"\n");
    let lines: Vec<&str> = err.lines().map(|l| l.split(' ').next().unwrap()).collect();
    assert_eq!(
        lines,
        [
            "config.toml:2:11:",
            "config.toml:3:9:",
            "config.toml:4:9:",
            "config.toml:6:10:"
        ],
        "{err}"
    );
}

#[test]
fn a_value_of_the_wrong_type_is_named_with_its_article() {
    assert_eq!(
        problem("[run]\nvoice = [\"x\"]\n"),
        "config.toml:2:9: `voice` in [run] should be `true` or `false`, not an array"
    );
    assert_eq!(
        problem("[run]\nlead_in = 3\n"),
        "config.toml:2:11: `lead_in` in [run] should be text in quotes, not an integer"
    );
    assert_eq!(
        problem("run = \"x\"\n"),
        "config.toml:1:7: `run` should be a table, written as `[run]` with its keys below it, not a string"
    );
}

#[test]
fn a_key_written_in_the_wrong_table_says_where_it_belongs() {
    assert_eq!(
        problem("[remind]\nvoice = true\n"),
        "config.toml:2:1: unknown key `voice` in [remind]; `voice` belongs under `[run]`"
    );
    assert_eq!(
        problem("machine = \"desk\"\n"),
        "config.toml:1:1: unknown key `machine`; `machine` belongs under `[history]`"
    );
    // In its own table but written as a table of its own, it is a value
    // of the wrong type.
    assert_eq!(
        problem("[run.sound]\n"),
        "config.toml:1:1: `sound` in [run] should be text in quotes, not a table"
    );
}

#[test]
fn the_limits_in_messages_are_the_limits_enforced() {
    let at_most = human(END_SCREEN_MAX);
    let over = human(END_SCREEN_MAX + Duration::from_secs(1));
    let err = problem(&format!("[run]\nend_screen = \"{over}\"\n"));
    assert!(
        err.ends_with(&format!("is longer than the {at_most} limit")),
        "{err}"
    );
    let ok = parse_str(&format!("[run]\nend_screen = \"{at_most}\"\n"), "c").unwrap();
    assert_eq!(ok.end_screen, Some(END_SCREEN_MAX));
    let (low, high) = (human(SNOOZE_RANGE.0), human(SNOOZE_RANGE.1));
    let err = problem("[remind]\nsnooze = \"0s\"\n");
    assert!(
        err.ends_with(&format!("is shorter than the {low} minimum")),
        "{err}"
    );
    let err = problem(&format!(
        "[remind]\nsnooze = \"{}\"\n",
        human(SNOOZE_RANGE.1 + Duration::from_secs(1))
    ));
    assert!(
        err.ends_with(&format!("is longer than the {high} limit")),
        "{err}"
    );
}

#[test]
fn the_example_sets_every_setting_and_says_what_each_is_for() {
    let example = example();
    let config = parse_str(&example, "example").unwrap();
    for setting in SETTINGS {
        assert!(
            setting.shown(&config).is_some(),
            "the example does not set {}:\n{example}",
            setting.name()
        );
        assert!(example.contains(setting.help), "{}", setting.name());
    }
}

#[test]
fn the_reference_documents_every_setting() {
    // The reference page once it exists; until then the README holds it.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let page = root.join("docs/configuration.md");
    let page = if page.exists() {
        page
    } else {
        root.join("README.md")
    };
    let text = std::fs::read_to_string(&page).unwrap();
    for setting in SETTINGS {
        assert!(
            text.contains(&format!("{} = ", setting.key)),
            "{} does not document `{}`",
            page.display(),
            setting.name()
        );
    }
    for table in TABLES {
        assert!(text.contains(&format!("[{table}]")), "[{table}]");
    }
}

/// The values a message offers, in backticks and quotes: `"5s"`.
fn offered(message: &str) -> Vec<String> {
    message
        .split("`\"")
        .skip(1)
        .filter_map(|rest| rest.split_once("\"`").map(|(value, _)| value.to_owned()))
        .collect()
}

#[test]
fn a_duration_setting_offers_only_values_it_accepts() {
    use super::settings::{Kind, SETTINGS};
    for setting in SETTINGS {
        let Kind::Duration { .. } = setting.kind else {
            continue;
        };
        let (table, key) = (setting.table, setting.key);
        for wrong in ["soon", "5", "99999", "1.5"] {
            let message = problem(&format!("[{table}]\n{key} = \"{wrong}\"\n"));
            let values = offered(&message);
            assert!(!values.is_empty(), "{message}");
            for value in values {
                let src = format!("[{table}]\n{key} = \"{value}\"\n");
                assert!(
                    parse_str(&src, "config.toml").is_ok(),
                    "`{key} = \"{wrong}\"` offers `{value}`, which is refused: {message}"
                );
            }
        }
    }
}

#[test]
fn a_number_without_a_unit_is_told_to_add_one() {
    assert_eq!(
        problem("[run]\nlead_in = \"5\"\n"),
        "config.toml:2:11: `lead_in` in [run]: `5` has no unit; add one, as in `\"5s\"`"
    );
}

#[test]
fn a_typo_of_a_key_from_another_table_names_the_key_and_its_table() {
    assert_eq!(
        problem("Voice = true\n"),
        "config.toml:1:1: unknown key `Voice`; did you mean `voice`? It belongs under `[run]`"
    );
    assert_eq!(
        problem("[remind]\nvioce = true\n"),
        "config.toml:2:1: unknown key `vioce` in [remind]; did you mean `voice`? It belongs under `[run]`"
    );
    // A near key in the same table still comes first.
    assert_eq!(
        problem("[run]\nvioce = true\n"),
        "config.toml:2:1: unknown key `vioce` in [run]; did you mean `voice`?"
    );
}

#[test]
fn a_key_or_table_written_twice_is_named() {
    assert_eq!(
        problem("[run]\nvoice = true\nvoice = false\n"),
        "config.toml:3:1: `voice` appears twice in [run]; keep one"
    );
    assert_eq!(
        problem("[run]\nquiet = true\n[run]\nvoice = true\n"),
        "config.toml:3:2: the table `[run]` appears twice; put its keys under one"
    );
}
