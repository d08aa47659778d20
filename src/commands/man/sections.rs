//! The manual's own sections, as plain text: the README's words, kept to
//! what a man page needs. `man.rs` turns them into roff. A paragraph
//! starting with two spaces is an example; one starting with `- ` is a list
//! of `TAG: text` items.

pub(super) const SECTIONS: &[(&str, &[&str])] = &[
    (
        "ROUTINE FORMAT",
        &[
            "A routine is one TOML file, named ID.toml, where ID uses lowercase letters, digits and -. A file may be at most 256 KiB, and must be UTF-8. Durations are strings such as \"30s\", \"1m 30s\" or \"500ms\"; a bare number is an error that says to add a unit. Unknown keys are errors that suggest the nearest known key, and every problem is reported with its line and column.",
            "The top of the file:",
            "- title: required; one line, at most 80 characters.\n- summary: one line about the routine.\n- tags, equipment: lists of short words, for list --tag.\n- lead_in: the get-ready countdown before each step; default \"3s\", \"0s\" turns it off.\n- figure: the picture of the movement beside the clock, \"wall\" (standing with your back to a wall) or \"chair\" (sitting with your back to a chair's back); every step's, unless a step sets its own. Without it there is no picture.",
            "Each [[step]] table is one step, in order (1 to 200 of them):",
            "- name: required; one line.\n- cue: required; what to do, as paragraphs (a blank line starts a new one).\n- hold: how long each rep is held. A step has either hold or phases.\n- reps: how many times; default 1.\n- rest: the pause between reps; default \"0s\".\n- sides: such as [\"left\", \"right\"]: every rep on each side in turn.\n- lead_in: this step's own get-ready countdown.\n- figure: this step's picture, \"wall\" or \"chair\"; it wins over the routine's.",
            "A step may instead be made of phases, each a [[step.phase]] table, run in order in every rep:",
            "- name: the phase's name, shown and spoken.\n- time: how long it lasts.\n- kind: move (getting into position) or hold (staying there).\n- say: what to say as the phase starts, when the voice is on.\n- pose: where the figure is at the end of the phase: \"upright\" (0, the whole back on the wall), \"rounded\" (1, rounded down to the bottom of the shoulder blades) or a number from 0 to 1. A move goes there, eased, from the pose before it; without pose, it goes to whichever end it is not at. A hold stays at its pose; without one it keeps the pose it starts in. Rounding goes from the top down, and the pelvis and lower back never move.",
            "A step may have timed prompts, each a [[step.prompt]] table:",
            "- at: when, from the start of every rep; less than the length of a rep.\n- text: the prompt, one line.",
            "  title = \"Wall thoracic flexion\"\n  lead_in = \"3s\"\n  figure = \"wall\"\n\n  [[step]]\n  name = \"Peel off the wall\"\n  cue = \"\"\"\n  Nod your chin toward your chest, then peel the upper back\n  away from the wall one segment at a time.\"\"\"\n  hold = \"8s\"\n  reps = 6\n  rest = \"5s\"\n\n  [[step.prompt]]\n  at = \"2s\"\n  text = \"Breathe out as you round\"",
            "Text may not hold control characters (other than newlines in a cue) or bidirectional override characters: a routine file can never drive the terminal it is shown on. mobility check lists every problem; mobility show --toml prints a routine back with every default spelled out.",
        ],
    ),
    (
        "CONFIGURATION",
        &[
            "The config file, $XDG_CONFIG_HOME/mobility/config.toml (by default ~/.config/mobility/config.toml), holds defaults. Every key is optional, and command-line flags win over the file.",
            "  [run]\n  sound = \"tones\"             # \"tones\", \"bell\" or \"off\" (override with --bell or --quiet)\n  sound_command = \"paplay\"    # the tone player; else the first of pw-play, paplay, aplay, afplay\n  quiet = false              # true: the older way to say sound = \"off\"\n  voice = false              # true: speak cues (override with --no-voice)\n  voice_command = \"espeak-ng -s 140\"   # or [\"espeak-ng\", \"-s\", \"140\"]\n  lead_in = \"5s\"             # every get-ready countdown (like --lead-in)\n  end_screen = \"10s\"         # how long the end screen stays; \"0s\" leaves at once\n\n  [remind]\n  within = \"12h\"              # the default --within of due and remind\n  snooze = \"15m\"              # how long the reminder's Snooze waits (like --snooze)\n  terminal = \"kitty\"          # the terminal its Start opens; or [\"gnome-terminal\", \"--\"]\n\n  [history]\n  history_dir = \"~/Sync/mobility\"  # a history directory kept in sync by a tool of your choice; absolute or ~/\n  machine = \"laptop\"          # this machine's name in it; the host name otherwise",
            "A problem in the file (an unknown key, a bad value) is an error for run, which exits 2 before it starts, and so it is for cron and schedule add, which would otherwise write down a reminder that reads a broken file every time it fires; status, which must never clutter a prompt, prints nothing and exits 2. Every other command warns in one line naming the file and goes on with the defaults, so that a typo never silences a reminder. mobility config check lists every problem with its line and column, mobility config show prints each setting and where it came from, and mobility config edit opens the file in your editor and checks it afterwards.",
        ],
    ),
    (
        "ENVIRONMENT",
        &[
            "- XDG_CONFIG_HOME: where the config file and your routines live; default ~/.config. A relative value is ignored with a warning.\n- XDG_STATE_HOME: where the history lives, unless there is a history directory; default ~/.local/state.\n- MOBILITY_HISTORY_DIR: a history directory, kept in sync between machines by a tool of your choice (mobility itself never talks to the network); it wins over history_dir in [history]. A relative value is ignored with a warning.\n- XDG_CACHE_HOME: where the tones are written; default ~/.cache.\n- VISUAL, EDITOR: the editor for edit, config edit, and new on a terminal, split as a shell would split it; else vi.\n- NO_COLOR: set and not empty, no colour with --color auto.\n- TZ: the time zone of streaks and of due.\n- XDG_RUNTIME_DIR, DBUS_SESSION_BUS_ADDRESS: where remind finds the session bus for desktop notifications.\n- TERMINAL: the terminal the reminder's Start button opens, unless terminal is set in [remind] or xdg-terminal-exec is installed.",
        ],
    ),
    (
        "FILES",
        &[
            "- ~/.config/mobility/config.toml: the config file.\n- ~/.config/mobility/routines/: your own routines, one ID.toml each; a routine here with a built-in's id takes its place.\n- ~/.local/state/mobility/history.jsonl: the history, one JSON record per run, when there is no history directory.\n- HISTORY_DIR/: the history directory, from MOBILITY_HISTORY_DIR or history_dir in [history].\n- HISTORY_DIR/history-MACHINE.jsonl: this machine's history in it, where MACHINE is machine in [history], else the host name. Each machine appends only to its own file; every history-*.jsonl there (conflict copies a sync tool made included) is read, and each run counted once. history --move-to DIR moves the single file in.\n- ~/.cache/mobility/sounds/: the tones, written once and rewritten when missing or changed.\n- ~/.config/systemd/user/mobility-remind-ROUTINE.service and .timer: a reminder that schedule add installed with systemd.\n- ~/Library/LaunchAgents/org.mobility.remind.ROUTINE.plist: one that it installed with launchd (macOS).\n- your crontab: one that it installed with cron, between the # BEGIN mobility and # END mobility lines.",
            "Routines with the same id are looked for in the --routines-dir directories in the order given, then your own directory, then the built-ins (wall-flexion and chair-flexion, compiled in). A name containing / or ending in .toml is a path. mobility paths prints every file and directory, and where each came from.",
        ],
    ),
    (
        "EXIT STATUS",
        &[
            "- 0: success: the routine completed; the files are valid; the routine is due.\n- 1: a \"no\": the run was quit early, or reached the end without counting as done; check, edit or config check found problems; due found the routine done; schedule remove found nothing to remove.\n- 2: trouble: bad usage, an unknown routine, an invalid routine, a config problem for run, cron or schedule add, a scheduler (crontab, systemctl, launchctl) that failed, a terminal that remind's Start could not open, an editor that failed, an unreadable file, a run that could not be recorded; status exits 2 on any problem, printing nothing.\n- 128 + n: a run ended by signal n (129 SIGHUP or a closed terminal, 130 SIGINT, 131 SIGQUIT, 138 SIGUSR1, 141 a closed pipe in plain mode, 142 SIGALRM, 143 SIGTERM, and so on for every signal that ends a program).",
        ],
    ),
    (
        "EXAMPLES",
        &[
            "Do the drill, guided, full screen:",
            "  mobility run wall-flexion",
            "One line per phase, for a screen reader or a log:",
            "  mobility run wall-flexion --plain",
            "Make your own routine from the built-in, change it, check it:",
            "  mobility new my-flexion --from wall-flexion\n  mobility edit my-flexion\n  mobility check",
            "Be reminded on weekdays at 10:30 and 15:00, by cron, a systemd timer or launchd:",
            "  mobility schedule add wall-flexion --at 10:30,15:00 --days weekdays",
            "The same, in a crontab kept by hand:",
            "  (crontab -l; mobility cron wall-flexion --at 10:30,15:00 --days weekdays) | crontab -",
            "The routine and the streak in tmux's status bar:",
            "  set -g status-right '#(mobility status) | %H:%M'",
            "The last 26 weeks at a glance, and every run as CSV or as a calendar:",
            "  mobility history --calendar\n  mobility history --export csv > runs.csv\n  mobility history --export ics > runs.ics",
            "Learn the movement before doing it: the start and end poses of each step, side by side:",
            "  mobility show wall-flexion --figure",
            "One history on every machine: share ~/Sync/mobility with Syncthing, then on each machine:",
            "  mobility history --move-to ~/Sync/mobility",
            "Install this manual:",
            "  mobility man --dir ~/.local/share/man/man1",
        ],
    ),
];
