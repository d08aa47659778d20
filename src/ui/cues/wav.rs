//! How long a WAV file plays, read from its header: the voice's clips are
//! scheduled by their real length, so that words can be placed on the
//! run's clock before they are said.

use std::io::Read;
use std::path::Path;
use std::time::Duration;

/// The most of a file read to find its header: the `fmt ` and `data`
/// chunks come first in every file a speech program writes.
const HEADER_BYTES: u64 = 64 * 1024;

/// The length of the sound in the WAV file at `path`, or why it has none.
pub fn length_of(path: &Path) -> Result<Duration, String> {
    let file = std::fs::File::open(path).map_err(|e| crate::diagnostic::io_message(&e))?;
    let size = file.metadata().map_err(|e| e.to_string())?.len();
    let mut head = Vec::new();
    file.take(HEADER_BYTES)
        .read_to_end(&mut head)
        .map_err(|e| e.to_string())?;
    length(&head, size)
}

/// The length of a WAV file whose first bytes are `head` and whose whole
/// size is `size` bytes. A `data` chunk whose size says more than the file
/// holds (as a program writing to a pipe leaves it) counts to the end of
/// the file.
pub fn length(head: &[u8], size: u64) -> Result<Duration, String> {
    if head.len() < 12 || &head[..4] != b"RIFF" || &head[8..12] != b"WAVE" {
        return Err("it is not a WAV file".into());
    }
    let mut at = 12;
    let mut byte_rate = None;
    while at + 8 <= head.len() {
        let id = &head[at..at + 4];
        let len = u32::from_le_bytes(head[at + 4..at + 8].try_into().unwrap_or_default());
        let body = at + 8;
        match id {
            b"fmt " => {
                let rate = head
                    .get(body + 8..body + 12)
                    .ok_or("its format chunk is cut short")?;
                byte_rate = Some(u32::from_le_bytes(rate.try_into().unwrap_or_default()));
            }
            b"data" => {
                let rate = byte_rate
                    .filter(|r| *r > 0)
                    .ok_or("it has no usable format before its sound")?;
                let left = size.saturating_sub(body as u64);
                let bytes = u64::from(len).min(left);
                return Ok(Duration::from_secs_f64(bytes as f64 / f64::from(rate)));
            }
            _ => {}
        }
        // Chunks are padded to an even length.
        at = body + len as usize + (len as usize & 1);
    }
    Err("it has no sound in it".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A WAV header for `rate` samples a second of 16-bit mono, with an
    /// `extra` chunk before the sound, and `data_len` as the data size.
    fn header(rate: u32, extra: Option<&[u8]>, data_len: u32) -> Vec<u8> {
        let mut h = b"RIFF\0\0\0\0WAVE".to_vec();
        h.extend_from_slice(b"fmt ");
        h.extend_from_slice(&16u32.to_le_bytes());
        h.extend_from_slice(&1u16.to_le_bytes()); // PCM
        h.extend_from_slice(&1u16.to_le_bytes()); // mono
        h.extend_from_slice(&rate.to_le_bytes());
        h.extend_from_slice(&(rate * 2).to_le_bytes());
        h.extend_from_slice(&2u16.to_le_bytes());
        h.extend_from_slice(&16u16.to_le_bytes());
        if let Some(extra) = extra {
            h.extend_from_slice(b"LIST");
            h.extend_from_slice(&(extra.len() as u32).to_le_bytes());
            h.extend_from_slice(extra);
            if extra.len() % 2 == 1 {
                h.push(0);
            }
        }
        h.extend_from_slice(b"data");
        h.extend_from_slice(&data_len.to_le_bytes());
        h
    }

    #[test]
    fn the_length_is_the_data_size_over_the_byte_rate() {
        let h = header(22_050, None, 44_100);
        let size = h.len() as u64 + 44_100;
        assert_eq!(length(&h, size), Ok(Duration::from_secs(1)));
    }

    #[test]
    fn chunks_before_the_sound_are_stepped_over_padding_included() {
        let h = header(16_000, Some(b"abc"), 16_000);
        let size = h.len() as u64 + 16_000;
        assert_eq!(length(&h, size), Ok(Duration::from_millis(500)));
    }

    #[test]
    fn a_data_size_larger_than_the_file_counts_to_the_end_of_the_file() {
        // As written by a program streaming into a pipe: 0xFFFFFFFF.
        let h = header(22_050, None, u32::MAX);
        let size = h.len() as u64 + 11_025;
        assert_eq!(length(&h, size), Ok(Duration::from_millis(250)));
    }

    #[test]
    fn what_is_not_a_wav_file_with_sound_says_so() {
        assert!(length(b"ID3\x03 an mp3", 100).is_err());
        let mut h = header(22_050, None, 10);
        h.truncate(30);
        assert!(length(&h, 30).is_err(), "cut inside the format chunk");
        let mut no_rate = header(0, None, 10);
        let len = no_rate.len() as u64;
        no_rate.truncate(len as usize);
        assert!(length(&no_rate, len + 10).is_err(), "a zero byte rate");
        let fmt_only = &header(22_050, None, 10)[..36];
        assert!(length(fmt_only, 36).is_err(), "no data chunk");
    }

    #[test]
    fn the_magic_and_the_sound_are_told_apart_in_the_message() {
        let mut riff = header(22_050, None, 10);
        riff[..4].copy_from_slice(b"RIFX");
        assert_eq!(length(&riff, 100), Err("it is not a WAV file".into()));
        let mut wave = header(22_050, None, 10);
        wave[8..12].copy_from_slice(b"AVI ");
        assert_eq!(length(&wave, 100), Err("it is not a WAV file".into()));
        // The bare 12-byte RIFF header is a WAV file with nothing in it.
        assert_eq!(
            length(b"RIFF\0\0\0\0WAVE", 12),
            Err("it has no sound in it".into())
        );
        assert_eq!(
            length(b"RIFF\0\0\0\0WAV", 11),
            Err("it is not a WAV file".into())
        );
    }

    #[test]
    fn a_long_chunk_before_the_sound_is_read_past_on_disk() {
        // A 2,000-byte comment before the sound, as some writers leave.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("long.wav");
        let mut bytes = header(8_000, Some(&[b'x'; 2_000]), 1_600);
        bytes.resize(bytes.len() + 1_600, 0);
        std::fs::write(&path, bytes).unwrap();
        assert_eq!(length_of(&path), Ok(Duration::from_millis(100)));
    }

    #[test]
    fn a_real_file_is_read_from_disk() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.wav");
        let mut bytes = header(8_000, None, 4_000);
        bytes.resize(bytes.len() + 4_000, 0);
        std::fs::write(&path, bytes).unwrap();
        assert_eq!(length_of(&path), Ok(Duration::from_millis(250)));
        assert!(length_of(&dir.path().join("missing.wav")).is_err());
    }
}
