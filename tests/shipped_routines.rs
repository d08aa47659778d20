//! Every file in `routines/` loads, validates and is compiled in.

use mobility::routine::library::BUILT_IN;
use mobility::routine::parse::parse_file;

#[test]
fn every_shipped_routine_validates_and_is_built_in() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/routines");
    let mut ids = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let id = path.file_stem().unwrap().to_str().unwrap().to_string();
        let routine = parse_file(&path, id.clone()).unwrap_or_else(|e| panic!("{e}"));
        let total = routine.total().as_secs();
        assert!(
            (90..=150).contains(&total),
            "{id} takes {total}s, not about two minutes"
        );
        assert!(routine.steps.len() >= 3, "{id}: set-up, holds, closing");
        ids.push(id);
    }
    ids.sort();
    let built_in: Vec<&str> = BUILT_IN.iter().map(|(id, _)| *id).collect();
    assert_eq!(
        ids, built_in,
        "every file in routines/ must be listed in BUILT_IN"
    );
}
