use super::*;

fn vars<'a>(pairs: &'a [(&str, &str)]) -> impl Fn(&str) -> Option<OsString> + 'a {
    move |name| {
        pairs
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| OsString::from(v))
    }
}

#[test]
fn visual_wins_over_editor_which_wins_over_vi() {
    let both = [("VISUAL", "code --wait"), ("EDITOR", "nano")];
    assert_eq!(
        editor(vars(&both)).unwrap(),
        (vec!["code".to_string(), "--wait".to_string()], "VISUAL")
    );
    let editor_only = [("VISUAL", ""), ("EDITOR", "nano")];
    assert_eq!(editor(vars(&editor_only)).unwrap().0, ["nano"]);
    assert_eq!(editor(vars(&[])).unwrap(), (vec!["vi".into()], "default"));
}

#[test]
fn the_editor_is_split_as_a_shell_would_split_it() {
    let quoted = [("EDITOR", "'/opt/My Editor/bin/ed' -w")];
    assert_eq!(
        editor(vars(&quoted)).unwrap().0,
        ["/opt/My Editor/bin/ed", "-w"]
    );
    let e = editor(vars(&[("VISUAL", "vim 'unclosed")])).unwrap_err();
    assert!(
        e.to_string().contains("`VISUAL` is not an editor command"),
        "{e}"
    );
}
