use super::*;

#[test]
fn only_the_desktops_variables_we_lack_are_taken() {
    let manager: Vec<String> = [
        "HOME=/home/me",
        "DISPLAY=:0",
        "WAYLAND_DISPLAY=wayland-0",
        "XAUTHORITY=",
        "PATH=/usr/bin",
        "not a variable",
        "XDG_RUNTIME_DIR=/run/user/1000",
    ]
    .map(str::to_owned)
    .to_vec();
    let taken = missing_desktop_vars(&manager, |key| key == "XDG_RUNTIME_DIR");
    assert_eq!(
        taken,
        [
            ("DISPLAY".to_owned(), ":0".to_owned()),
            ("WAYLAND_DISPLAY".to_owned(), "wayland-0".to_owned())
        ]
    );
}
