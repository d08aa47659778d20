use super::*;
use crate::routine::parse::parse_str;
use std::collections::HashMap;

fn routine(src: &str) -> Routine {
    parse_str(src, "t".into(), "t").unwrap()
}

/// Everything the voice says as each phase starts, in order.
fn announcements(src: &str) -> Vec<String> {
    let r = routine(src);
    let plan = Plan::new(&r);
    (0..plan.phases().len())
        .flat_map(|index| announcement(&r, &plan, index))
        .collect()
}

#[test]
fn the_voice_says_each_step_side_phase_rest_and_the_last_rep() {
    let step = "[[step]]\nname = \"Peel\"\ncue = \"c\"\nreps = 2\nrest = \"1s\"\nsides = [\"left\", \"right\"]\n\
        [[step.phase]]\nname = \"Round down\"\ntime = \"1s\"\nsay = \"Round down, head first\"\n\
        [[step.phase]]\nname = \"Roll up\"\ntime = \"1s\"\n";
    // "last one" is said in the rest before the last rep.
    let per_side = |side: &str| {
        vec![
            "Round down, head first".to_string(),
            "Roll up".into(),
            "rest".into(),
            "last one".into(),
            "Round down, head first".into(),
            "Roll up".into(),
        ]
        .into_iter()
        .chain(std::iter::once(side.to_string()))
    };
    // With a countdown: the step and its side, then "switch sides" as
    // the later side's countdown starts.
    let with = announcements(&format!("title = \"T\"\nlead_in = \"3s\"\n{step}"));
    let mut expected = vec!["Peel, left side".to_string()];
    expected.extend(per_side("switch sides, right side"));
    expected.extend(per_side("").take(6));
    assert_eq!(with, expected);
    // Without one, the later side is still announced, as its first rep starts.
    let without = announcements(&format!("title = \"T\"\nlead_in = \"0s\"\n{step}"));
    let mut expected = vec!["Peel, left side".to_string()];
    expected.extend(per_side("switch sides, right side").take(6));
    expected.push("switch sides, right side".into());
    expected.extend(per_side("").take(6));
    assert_eq!(without, expected);
}

#[test]
fn without_a_rest_the_last_rep_starts_with_last_one() {
    let said = announcements(
        "title = \"T\"\nlead_in = \"0s\"\n[[step]]\nname = \"S\"\ncue = \"c\"\nreps = 2\n[[step.phase]]\nname = \"Down\"\ntime = \"1s\"\n",
    );
    assert_eq!(said, ["S", "Down", "Last one", "Down"]);
}

#[test]
fn the_end_is_said_with_its_time_in_words() {
    let words = |secs| spoken_time(Duration::from_secs(secs));
    assert_eq!(words(130), "2 minutes 10 seconds");
    assert_eq!(words(60), "1 minute");
    assert_eq!(words(1), "1 second");
    assert_eq!(words(0), "0 seconds");
    assert_eq!(words(3_725), "1 hour 2 minutes 5 seconds");
    assert_eq!(done_words(Duration::from_millis(400)), "Done");
    assert_eq!(
        done_words(Duration::from_secs(142)),
        "Done, 2 minutes 22 seconds"
    );
}

#[test]
fn every_text_a_run_can_say_is_rendered_once_in_the_order_needed() {
    let r = routine(include_str!("../../../../routines/wall-flexion.toml"));
    let plan = Plan::new(&r);
    let texts = texts(&r, &plan);
    assert_eq!(
        texts[..6],
        [
            "Set up against the wall",
            "3",
            "2",
            "1",
            "Heels a foot from the wall, pelvis and lower back on it",
            "Peel off the wall"
        ]
    );
    for needed in [
        "Upper abs draw in",
        "last one",
        "rest",
        "Place each segment back",
        "Done, 2 minutes 22 seconds",
    ] {
        assert_eq!(texts.iter().filter(|t| *t == needed).count(), 1, "{needed}");
    }
}

/// Lengths from a table, with 300 ms tones: a stand-in for rendered clips.
struct Table(HashMap<&'static str, u64>);

impl Lengths for Table {
    fn tone(&self, _: Sound) -> Option<Duration> {
        Some(Duration::from_millis(300))
    }
    fn words(&self, text: &str) -> Option<Duration> {
        Some(Duration::from_millis(*self.0.get(text).unwrap_or(&500)))
    }
}

const HOLD_STEP: &str = "title = \"T\"\nlead_in = \"0s\"\n[[step]]\nname = \"S\"\ncue = \"c\"\n\
    [[step.phase]]\nname = \"Hold\"\ntime = \"4s\"\nkind = \"hold\"\nsay = \"Hold, breathe out\"\n\
    [[step.phase.prompt]]\nat = \"1s 800ms\"\ntext = \"Lower back stays on the wall\"\n\
    [[step.phase]]\nname = \"Roll up\"\ntime = \"5s\"\n";

#[test]
fn words_that_do_not_fit_are_named_by_step_phase_and_seconds_over() {
    let r = routine(HOLD_STEP);
    // espeak-ng at rate 140: the step name, the say line, the prompt.
    let table = Table(HashMap::from([
        ("S", 400),
        ("Hold, breathe out", 1820),
        ("Lower back stays on the wall", 2190),
    ]));
    assert_eq!(
        misfits(&r, &table),
        [
            "step 1, Hold: the words take 2.5 s of its 4 s, and the prompt at 1.8 s would end 0.7 s into Roll up, so it is not said"
        ]
    );
    // Shorter words fit: nothing to say.
    let table = Table(HashMap::from([("Lower back stays on the wall", 1000)]));
    assert!(misfits(&r, &table).is_empty());
}

#[test]
fn words_longer_than_their_phase_say_how_far_they_run_into_the_next() {
    let r = routine(HOLD_STEP);
    let table = Table(HashMap::from([("Hold, breathe out", 4500), ("S", 0)]));
    let lines = misfits(&r, &table);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(
        lines[0].starts_with(
            "step 1, Hold: the words take 4.8 s of its 4 s, and they run 0.8 s into Roll up"
        ),
        "{lines:?}"
    );
}

#[test]
fn the_built_in_drills_fit_with_clips_as_long_as_espeak_ng_at_rate_140() {
    // Measured with `espeak-ng -s 140 -w`, rounded up to 10 ms.
    let table = Table(HashMap::from([
        ("Set up against the wall", 2050),
        (
            "Heels a foot from the wall, pelvis and lower back on it",
            4080,
        ),
        ("Peel off the wall", 1610),
        ("Round down, head first", 2300),
        ("Upper abs draw in", 1600),
        ("Hold, breathe out", 1820),
        ("Lower back on the wall", 1790),
        ("Roll back up, head last", 2370),
        ("Place each segment back", 2120),
        ("rest", 840),
        ("last one", 1180),
        ("Stand tall and breathe", 2080),
        ("Stand tall and breathe into the back of your ribs", 3390),
        ("3", 820),
        ("2", 840),
        ("1", 850),
    ]));
    let r = routine(include_str!("../../../../routines/wall-flexion.toml"));
    assert_eq!(misfits(&r, &table), Vec::<String>::new());
}
