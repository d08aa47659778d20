use super::*;

/// What a WAV header says, read back the way a player would.
#[derive(Debug)]
struct Header {
    riff_len: u32,
    format: u16,
    channels: u16,
    rate: u32,
    byte_rate: u32,
    block_align: u16,
    bits: u16,
    data_len: u32,
}

fn u16_at(b: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([b[at], b[at + 1]])
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}

#[track_caller]
fn parse(b: &[u8]) -> (Header, Vec<i16>) {
    assert!(b.len() >= 44, "a WAV header is 44 bytes");
    assert_eq!(&b[0..4], b"RIFF");
    assert_eq!(&b[8..12], b"WAVE");
    assert_eq!(&b[12..16], b"fmt ");
    assert_eq!(u32_at(b, 16), 16, "a PCM fmt chunk is 16 bytes");
    assert_eq!(&b[36..40], b"data");
    let header = Header {
        riff_len: u32_at(b, 4),
        format: u16_at(b, 20),
        channels: u16_at(b, 22),
        rate: u32_at(b, 24),
        byte_rate: u32_at(b, 28),
        block_align: u16_at(b, 32),
        bits: u16_at(b, 34),
        data_len: u32_at(b, 40),
    };
    let samples = b[44..]
        .chunks_exact(2)
        .map(|c| i16::from_le_bytes([c[0], c[1]]))
        .collect();
    (header, samples)
}

/// The pitch heard longest: the median of the zero-crossing rates of
/// 25 ms windows that are not silent.
fn dominant_hz(samples: &[i16]) -> f64 {
    let window = (RATE / 40) as usize;
    let mut rates: Vec<f64> = samples
        .chunks(window)
        .filter(|w| w.len() == window && w.iter().any(|s| s.unsigned_abs() > 2_000))
        .map(|w| {
            let crossings = w.windows(2).filter(|p| (p[0] < 0) != (p[1] < 0)).count();
            crossings as f64 / 2.0 / (window as f64 / f64::from(RATE))
        })
        .collect();
    rates.sort_by(f64::total_cmp);
    rates[rates.len() / 2]
}

#[test]
fn every_tone_is_a_valid_16_bit_mono_wav_of_its_length() {
    for sound in Sound::ALL {
        let bytes = sound.wav();
        let (h, samples) = parse(&bytes);
        assert_eq!(h.format, 1, "{sound:?} is PCM");
        assert_eq!(h.channels, 1, "{sound:?} is mono");
        assert_eq!(h.rate, 22_050);
        assert_eq!(h.bits, 16);
        assert_eq!(h.block_align, 2);
        assert_eq!(h.byte_rate, 44_100);
        assert_eq!(h.riff_len as usize, bytes.len() - 8);
        assert_eq!(h.data_len as usize, bytes.len() - 44);
        assert_eq!(samples.len(), sound.samples());
        let secs = samples.len() as f64 / 22_050.0;
        assert!(
            (0.03..=1.0).contains(&secs),
            "{sound:?} lasts {secs} s: short, but long enough to hear"
        );
        // Faded in and out: no click at either end.
        assert!(samples[0].unsigned_abs() < 500 && samples[samples.len() - 1].unsigned_abs() < 500);
    }
    let secs = |s: Sound| s.samples() as f64 / 22_050.0;
    assert!(secs(Sound::Tick) < 0.06, "a tick is a click");
    assert!(
        secs(Sound::Done) > secs(Sound::Hold),
        "the end is the longest"
    );
}

#[test]
fn each_tone_has_its_own_pitch_as_measured_from_the_samples() {
    let measured: Vec<(Sound, f64)> = Sound::ALL
        .iter()
        .map(|&s| (s, dominant_hz(&parse(&s.wav()).1)))
        .collect();
    for &(sound, hz) in &measured {
        let want = sound.dominant_hz();
        assert!(
            (hz - want).abs() / want < 0.1,
            "{sound:?}: measured {hz} Hz, meant {want} Hz"
        );
    }
    for (i, &(a, ha)) in measured.iter().enumerate() {
        for &(b, hb) in &measured[i + 1..] {
            let ratio = ha.max(hb) / ha.min(hb);
            assert!(
                ratio > 1.25,
                "{a:?} ({ha} Hz) and {b:?} ({hb} Hz) are too alike"
            );
        }
    }
}

