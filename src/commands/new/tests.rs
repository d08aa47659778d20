use super::*;

#[test]
fn the_starter_parses_once_the_title_is_in() {
    let routine = parse::parse_str(&starter("hip-openers"), "hip-openers".into(), "starter")
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(routine.title, "hip openers");
    assert_eq!(routine.steps.len(), 2);
    assert_eq!(routine.steps[1].prompts[0].text, "Breathe out");
    let names: Vec<&str> = routine.steps[1].phases.iter().map(|p| &*p.name).collect();
    assert_eq!(names, ["Round down", "Hold", "Come back up"]);
    assert!(
        routine.steps[0].from_hold,
        "the starter shows both kinds of step"
    );
}

#[test]
fn the_title_is_the_only_placeholder() {
    assert_eq!(STARTER.matches("TITLE").count(), 1);
}
