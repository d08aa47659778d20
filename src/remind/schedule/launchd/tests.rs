use std::path::Path;

use super::*;

fn invocation() -> Invocation {
    Invocation::new(
        Path::new("/Users/me/bin/mobility"),
        &[("XDG_CONFIG_HOME", Path::new("/Users/me/<cfg> & co"))],
        &[],
    )
    .unwrap()
}

/// The elements of an XML text, in order, each `<` balanced by a `>` and
/// every opened element closed: a small check that it is well formed.
fn elements(xml: &str) -> Vec<String> {
    let mut stack: Vec<String> = Vec::new();
    let mut seen = Vec::new();
    let body = xml
        .split_once("<plist")
        .map(|(_, b)| format!("<plist{b}"))
        .unwrap();
    for piece in body.split('<').skip(1) {
        let (tag, _) = piece.split_once('>').expect("every < has its >");
        assert!(!tag.contains('<'));
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(stack.pop().as_deref(), Some(name), "{xml}");
        } else {
            let name = tag.split(' ').next().unwrap().to_owned();
            seen.push(name.clone());
            stack.push(name);
        }
    }
    assert!(stack.is_empty(), "unclosed: {stack:?}");
    seen
}

#[test]
fn the_plist_is_well_formed_and_says_what_to_run_and_when() {
    let text = plist(
        &invocation(),
        "wall-flexion",
        &[(9, 30)],
        &Days::List(vec![1, 3]),
    )
    .unwrap();
    let seen = elements(&text);
    assert_eq!(seen.iter().filter(|e| *e == "dict").count(), 4, "{text}");
    assert!(text.contains("<key>Label</key>\n  <string>org.mobility.remind.wall-flexion</string>"));
    assert!(text.contains(
        "<key>ProgramArguments</key>\n  <array>\n    <string>/Users/me/bin/mobility</string>\n    <string>remind</string>\n    <string>wall-flexion</string>\n  </array>"
    ), "{text}");
    assert!(
        text.contains(
            "<key>XDG_CONFIG_HOME</key>\n    <string>/Users/me/&lt;cfg&gt; &amp; co</string>"
        ),
        "{text}"
    );
    assert!(text.contains(
        "<dict>\n      <key>Weekday</key>\n      <integer>3</integer>\n      <key>Hour</key>\n      <integer>9</integer>\n      <key>Minute</key>\n      <integer>30</integer>\n    </dict>"
    ), "{text}");
}

#[test]
fn a_daily_plist_has_no_weekday_and_no_environment_when_none_is_carried() {
    let bare = Invocation::new(Path::new("/bin/mobility"), &[], &[]).unwrap();
    let text = plist(&bare, "neck", &[(7, 0), (19, 15)], &Days::Daily).unwrap();
    elements(&text);
    assert!(
        !text.contains("Weekday") && !text.contains("EnvironmentVariables"),
        "{text}"
    );
    assert_eq!(text.matches("<key>Hour</key>").count(), 2);
}

#[test]
fn plists_read_back_to_their_times_and_days() {
    for days in [
        Days::Daily,
        Days::Weekdays,
        Days::Weekends,
        Days::List(vec![2]),
    ] {
        let text = plist(&invocation(), "neck", &[(7, 5), (21, 45)], &days).unwrap();
        assert_eq!(
            parse_plist("neck", &text),
            Entry {
                routine: "neck".into(),
                at: vec![(7, 5), (21, 45)],
                days
            }
        );
    }
    assert_eq!(routine_of("org.mobility.remind.neck.plist"), Some("neck"));
    assert!(label("a b").is_err());
}

#[test]
fn a_character_xml_cannot_hold_is_refused_by_name() {
    for c in ['\u{FFFE}', '\u{FFFF}'] {
        let dir = format!("/Users/me/drills{c}");
        let invocation =
            Invocation::new(Path::new("/Users/me/bin/mobility"), &[], &[Path::new(&dir)]).unwrap();
        let e = plist(&invocation, "wall-flexion", &[(9, 30)], &Days::Daily).unwrap_err();
        let said = e.to_string();
        assert!(said.contains(&format!("U+{:04X}", c as u32)), "{said}");
        assert!(said.contains("a plist"), "{said}");
        assert!(!said.contains(c), "the character itself is not printed");
    }
}
