use super::*;
use proptest::prelude::*;

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

fn words(list: &[(&str, u64)]) -> Vec<(String, Duration)> {
    list.iter().map(|(t, l)| (t.to_string(), ms(*l))).collect()
}

/// The wall drill's hold at espeak-ng's rate 140: a 4 s phase, a 300 ms
/// tone, "Hold, breathe out" (1.82 s), a prompt at 1.8 s.
fn hold(prompt_len: u64) -> PhaseSound {
    PhaseSound {
        length: ms(4000),
        tone: Some((Sound::Hold, ms(300))),
        words: words(&[("Hold, breathe out", 1820)]),
        prompts: vec![(ms(1800), "Lower back on the wall".into(), ms(prompt_len))],
        count: Count::Ticks(ms(40)),
    }
}

fn parts(s: &Schedule) -> Vec<(u64, Part)> {
    s.slots
        .iter()
        .map(|s| (s.at.as_millis() as u64, s.part))
        .collect()
}

#[test]
fn the_tone_plays_first_and_the_words_start_as_it_ends() {
    let s = schedule(&hold(1790), Duration::ZERO);
    assert_eq!(
        parts(&s),
        [
            (0, Part::Tone),
            (300, Part::Word(0)),
            (2120, Part::Prompt(0))
        ]
    );
    assert_eq!(s.words_end, ms(2120));
    assert_eq!(s.overrun(ms(4000)), None);
    assert!(s.dropped.is_empty());
}

#[test]
fn a_prompt_that_would_run_into_the_next_phase_is_dropped_and_says_by_how_much() {
    // "Lower back stays on the wall" at 140: 2.19 s, from 2.12 s.
    let s = schedule(&hold(2190), Duration::ZERO);
    assert_eq!(
        s.dropped,
        [Dropped {
            at: ms(1800),
            text: "Lower back on the wall".into(),
            over: ms(310),
        }]
    );
    assert!(s.slots.iter().all(|slot| slot.end() <= ms(4000)));
}

#[test]
fn a_prompt_starts_at_its_moment_when_nothing_is_said_then() {
    let mut sound = hold(1000);
    sound.prompts[0].0 = ms(2500);
    let s = schedule(&sound, Duration::ZERO);
    assert_eq!(s.slots[2].at, ms(2500));
}

#[test]
fn ticks_never_fall_on_words() {
    // Ticks are due at 1, 2 and 3 s; the words run to 2.12 s and the
    // prompt to 3.91 s, so none is played.
    let s = schedule(&hold(1790), Duration::ZERO);
    assert!(!s.slots.iter().any(|s| matches!(s.part, Part::Tick(_))));
    // With a short prompt that ends at 2.9 s, only the tick at 3 s fits.
    let s = schedule(&hold(780), Duration::ZERO);
    let ticks: Vec<_> = s
        .slots
        .iter()
        .filter(|s| matches!(s.part, Part::Tick(_)))
        .map(|s| (s.at, s.part))
        .collect();
    assert_eq!(ticks, [(ms(3000), Part::Tick(1))]);
}

fn get_ready(length: u64, step_name: u64, carry: u64) -> Schedule {
    let sound = PhaseSound {
        length: ms(length),
        tone: Some((Sound::Rest, ms(280))),
        words: words(&[("Peel off the wall", step_name)]),
        prompts: vec![],
        count: Count::Spoken {
            numbers: vec![(3, ms(820)), (2, ms(840)), (1, ms(850))],
            tick: Some(ms(40)),
        },
    };
    schedule(&sound, ms(carry))
}

#[test]
fn a_number_starts_on_its_second_or_is_skipped_never_said_late() {
    // "Peel off the wall" takes 1.61 s at rate 140: from 0.28 to 1.89 s,
    // over the seconds of 3 (0 s) and 2 (1 s); 1 is said on its second.
    let s = get_ready(3000, 1610, 0);
    assert_eq!(
        parts(&s),
        [
            (0, Part::Tone),
            (280, Part::Word(0)),
            (2000, Part::Number(1))
        ]
    );
    // A longer get-ready leaves room for every number, each on its second.
    let s = get_ready(5000, 1610, 0);
    let numbers: Vec<_> = s
        .slots
        .iter()
        .filter(|s| matches!(s.part, Part::Number(_)))
        .map(|s| (s.at, s.part))
        .collect();
    assert_eq!(
        numbers,
        [
            (ms(2000), Part::Number(3)),
            (ms(3000), Part::Number(2)),
            (ms(4000), Part::Number(1))
        ]
    );
    // No tick plays under a number: the number is the tick.
    assert!(!s.slots.iter().any(|s| matches!(s.part, Part::Tick(_))));
}

#[test]
fn a_number_too_long_for_its_second_gives_way_to_its_tick() {
    let sound = PhaseSound {
        length: ms(3000),
        tone: None,
        words: vec![],
        prompts: vec![],
        count: Count::Spoken {
            numbers: vec![(3, ms(1200)), (2, ms(500)), (1, ms(500))],
            tick: Some(ms(40)),
        },
    };
    let s = schedule(&sound, Duration::ZERO);
    assert_eq!(
        parts(&s),
        [
            (0, Part::Tick(3)),
            (1000, Part::Number(2)),
            (2000, Part::Number(1))
        ]
    );
}