#[test]
fn the_move_goes_up_and_the_end_goes_up_in_three_notes() {
    let pitches = |s: Sound| -> Vec<f64> { s.notes().iter().map(|n| n.0).collect() };
    assert_eq!(pitches(Sound::Move).len(), 2);
    assert!(pitches(Sound::Move).is_sorted());
    assert_eq!(pitches(Sound::Done).len(), 3);
    assert!(pitches(Sound::Done).is_sorted());
    assert_eq!(pitches(Sound::Hold).len(), 1);
    assert!(Sound::Rest.dominant_hz() < Sound::Hold.dominant_hz());
}

#[test]
fn the_files_are_written_once_and_rewritten_when_missing_or_wrong() {
    let dir = tempfile::tempdir().unwrap();
    let sounds = dir.path().join("mobility").join("sounds");
    let files = SoundFiles::write(&sounds).unwrap();
    for sound in Sound::ALL {
        assert_eq!(std::fs::read(files.path(sound)).unwrap(), sound.wav());
    }
    let hold = files.path(Sound::Hold);
    let written = std::fs::metadata(&hold).unwrap().modified().unwrap();

    std::fs::write(files.path(Sound::Move), b"RIFF garbage").unwrap();
    std::fs::remove_file(files.path(Sound::Done)).unwrap();
    let wrong_but_same_size = vec![0u8; Sound::Tick.wav().len()];
    std::fs::write(files.path(Sound::Tick), wrong_but_same_size).unwrap();
    SoundFiles::write(&sounds).unwrap();
    for sound in Sound::ALL {
        assert_eq!(std::fs::read(files.path(sound)).unwrap(), sound.wav());
    }
    assert_eq!(
        std::fs::metadata(&hold).unwrap().modified().unwrap(),
        written,
        "a right file is left alone"
    );
    let leftovers: Vec<_> = std::fs::read_dir(&sounds)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n.to_string_lossy().starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_fifo_in_the_cache_is_replaced_without_being_opened() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join(Sound::Rest.file_name());
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let files = SoundFiles::write(dir.path()).unwrap();
    assert_eq!(
        std::fs::read(files.path(Sound::Rest)).unwrap(),
        Sound::Rest.wav()
    );
}

#[test]
fn links_planted_in_the_cache_are_never_written_through() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let sounds = dir.path().join("sounds");
    std::fs::create_dir(&sounds).unwrap();
    let victim = dir.path().join("victim");
    std::fs::write(&victim, "someone else's file").unwrap();
    // Every name the old code would have used for a temporary file, and
    // the tone's own name.
    for sound in Sound::ALL {
        let temp = format!(".{}.{}", sound.file_name(), std::process::id());
        symlink(&victim, sounds.join(temp)).unwrap();
    }
    symlink(&victim, sounds.join(Sound::Move.file_name())).unwrap();
    let files = SoundFiles::write(&sounds).unwrap();
    assert_eq!(std::fs::read(&victim).unwrap(), b"someone else's file");
    for sound in Sound::ALL {
        let meta = std::fs::symlink_metadata(files.path(sound)).unwrap();
        assert!(meta.is_file(), "{sound:?} is a regular file of its own");
        assert_eq!(std::fs::read(files.path(sound)).unwrap(), sound.wav());
    }
}

#[test]
fn no_tone_is_longer_than_the_limit_so_words_follow_soon() {
    for sound in Sound::ALL {
        assert!(
            sound.length() <= MAX_TONE,
            "{sound:?}: {:?}",
            sound.length()
        );
        assert!(sound.length() >= Duration::from_millis(40), "{sound:?}");
    }
    let wav = Sound::Hold.wav();
    let read = super::super::wav::length(&wav, wav.len() as u64).unwrap();
    assert_eq!(read, Sound::Hold.length(), "the header says what plays");
}
