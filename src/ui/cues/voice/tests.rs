use super::*;
use std::os::unix::fs::PermissionsExt;

/// A directory of executable scripts named `names`, each with `body`.
fn bin(names: &[&str], body: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for name in names {
        let p = dir.path().join(name);
        std::fs::write(&p, format!("#!/bin/sh\n{body}")).unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    dir
}

fn words(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

/// The arguments a speaker gives `text`, with `OUT` for the clip.
fn render_args(s: &Speaker, text: &str) -> Vec<String> {
    let argv = Speaker::argv(s.render.as_ref().unwrap(), text, Some(Path::new("OUT"))).unwrap();
    argv.iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect()
}

fn live_args(s: &Speaker, text: &str) -> Vec<String> {
    let argv = Speaker::argv(s.live.as_ref().unwrap(), text, None).unwrap();
    argv.iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect()
}

#[test]
fn renderers_are_preferred_in_the_documented_order() {
    let dir = bin(&["spd-say", "say", "espeak"], "");
    let found = Speaker::automatic(Some(dir.path().as_os_str())).unwrap();
    assert_eq!(found.program.path(), dir.path().join("espeak"));
    let only_spd = bin(&["spd-say"], "");
    let found = Speaker::automatic(Some(only_spd.path().as_os_str())).unwrap();
    assert!(!found.renders());
    assert!(Speaker::automatic(Some("/nonexistent".as_ref())).is_none());
}

#[test]
fn espeak_ng_renders_with_w_and_speaks_live_without_it() {
    let dir = bin(&["espeak-ng"], "");
    let s = Speaker::configured(
        &words(&["espeak-ng", "-s", "140"]),
        Some(dir.path().as_os_str()),
    )
    .unwrap();
    assert_eq!(
        render_args(&s, "Hold"),
        ["-s", "140", "-w", "OUT", "--", "Hold"]
    );
    assert_eq!(live_args(&s, "Hold"), ["-s", "140", "--", "Hold"]);
}

#[test]
fn out_and_text_placeholders_make_a_renderer_of_any_command() {
    let dir = bin(&["espeak-ng", "tts"], "");
    let path = Some(dir.path().as_os_str());
    let s = Speaker::configured(
        &words(&["espeak-ng", "-s", "140", "-w", "{out}", "--", "{text}"]),
        path,
    )
    .unwrap();
    assert_eq!(
        render_args(&s, "Hold"),
        ["-s", "140", "-w", "OUT", "--", "Hold"]
    );
    // espeak-ng can speak live too: the same without `-w {out}`.
    assert_eq!(live_args(&s, "Hold"), ["-s", "140", "--", "Hold"]);
    // Without `{text}`, the text goes last, after `--`; an unknown
    // program has no live form.
    let s = Speaker::configured(&words(&["tts", "--to", "{out}"]), path).unwrap();
    assert_eq!(render_args(&s, "Hold"), ["--to", "OUT", "--", "Hold"]);
    assert!(s.live.is_none());
}

#[test]
fn spd_say_speaks_live_and_waits_until_it_has_spoken() {
    let dir = bin(&["spd-say"], "");
    let s = Speaker::configured(
        &words(&["spd-say", "-r", "-20"]),
        Some(dir.path().as_os_str()),
    )
    .unwrap();
    assert!(!s.renders());
    assert_eq!(live_args(&s, "Hold"), ["--wait", "-r", "-20", "--", "Hold"]);
    let s = Speaker::configured(&words(&["spd-say", "-w"]), Some(dir.path().as_os_str())).unwrap();
    assert_eq!(
        live_args(&s, "Hold"),
        ["-w", "--", "Hold"],
        "no second --wait"
    );
}

#[test]
fn say_writes_wave_and_piper_reads_its_text_on_stdin() {
    let dir = bin(&["say", "piper"], "");
    let path = Some(dir.path().as_os_str());
    let say = Speaker::configured(&words(&["say", "-v", "Daniel"]), path).unwrap();
    assert_eq!(
        render_args(&say, "Hold"),
        [
            "-v",
            "Daniel",
            "-o",
            "OUT",
            "--file-format=WAVE",
            "--data-format=LEI16@22050",
            "Hold"
        ]
    );
    let piper = Speaker::configured(&words(&["piper", "--model", "m.onnx"]), path).unwrap();
    assert!(piper.text_on_stdin && piper.live.is_none());
    assert_eq!(
        render_args(&piper, "Hold"),
        ["--model", "m.onnx", "--output_file", "OUT"]
    );
}

#[test]
fn spoken_text_is_escaped_and_never_an_option() {
    let dir = bin(&["espeak-ng"], "");
    let s = Speaker::configured(&words(&["espeak-ng"]), Some(dir.path().as_os_str())).unwrap();
    let args = render_args(&s, "--help\x1b[31m me");
    let text = args.last().unwrap();
    assert!(!text.starts_with('-'), "{text:?}");
    assert!(!text.contains('\x1b'), "{text:?}");
    assert!(Speaker::argv(s.render.as_ref().unwrap(), " -- ", None).is_none());
}

/// Writes at `path` a renderer script, named as espeak-ng is called, that
/// writes `ms` of 8 kHz 16-bit mono silence into the file after `-w`, and
/// counts its calls in `calls`.
pub(in crate::ui::cues) fn renderer_script(path: &Path, ms: u32, calls: &Path) {
    let data = 16 * ms;
    let header: String = [
        b"RIFF".to_vec(),
        (36 + data).to_le_bytes().to_vec(),
        b"WAVEfmt ".to_vec(),
        16u32.to_le_bytes().to_vec(),
        1u16.to_le_bytes().to_vec(),
        1u16.to_le_bytes().to_vec(),
        8000u32.to_le_bytes().to_vec(),
        16000u32.to_le_bytes().to_vec(),
        2u16.to_le_bytes().to_vec(),
        16u16.to_le_bytes().to_vec(),
        b"data".to_vec(),
        data.to_le_bytes().to_vec(),
    ]
    .concat()
    .iter()
    .map(|b| format!("\\{b:03o}"))
    .collect();
    let script = format!(
        "#!/bin/sh\necho x >> '{}'\nwhile [ \"$1\" != -w ]; do shift; done\nprintf '{header}' > \"$2\"\nhead -c {data} /dev/zero >> \"$2\"\n",
        calls.display(),
    );
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, script).unwrap();
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

/// A directory with a renderer of `ms` clips, and the file its calls are
/// counted in.
fn wav_renderer(ms: u32) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let calls = dir.path().join("calls");
    renderer_script(&dir.path().join("espeak-ng"), ms, &calls);
    (dir, calls)
}

#[test]
fn a_clip_is_rendered_once_measured_and_then_taken_from_the_cache() {
    let (dir, calls) = wav_renderer(500);
    let cache = dir.path().join("cache/voice");
    let s = Speaker::configured(&words(&["espeak-ng"]), Some(dir.path().as_os_str())).unwrap();
    let clip = s.clip(&cache, "Hold").unwrap();
    assert_eq!(clip.length, Duration::from_millis(500));
    assert!(clip.path.starts_with(&cache));
    assert_eq!(s.clip(&cache, "Hold").unwrap(), clip);
    let count = || std::fs::read_to_string(&calls).unwrap().lines().count();
    assert_eq!(count(), 1, "the second time comes from the cache");
    // Other words, or the same words at another rate, are another clip.
    assert_ne!(s.clip(&cache, "Rest").unwrap().path, clip.path);
    let slower = Speaker::configured(
        &words(&["espeak-ng", "-s", "140"]),
        Some(dir.path().as_os_str()),
    )
    .unwrap();
    assert_ne!(slower.clip(&cache, "Hold").unwrap().path, clip.path);
    assert_eq!(count(), 3);
}

#[test]
fn a_link_where_a_clip_goes_is_replaced_never_read_or_written_through() {
    let (dir, _) = wav_renderer(100);
    let cache = dir.path().join("cache");
    std::fs::create_dir_all(&cache).unwrap();
    let s = Speaker::configured(&words(&["espeak-ng"]), Some(dir.path().as_os_str())).unwrap();
    let victim = dir.path().join("victim");
    std::fs::write(&victim, "keep me").unwrap();
    let place = s.clip_path(&cache, "Hold");
    std::os::unix::fs::symlink(&victim, &place).unwrap();
    let clip = s.clip(&cache, "Hold").unwrap();
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
    assert!(std::fs::symlink_metadata(&clip.path).unwrap().is_file());
}

#[test]
fn a_renderer_that_fails_says_why_and_leaves_nothing_in_the_cache() {
    let dir = bin(&["espeak-ng"], "echo 'no voice here' >&2\nexit 3\n");
    let cache = dir.path().join("cache");
    let s = Speaker::configured(&words(&["espeak-ng"]), Some(dir.path().as_os_str())).unwrap();
    let why = s.clip(&cache, "Hold").unwrap_err();
    assert!(why.contains("no voice here"), "{why}");
    assert_eq!(std::fs::read_dir(&cache).unwrap().count(), 0);
    // One that exits 0 but writes no sound is refused too.
    let silent = bin(&["espeak-ng"], "exit 0\n");
    let s = Speaker::configured(&words(&["espeak-ng"]), Some(silent.path().as_os_str())).unwrap();
    let why = s.clip(&cache, "Hold").unwrap_err();
    assert!(why.contains("unusable"), "{why}");
}

#[test]
fn the_renderer_thread_makes_each_asked_clip_and_reports_a_failure_once() {
    let (dir, _) = wav_renderer(200);
    let s = Speaker::configured(&words(&["espeak-ng"]), Some(dir.path().as_os_str())).unwrap();
    let renderer = Renderer::start(s, dir.path().join("cache"));
    renderer.ask(words(&["Round down", "Hold", ""]));
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while !renderer.is_idle() && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(10));
    }
    assert_eq!(renderer.progress(), 3);
    assert_eq!(
        renderer.clip("Hold").map(|c| c.length),
        Some(Duration::from_millis(200))
    );
    assert!(renderer.clip("Rest").is_none(), "never asked");
    let failure = renderer.take_failure().expect("the empty text has no clip");
    assert!(failure.contains("nothing to say"), "{failure}");
    assert_eq!(renderer.take_failure(), None, "said once");
}

#[test]
fn an_estimate_grows_with_the_text() {
    assert!(estimate("3") < estimate("Hold, breathe out"));
    assert!(estimate("Round down, head first") > Duration::from_secs(1));
}
