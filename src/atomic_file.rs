//! Writing a file whole, all at once, and never through a link.
//!
//! Everything mobility writes into a directory someone else may also write
//! to (the tone cache, a voice cache, the scheduler's directories, a man
//! page directory) goes through here. The bytes go into a new file under
//! an unpredictable name in the same directory, created with `O_EXCL`
//! (which, by POSIX, fails on a symbolic link rather than following it),
//! and that file is renamed over the destination. A link standing at the
//! destination is replaced, never written through, and a reader never
//! sees half a file.

use std::fs::Permissions;
use std::io::{self, Write};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

/// Writes `bytes` to `path` as described above. The file is made readable
/// as the umask allows (as `std::fs::write` would), not private.
pub(crate) fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut temp = temp_beside(path)?;
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    persist(temp, path)
}

/// Gives `fill` the path of a fresh, empty file in `path`'s directory, for
/// another program to write into (a speech synthesiser writing a clip,
/// say), then renames it over `path` if `fill` succeeded and it is still
/// a regular file. On any failure the temporary file is deleted.
#[allow(dead_code, reason = "made for the voice cache's rendered clips")]
pub(crate) fn write_with<T>(
    path: &Path,
    fill: impl FnOnce(&Path) -> io::Result<T>,
) -> io::Result<T> {
    let temp = temp_beside(path)?;
    let value = fill(temp.path())?;
    // The other program may have replaced the file rather than written
    // into it; only a regular file is put in place.
    if !std::fs::symlink_metadata(temp.path())?.is_file() {
        return Err(io::Error::other(
            "the temporary file was replaced by something that is not a regular file",
        ));
    }
    persist(temp, path)?;
    Ok(value)
}

/// A new file next to `path`, named `.NAME.` and random characters.
fn temp_beside(path: &Path) -> io::Result<tempfile::NamedTempFile> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut prefix = std::ffi::OsString::from(".");
    prefix.push(path.file_name().unwrap_or_default());
    prefix.push(".");
    tempfile::Builder::new()
        .prefix(&prefix)
        // Masked by the umask at creation, as for any new file.
        .permissions(Permissions::from_mode(0o666))
        .tempfile_in(dir)
}

fn persist(temp: tempfile::NamedTempFile, path: &Path) -> io::Result<()> {
    temp.persist(path).map(drop).map_err(|e| e.error)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_link_at_the_destination_is_replaced_and_its_target_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let theirs = dir.path().join("theirs");
        std::fs::write(&theirs, "theirs").unwrap();
        let ours = dir.path().join("ours");
        symlink(&theirs, &ours).unwrap();
        write(&ours, b"ours").unwrap();
        assert_eq!(std::fs::read(&theirs).unwrap(), b"theirs");
        assert!(std::fs::symlink_metadata(&ours).unwrap().is_file());
        assert_eq!(std::fs::read(&ours).unwrap(), b"ours");
        assert_eq!(names(dir.path()), ["ours", "theirs"], "no temporary left");
    }

    #[test]
    fn the_file_is_as_readable_as_the_umask_allows_not_private() {
        let dir = tempfile::tempdir().unwrap();
        let page = dir.path().join("page.1");
        write(&page, b"x").unwrap();
        // A plain create shows what the umask allows here.
        let plain = dir.path().join("plain");
        std::fs::write(&plain, b"x").unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&page), mode(&plain));
    }

    #[test]
    fn write_with_puts_what_the_program_wrote_in_place_or_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let clip = dir.path().join("clip.wav");
        let got = write_with(&clip, |temp| {
            assert_eq!(temp.parent(), Some(dir.path()));
            std::fs::write(temp, b"spoken")?;
            Ok(7)
        })
        .unwrap();
        assert_eq!(got, 7);
        assert_eq!(std::fs::read(&clip).unwrap(), b"spoken");

        let failed = write_with(&clip, |temp| {
            std::fs::write(temp, b"half")?;
            Err::<(), _>(io::Error::other("the synthesiser failed"))
        });
        assert!(failed.is_err());
        assert_eq!(std::fs::read(&clip).unwrap(), b"spoken");

        let theirs = dir.path().join("theirs");
        std::fs::write(&theirs, "theirs").unwrap();
        let swapped = write_with(&clip, |temp| {
            std::fs::remove_file(temp)?;
            symlink(&theirs, temp)
        });
        assert!(swapped.is_err());
        assert_eq!(std::fs::read(&clip).unwrap(), b"spoken");
        assert_eq!(names(dir.path()), ["clip.wav", "theirs"]);
    }
}
