use super::*;

#[test]
fn an_id_is_its_own_history_id() {
    assert_eq!(history_id("wall-flexion"), "wall-flexion");
}

#[test]
fn a_path_is_recorded_under_its_canonical_path() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    std::fs::write(dir.path().join("mine.toml"), "").unwrap();
    let roundabout = dir.path().join("sub/../mine.toml");
    let canonical = std::fs::canonicalize(dir.path().join("mine.toml")).unwrap();
    assert_eq!(
        history_id(roundabout.to_str().unwrap()),
        canonical.to_str().unwrap()
    );
}

#[test]
fn a_path_that_does_not_resolve_stays_as_given() {
    assert_eq!(history_id("no/such/file.toml"), "no/such/file.toml");
}
