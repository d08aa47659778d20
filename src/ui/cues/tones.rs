//! The tones: short sine waves made here, written once as WAV files into
//! the cache directory, so that any player can play them. No audio assets
//! ship with mobility and no audio library is linked.
//!
//! Each sound is told apart by its pitch and its shape, with eyes shut:
//! a move is two notes going up, a hold one steady middle note, a rest a
//! single low soft note, the end three notes going up, and a tick a very
//! short high click.

use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Samples per second. Low enough to keep the files small, high enough
/// for the highest note (the tick's 1,760 Hz) many times over.
pub const RATE: u32 = 22_050;

/// The longest any tone lasts, so that a phase's words follow soon.
#[cfg(test)]
pub const MAX_TONE: Duration = Duration::from_millis(300);

/// Each note fades in and out over this long, so that it does not click.
const FADE_SECS: f64 = 0.006;

/// One of the sounds mobility plays.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Sound {
    /// A move phase starts: two notes going up (G4, then D5).
    Move,
    /// A hold phase starts: one steady middle note (A4).
    Hold,
    /// A rest, a switch of sides or a get-ready starts: one low, soft note
    /// (C4).
    Rest,
    /// The routine is done: three notes going up (C5, E5, G5), the last
    /// one long.
    Done,
    /// Each of the last seconds before a move or a hold: a soft, very
    /// short high click (A6).
    Tick,
}

impl Sound {
    /// Every sound, in the order of the README.
    pub const ALL: [Sound; 5] = [
        Sound::Move,
        Sound::Hold,
        Sound::Rest,
        Sound::Done,
        Sound::Tick,
    ];

    /// The file name in the sounds directory.
    pub fn file_name(self) -> &'static str {
        match self {
            Sound::Move => "move.wav",
            Sound::Hold => "hold.wav",
            Sound::Rest => "rest.wav",
            Sound::Done => "done.wav",
            Sound::Tick => "tick.wav",
        }
    }

    /// The notes, in order: (frequency in Hz, seconds, loudness 0..1).
    /// Each sound lasts at most 300 ms, so that a phase's words can start
    /// soon after its boundary.
    fn notes(self) -> &'static [(f64, f64, f64)] {
        match self {
            Sound::Move => &[(392.0, 0.11, 0.5), (587.33, 0.17, 0.5)],
            Sound::Hold => &[(440.0, 0.28, 0.5)],
            Sound::Rest => &[(261.63, 0.28, 0.35)],
            Sound::Done => &[
                (523.25, 0.08, 0.45),
                (659.26, 0.08, 0.45),
                (783.99, 0.14, 0.45),
            ],
            Sound::Tick => &[(1760.0, 0.04, 0.25)],
        }
    }

    /// How long the sound plays.
    pub fn length(self) -> Duration {
        Duration::from_secs_f64(self.samples() as f64 / f64::from(RATE))
    }

    /// The pitch heard the longest, in Hz.
    pub fn dominant_hz(self) -> f64 {
        let notes = self.notes();
        notes
            .iter()
            .fold(notes[0], |best, n| if n.1 > best.1 { *n } else { best })
            .0
    }

    /// How many samples the sound lasts.
    pub fn samples(self) -> usize {
        self.notes().iter().map(|n| note_len(n.1)).sum()
    }

    /// The whole WAV file: a 44-byte header, then 16-bit mono PCM.
    pub fn wav(self) -> Vec<u8> {
        let mut samples = Vec::with_capacity(self.samples());
        for &(hz, secs, loudness) in self.notes() {
            samples.extend(note(hz, secs, loudness));
        }
        wav(&samples)
    }
}

/// The number of samples in `secs`.
fn note_len(secs: f64) -> usize {
    (secs * f64::from(RATE)).round() as usize
}

/// A sine at `hz` for `secs`, faded in and out.
fn note(hz: f64, secs: f64, loudness: f64) -> impl Iterator<Item = i16> {
    let len = note_len(secs);
    let fade = note_len(FADE_SECS).max(1);
    (0..len).map(move |i| {
        let t = i as f64 / f64::from(RATE);
        let edge = i.min(len - 1 - i);
        let envelope = (edge as f64 / fade as f64).min(1.0);
        let value = (2.0 * std::f64::consts::PI * hz * t).sin() * loudness * envelope;
        (value * f64::from(i16::MAX)) as i16
    })
}

/// A RIFF/WAVE file of 16-bit mono samples at [`RATE`].
fn wav(samples: &[i16]) -> Vec<u8> {
    let data_len = u32::try_from(samples.len() * 2).expect("a tone is short");
    let mut out = Vec::with_capacity(44 + samples.len() * 2);
    out.extend_from_slice(b"RIFF");
    out.extend_from_slice(&(36 + data_len).to_le_bytes());
    out.extend_from_slice(b"WAVE");
    out.extend_from_slice(b"fmt ");
    out.extend_from_slice(&16u32.to_le_bytes());
    out.extend_from_slice(&1u16.to_le_bytes()); // PCM
    out.extend_from_slice(&1u16.to_le_bytes()); // mono
    out.extend_from_slice(&RATE.to_le_bytes());
    out.extend_from_slice(&(RATE * 2).to_le_bytes()); // bytes per second
    out.extend_from_slice(&2u16.to_le_bytes()); // bytes per frame
    out.extend_from_slice(&16u16.to_le_bytes()); // bits per sample
    out.extend_from_slice(b"data");
    out.extend_from_slice(&data_len.to_le_bytes());
    for s in samples {
        out.extend_from_slice(&s.to_le_bytes());
    }
    out
}

/// Where each sound's file is, once written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SoundFiles {
    dir: PathBuf,
}

impl SoundFiles {
    /// Writes every tone into `dir` (creating it) unless a file with
    /// exactly the right bytes is already there. A file that is missing,
    /// different, or not a regular file (a link planted there included) is
    /// replaced through [`crate::atomic_file::write`], so a player never
    /// sees half a file and nothing is written through a link.
    pub fn write(dir: &Path) -> io::Result<SoundFiles> {
        std::fs::create_dir_all(dir)?;
        for sound in Sound::ALL {
            let bytes = sound.wav();
            let path = dir.join(sound.file_name());
            if !holds(&path, &bytes) {
                crate::atomic_file::write(&path, &bytes)?;
            }
        }
        Ok(SoundFiles {
            dir: dir.to_path_buf(),
        })
    }

    /// The file that plays `sound`.
    pub fn path(&self, sound: Sound) -> PathBuf {
        self.dir.join(sound.file_name())
    }
}

/// Whether `path` is a regular file holding exactly `bytes`. Only a
/// regular file of the right size is read, so a FIFO or a device left in
/// the cache can never block or flood the run.
fn holds(path: &Path, bytes: &[u8]) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
        && std::fs::read(path).is_ok_and(|found| found == bytes)
}

#[cfg(test)]
mod tests;
