//! Every file in `routines/` loads, validates and is compiled in: the
//! built-in routines and programs, and the starter `mobility new` writes.

use mobility::routine::library::BUILT_IN;
use std::time::Duration;

use mobility::figure::{Figure, Pose};
use mobility::routine::RepKind;
use mobility::routine::parse::{is_program, parse_file, parse_str};

/// Not a built-in: the template `mobility new` fills in.
const STARTER: &str = "starter";

#[test]
fn every_shipped_routine_validates_and_is_built_in() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/routines");
    let mut ids = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let id = path.file_stem().unwrap().to_str().unwrap().to_string();
        if id == STARTER {
            continue;
        }
        ids.push(id.clone());
        // Programs are checked through the binary (tests/programs.rs):
        // their stages load through the library.
        if is_program(&std::fs::read_to_string(&path).unwrap()) {
            continue;
        }
        let routine = parse_file(&path, id.clone()).unwrap_or_else(|e| panic!("{e}"));
        let total = routine.total().as_secs();
        // The program's levels run from a short first one to slow ones,
        // each at most four minutes.
        assert!(
            (90..=240).contains(&total),
            "{id} takes {total}s, not a minute and a half to four minutes"
        );
        assert!(routine.steps.len() >= 3, "{id}: set-up, movement, closing");
        assert!(
            routine.steps[0].lead_in >= Duration::from_secs(8),
            "{id}: the first get ready leaves no time to get in place"
        );
        for step in &routine.steps {
            assert!(!step.from_hold, "{id}: {} says what to do", step.name);
        }
        // The drill is a movement: down, a hold, and back up to the start.
        let drill = &routine.steps[1];
        let kinds: Vec<RepKind> = drill.phases.iter().map(|p| p.kind).collect();
        assert_eq!(kinds, [RepKind::Move, RepKind::Hold, RepKind::Move], "{id}");
        assert!(drill.phases.iter().all(|p| p.say.is_some()), "{id}");
    }
    ids.sort();
    let built_in: Vec<&str> = BUILT_IN.iter().map(|(id, _)| *id).collect();
    assert_eq!(
        ids, built_in,
        "every file in routines/ but the starter must be listed in BUILT_IN"
    );
}

#[test]
fn the_starter_validates_with_a_title_filled_in() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/routines/starter.toml");
    let src = std::fs::read_to_string(path).unwrap();
    assert!(src.contains("title = \"TITLE\""), "the placeholder moved");
    parse_file(path.as_ref(), STARTER.into()).unwrap_or_else(|e| panic!("{e}"));
    parse_str(
        &src.replace("TITLE", "hip openers"),
        "hip-openers".into(),
        path,
    )
    .unwrap_or_else(|e| panic!("{e}"));
}

/// `text` with every commented-out key (`# sides = …`) turned on: the
/// lines that start `# `, then a lowercase name and ` = `.
fn uncommented(text: &str) -> String {
    text.lines()
        .map(|line| match line.strip_prefix("# ") {
            Some(rest)
                if rest.split_once(" = ").is_some_and(|(key, _)| {
                    !key.is_empty() && key.chars().all(|c| c.is_ascii_lowercase() || c == '_')
                }) =>
            {
                rest
            }
            _ => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_starter_with_its_commented_keys_turned_on_validates_with_a_figure() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/routines/starter.toml");
    let src = std::fs::read_to_string(path)
        .unwrap()
        .replace("TITLE", "hip openers");
    let on = uncommented(&src);
    for key in ["figure", "sides", "pose"] {
        assert!(
            on.lines().any(|l| l.starts_with(&format!("{key} = "))),
            "the starter has no commented-out `{key}`"
        );
    }
    let routine = parse_str(&on, "hip-openers".into(), path).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(routine.figure, Some(Figure::Wall));
    let drill = &routine.steps[1];
    assert_eq!(drill.figure, Some(Figure::Wall));
    assert_eq!(drill.sides, ["left", "right"]);
    let poses: Vec<Option<Pose>> = drill.phases.iter().map(|p| p.pose).collect();
    assert_eq!(poses, [Some(Pose::Rounded), None, Some(Pose::Upright)]);
    // Commented out, they change nothing.
    let off = parse_str(&src, "hip-openers".into(), path).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(off.figure, None);
    assert!(off.steps[1].phases.iter().all(|p| p.pose.is_none()));
}
