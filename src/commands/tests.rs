use super::*;

/// The zone for a `TZ` value, and the warnings given on the way.
fn zone(tz: &str) -> (TimeZone, Vec<String>) {
    let mut warnings = Vec::new();
    let zone = local_zone(Some(OsStr::new(tz)), |w| warnings.push(w));
    (zone, warnings)
}

#[test]
fn a_tz_naming_a_device_or_a_directory_is_ignored_with_one_warning() {
    for tz in [":/dev/zero", "/dev/zero", "/tmp", ":/"] {
        let (_, warnings) = zone(tz);
        assert_eq!(warnings.len(), 1, "{tz}: {warnings:?}");
        assert!(warnings[0].starts_with("ignoring TZ="), "{warnings:?}");
        assert!(warnings[0].contains("using /etc/localtime"), "{warnings:?}");
    }
}

#[test]
fn a_tz_naming_a_fifo_is_ignored_without_blocking() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("zone");
    match std::process::Command::new("mkfifo").arg(&fifo).status() {
        Ok(s) if s.success() => {}
        _ => {
            eprintln!("skipped: mkfifo is not available here");
            return;
        }
    }
    // With nobody writing, reading this FIFO would block forever.
    let (_, warnings) = zone(fifo.to_str().unwrap());
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].contains("a FIFO (a named pipe)"),
        "{warnings:?}"
    );
}

#[test]
fn an_ordinary_tz_is_left_to_jiff_without_a_word() {
    for tz in [
        "UTC",
        "EST5EDT,M3.2.0,M11.1.0",
        "Europe/Paris",
        ":Europe/Paris",
    ] {
        let (_, warnings) = zone(tz);
        assert!(warnings.is_empty(), "{tz}: {warnings:?}");
    }
    let file = std::path::Path::new("/usr/share/zoneinfo/Europe/Paris");
    if file.is_file() {
        let (_, warnings) = zone(file.to_str().unwrap());
        assert!(warnings.is_empty(), "{warnings:?}");
    }
}