#[test]
fn words_carried_over_from_the_last_phase_delay_these_and_silence_the_count() {
    // The last phase's words run to 1.5 s, this phase's from then to
    // 2.3 s: "1", due at 2 s, falls on them, and so would its tick.
    let s = get_ready(3000, 800, 1500);
    assert_eq!(parts(&s), [(0, Part::Tone), (1500, Part::Word(0))]);
    assert_eq!(s.words_end, ms(2300));
    // Carried words alone silence a number: "3" at 0 s, under 1.2 s of them.
    let s = get_ready(3000, 0, 1200);
    assert!(!s.slots.iter().any(|s| s.part == Part::Number(3)));
}

#[test]
fn words_that_run_past_the_phase_end_are_kept_and_reported() {
    let sound = PhaseSound {
        length: ms(2000),
        tone: Some((Sound::Move, ms(280))),
        words: words(&[("Last one.", 1180), ("Round down, head first", 2300)]),
        prompts: vec![],
        count: Count::None,
    };
    let s = schedule(&sound, Duration::ZERO);
    assert_eq!(s.slots.len(), 3, "the words are never dropped");
    assert_eq!(s.overrun(ms(2000)), Some(ms(1760)));
    assert_eq!(s.end(), ms(3760));
}

#[test]
fn a_phase_without_tones_or_words_counts_with_ticks_alone() {
    let sound = PhaseSound {
        length: ms(2500),
        tone: None,
        words: vec![],
        prompts: vec![],
        count: Count::Ticks(ms(40)),
    };
    // Under 3 s, the first number shows as the phase starts.
    assert_eq!(
        parts(&schedule(&sound, Duration::ZERO)),
        [
            (0, Part::Tick(3)),
            (500, Part::Tick(2)),
            (1500, Part::Tick(1))
        ]
    );
}

prop_compose! {
    fn phase_sound()(
        length in 500u64..20_000,
        tone in proptest::option::of(50u64..300),
        words in proptest::collection::vec(100u64..5_000, 0..4),
        prompts in proptest::collection::vec((0u64..20_000, 100u64..4_000), 0..4),
        spoken in any::<bool>(),
        numbers in proptest::collection::vec(100u64..1_500, 3),
    ) -> PhaseSound {
        let mut prompts: Vec<_> = prompts
            .into_iter()
            .filter(|(at, _)| *at < length)
            .map(|(at, len)| (ms(at), format!("p{at}"), ms(len)))
            .collect();
        prompts.sort_by_key(|p| p.0);
        PhaseSound {
            length: ms(length),
            tone: tone.map(|t| (Sound::Move, ms(t))),
            words: words.iter().enumerate().map(|(i, l)| (format!("w{i}"), ms(*l))).collect(),
            prompts,
            count: if spoken {
                Count::Spoken {
                    numbers: numbers.iter().zip([3, 2, 1]).map(|(l, n)| (n, ms(*l))).collect(),
                    tick: Some(ms(40)),
                }
            } else {
                Count::Ticks(ms(40))
            },
        }
    }
}

proptest! {
    #[test]
    fn no_two_clips_overlap_and_nothing_but_the_phase_words_runs_past_its_end(
        sound in phase_sound(),
        carry in 0u64..3_000,
    ) {
        let carry = ms(carry);
        let s = schedule(&sound, carry);
        for pair in s.slots.windows(2) {
            prop_assert!(pair[0].end() <= pair[1].at, "{pair:?}");
        }
        // Every word is said, in order, from the tone's end or the carry.
        let said: Vec<_> = s.slots.iter().filter(|s| matches!(s.part, Part::Word(_))).collect();
        prop_assert_eq!(said.len(), sound.words.len());
        for slot in &s.slots {
            match slot.part {
                Part::Word(_) | Part::Tone => {}
                Part::Prompt(i) => {
                    prop_assert!(slot.end() <= sound.length);
                    prop_assert!(slot.at >= sound.prompts[i].0);
                }
                Part::Number(n) | Part::Tick(n) => {
                    prop_assert_eq!(Some(slot.at), number_at(sound.length, n));
                    prop_assert!(slot.at >= carry);
                }
            }
        }
        // A prompt is either said or reported as dropped.
        let prompts = s.slots.iter().filter(|s| matches!(s.part, Part::Prompt(_))).count();
        prop_assert_eq!(prompts + s.dropped.len(), sound.prompts.len());
    }
}

#[test]
fn words_and_prompts_that_end_exactly_as_the_phase_ends_fit() {
    // Tone 300 ms + words 1.7 s end at 2 s, the phase's end: no overrun.
    let sound = PhaseSound {
        length: ms(4000),
        tone: Some((Sound::Hold, ms(300))),
        words: words(&[("Hold", 1700)]),
        prompts: vec![(ms(2000), "Breathe".into(), ms(2000))],
        count: Count::None,
    };
    let s = schedule(&sound, Duration::ZERO);
    assert_eq!(s.overrun(ms(2000)), None);
    assert_eq!(s.overrun(ms(1999)), Some(ms(1)));
    // The prompt, 2 s from 2 s, ends as the phase does: it is said.
    assert!(s.dropped.is_empty(), "{:?}", s.dropped);
    assert_eq!(s.end(), ms(4000));
}

#[test]
fn a_phase_shorter_than_the_count_starts_at_the_number_it_shows() {
    let sound = PhaseSound {
        length: ms(1500),
        tone: None,
        words: vec![],
        prompts: vec![],
        count: Count::Ticks(ms(40)),
    };
    // 1.5 s left shows as 2: no 3 at all.
    assert_eq!(
        parts(&schedule(&sound, Duration::ZERO)),
        [(0, Part::Tick(2)), (500, Part::Tick(1))]
    );
}
