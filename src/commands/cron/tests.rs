use std::path::Path;

use super::*;

#[test]
fn a_binary_under_a_cargo_build_directory_is_found() {
    let files = ["/src/app/Cargo.toml", "/build/out/CACHEDIR.TAG"];
    let is_file = |p: &Path| files.iter().any(|f| Path::new(f) == p);
    assert_eq!(
        cargo_target(Path::new("/src/app/target/debug/mobility"), is_file),
        Some("/src/app/target".into())
    );
    assert_eq!(
        cargo_target(Path::new("/build/out/release/mobility"), is_file),
        Some("/build/out".into())
    );
    // A directory called target that is not cargo's.
    assert_eq!(
        cargo_target(Path::new("/opt/target/bin/mobility"), is_file),
        None
    );
    assert_eq!(
        cargo_target(Path::new("/home/me/.cargo/bin/mobility"), is_file),
        None
    );
}

#[test]
fn the_paths_chosen_by_variables_and_flags_are_carried_and_defaults_are_not() {
    let vars = |name: &str| match name {
        "XDG_STATE_HOME" => Some("/data/state".into()),
        _ => None,
    };
    let paths = Paths::resolve(vars, Some("/home/me".into()), vec!["/srv/drills".into()]).unwrap();
    let inv = invocation(&paths, Path::new("/bin/mobility")).unwrap();
    assert_eq!(inv.env(), [("XDG_STATE_HOME", "/data/state".to_owned())]);
    assert_eq!(
        inv.args("neck"),
        ["remind", "neck", "--routines-dir", "/srv/drills"]
    );
    let plain = Paths::resolve(|_| None, Some("/home/me".into()), vec![]).unwrap();
    let inv = invocation(&plain, Path::new("/bin/mobility")).unwrap();
    assert!(inv.env().is_empty());
    assert_eq!(inv.args("neck"), ["remind", "neck"]);
}

#[test]
fn a_relative_routines_dir_is_made_absolute() {
    let paths = Paths::resolve(|_| None, Some("/home/me".into()), vec!["drills".into()]).unwrap();
    let args = invocation(&paths, Path::new("/bin/mobility"))
        .unwrap()
        .args("neck");
    assert!(Path::new(&args[3]).is_absolute(), "{args:?}");
    assert!(args[3].ends_with("/drills"), "{args:?}");
}
