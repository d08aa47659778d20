use std::fs::OpenOptions;
use std::io::Write;
use std::time::Duration;

use super::*;
use crate::history::test_support::{at, run};

fn sample(n: usize) -> Record {
    let start = at("2026-11-25T10:30", "Europe/Berlin")
        .checked_add(jiff::SignedDuration::from_hours(n as i64))
        .unwrap();
    run(&format!("routine-{n}"), &start, !n.is_multiple_of(3))
}

fn write_raw(path: &Path, bytes: &[u8]) {
    let mut file = OpenOptions::new()
        .append(true)
        .create(true)
        .open(path)
        .unwrap();
    file.write_all(bytes).unwrap();
}

#[test]
fn a_missing_file_is_an_empty_log() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(
        read(&dir.path().join("nope.jsonl")).unwrap(),
        Log::default()
    );
}

#[test]
fn append_creates_directories_and_records_read_back_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state/mobility/history.jsonl");
    for n in 0..3 {
        append(&path, &sample(n)).unwrap();
    }
    let log = read(&path).unwrap();
    assert!(log.warnings.is_empty(), "{:?}", log.warnings);
    assert_eq!(log.records, [sample(0), sample(1), sample(2)]);
    let text = fs::read_to_string(&path).unwrap();
    assert_eq!(text.lines().count(), 3);
    assert!(text.ends_with('\n'));
}

#[test]
fn blank_lines_are_ignored_but_counted() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("h.jsonl");
    append(&path, &sample(0)).unwrap();
    write_raw(&path, b"\n   \r\n\n");
    append(&path, &sample(1)).unwrap();
    write_raw(&path, b"{oops}\n");
    append(&path, &sample(2)).unwrap();
    let log = read(&path).unwrap();
    assert_eq!(log.records.len(), 3);
    assert_eq!(log.warnings.len(), 1);
    assert_eq!(log.warnings[0].line, 6);
}

#[test]
fn a_torn_last_line_is_skipped_and_the_next_append_lands_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("h.jsonl");
    append(&path, &sample(0)).unwrap();
    let whole = serde_json::to_string(&sample(1)).unwrap();
    write_raw(&path, &whole.as_bytes()[..whole.len() / 2]);

    let log = read(&path).unwrap();
    assert_eq!(log.records, [sample(0)]);
    assert_eq!(log.warnings.len(), 1);
    assert_eq!(log.warnings[0].problem, Problem::Incomplete);
    assert_eq!(
        log.warnings[0].to_string(),
        format!(
            "`{}`: line 2 is incomplete (an interrupted write?) and was skipped",
            path.display()
        )
    );

    append(&path, &sample(2)).unwrap();
    let log = read(&path).unwrap();
    assert_eq!(log.records, [sample(0), sample(2)]);
    assert_eq!(log.warnings.len(), 1);
    assert_eq!(log.warnings[0].line, 2);
    assert!(matches!(log.warnings[0].problem, Problem::Invalid { .. }));
}

#[test]
fn a_corrupt_middle_line_is_reported_with_its_number_and_reason() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("h.jsonl");
    append(&path, &sample(0)).unwrap();
    write_raw(&path, b"{\"routine\": 42}\n");
    append(&path, &sample(1)).unwrap();
    let log = read(&path).unwrap();
    assert_eq!(log.records, [sample(0), sample(1)]);
    let warning = log.warnings[0].to_string();
    assert_eq!(log.warnings[0].line, 2);
    assert!(
        warning.starts_with(&format!(
            "`{}`: line 2 was skipped: invalid type",
            path.display()
        )),
        "{warning}"
    );
    assert!(
        warning.contains("at column") && !warning.contains("at line 1"),
        "{warning}"
    );
    assert!(warning.ends_with("`{\"routine\": 42}`"), "{warning}");
}

#[test]
fn a_whole_but_wrong_last_line_is_not_called_incomplete() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("h.jsonl");
    append(&path, &sample(0)).unwrap();
    write_raw(&path, b"not json at all\n");
    let log = read(&path).unwrap();
    assert!(matches!(log.warnings[0].problem, Problem::Invalid { .. }));
    // A last line cut inside the JSON is incomplete even with a newline.
    write_raw(&path, b"{\"routine\":\"x\",\n");
    let log = read(&path).unwrap();
    assert_eq!(log.warnings[1].problem, Problem::Incomplete);
}

#[test]
fn garbage_lines_give_short_escaped_warnings_and_never_panic() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("h.jsonl");
    let mut garbage = b"\x1b[2J\xff\xfe\x00\x07\r\t".to_vec();
    garbage.extend(std::iter::repeat_n(b'x', 5000));
    garbage.extend("\u{202e}é".as_bytes());
    garbage.push(b'\n');
    write_raw(&path, &garbage);
    write_raw(&path, b"{\"title\":\"\xff\"}\n");
    append(&path, &sample(0)).unwrap();
    let log = read(&path).unwrap();
    assert_eq!(log.records, [sample(0)]);
    assert_eq!(log.warnings.len(), 2);
    for warning in &log.warnings {
        let text = warning.to_string();
        assert!(!text.chars().any(char::is_control), "{text:?}");
        assert!(text.chars().count() < 300, "{text}");
    }
    assert!(log.warnings[0].to_string().contains("\\u{1b}[2J"));
}

#[test]
fn a_line_too_long_for_memory_is_skipped_by_length() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("h.jsonl");
    write_raw(&path, &vec![b'{'; MAX_LINE + 10]);
    write_raw(&path, b"\n");
    append(&path, &sample(0)).unwrap();
    let log = read(&path).unwrap();
    assert_eq!(log.records, [sample(0)]);
    assert_eq!(
        log.warnings[0].problem,
        Problem::TooLong {
            bytes: MAX_LINE as u64 + 10
        }
    );
}

#[test]
fn invalid_durations_are_refused_before_touching_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("h.jsonl");
    for bad in [f64::NAN, f64::INFINITY, -1.0] {
        let mut record = sample(0);
        record.active_seconds = bad;
        let err = append(&path, &record).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidInput);
    }
    assert!(!path.exists());
}

#[test]
fn concurrent_appenders_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("h.jsonl");
    std::thread::scope(|scope| {
        for writer in 0..2 {
            let path = &path;
            scope.spawn(move || {
                for n in 0..200 {
                    let mut record = sample(n);
                    record.title = format!("writer {writer} record {n} {}", "-".repeat(n * 20));
                    append(path, &record).unwrap();
                }
            });
        }
    });
    let log = read(&path).unwrap();
    assert!(log.warnings.is_empty(), "{:?}", log.warnings);
    assert_eq!(log.records.len(), 400);
    for writer in 0..2 {
        let mine: Vec<_> = log
            .records
            .iter()
            .filter(|r| r.title.starts_with(&format!("writer {writer} ")))
            .collect();
        assert_eq!(mine.len(), 200);
        for (n, record) in mine.iter().enumerate() {
            assert!(
                record
                    .title
                    .starts_with(&format!("writer {writer} record {n} "))
            );
        }
    }
}

fn good_line(n: usize) -> Vec<u8> {
    let mut line = serde_json::to_vec(&sample(n)).unwrap();
    line.push(b'\n');
    line
}

/// The problem reported for `line` when a good record follows it.
fn problem_with(line: &[u8]) -> Problem {
    let bytes = [line, b"\n", &good_line(0)].concat();
    let log = read_from(Path::new("h.jsonl"), &bytes[..]).unwrap();
    assert_eq!(log.records, [sample(0)]);
    assert_eq!(log.warnings.len(), 1, "{:?}", log.warnings);
    log.warnings[0].problem.clone()
}

/// The problem reported for `line` as the last line, without a newline.
fn problem_at_end(line: &[u8]) -> Problem {
    let bytes = [&good_line(0), line].concat();
    let log = read_from(Path::new("h.jsonl"), &bytes[..]).unwrap();
    assert_eq!(log.warnings.len(), 1, "{:?}", log.warnings);
    log.warnings[0].problem.clone()
}

#[test]
fn a_line_of_exactly_the_maximum_length_is_parsed_and_one_byte_more_is_too_long() {
    let longest = vec![b'x'; MAX_LINE];
    assert!(matches!(problem_with(&longest), Problem::Invalid { .. }));
    assert_eq!(problem_at_end(&longest), Problem::Incomplete);
    let over = vec![b'x'; MAX_LINE + 1];
    let too_long = Problem::TooLong {
        bytes: MAX_LINE as u64 + 1,
    };
    assert_eq!(problem_with(&over), too_long);
    assert_eq!(problem_at_end(&over), too_long);
}

#[test]
fn a_long_line_read_in_small_pieces_keeps_only_the_maximum_and_counts_the_rest() {
    let mut bytes = vec![b'y'; MAX_LINE + 5000];
    bytes.extend(b"\nnext\n");
    let mut reader = BufReader::with_capacity(4096, &bytes[..]);
    let mut buf = Vec::new();
    let line = read_line(&mut reader, &mut buf).unwrap().unwrap();
    assert_eq!(line.bytes, MAX_LINE as u64 + 5000);
    assert!(line.too_long && line.newline);
    assert_eq!(buf.len(), MAX_LINE);
    let next = read_line(&mut reader, &mut buf).unwrap().unwrap();
    assert_eq!((buf.as_slice(), next.bytes), (&b"next"[..], 4));
    assert!(read_line(&mut reader, &mut buf).unwrap().is_none());
}

/// A reader that fails once with `kind`, then reads `data`.
struct FailsOnce<'a> {
    kind: Option<io::ErrorKind>,
    data: &'a [u8],
}

impl Read for FailsOnce<'_> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        match self.kind.take() {
            Some(kind) => Err(io::Error::from(kind)),
            None => self.data.read(out),
        }
    }
}

#[test]
fn an_interrupted_read_is_retried() {
    let data = good_line(0);
    let reader = BufReader::new(FailsOnce {
        kind: Some(io::ErrorKind::Interrupted),
        data: &data,
    });
    let log = read_from(Path::new("h.jsonl"), reader).unwrap();
    assert_eq!(log.records, [sample(0)]);
}

#[test]
fn any_other_read_error_is_returned() {
    let data = good_line(0);
    let reader = BufReader::new(FailsOnce {
        kind: Some(io::ErrorKind::BrokenPipe),
        data: &data,
    });
    let err = read_from(Path::new("h.jsonl"), reader).unwrap_err();
    assert_eq!(err.kind(), io::ErrorKind::BrokenPipe);
}

#[test]
fn a_path_that_cannot_be_looked_at_is_an_error_not_an_empty_log() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("h.jsonl");
    append(&file, &sample(0)).unwrap();
    // A path through a regular file fails with "not a directory".
    let err = read(&file.join("h.jsonl")).unwrap_err();
    assert_ne!(err.kind(), io::ErrorKind::NotFound);
    assert!(append(&file.join("h.jsonl"), &sample(1)).is_err());
}

#[test]
fn an_excerpt_shows_sixty_characters_however_many_bytes_they_take() {
    let ascii = "a".repeat(100);
    assert_eq!(excerpt(ascii.as_bytes()), format!("{}…", "a".repeat(60)));
    let sixty = "😀".repeat(60);
    assert_eq!(excerpt(sixty.as_bytes()), sixty);
    let more = "😀".repeat(61);
    assert_eq!(excerpt(more.as_bytes()), format!("{sixty}…"));
    assert_eq!(excerpt(b"short"), "short");
}

#[test]
fn a_run_of_zero_seconds_is_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("h.jsonl");
    let mut record = sample(0);
    record.active_seconds = 0.0;
    append(&path, &record).unwrap();
    assert_eq!(read(&path).unwrap().records, [record]);
}

#[test]
fn appending_to_an_empty_file_adds_no_blank_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("h.jsonl");
    File::create(&path).unwrap();
    append(&path, &sample(0)).unwrap();
    assert_eq!(fs::read(&path).unwrap(), good_line(0));
}

/// Makes a FIFO at `path`, or says why the test is skipped.
fn mkfifo(path: &Path) -> bool {
    match std::process::Command::new("mkfifo").arg(path).status() {
        Ok(status) if status.success() => true,
        outcome => {
            eprintln!("skipped: mkfifo is not available here ({outcome:?})");
            false
        }
    }
}

#[test]
fn a_fifo_as_the_history_is_refused_without_blocking() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("h.jsonl");
    if !mkfifo(&path) {
        return;
    }
    let err = read(&path).unwrap_err();
    assert_eq!(err.kind(), io::ErrorKind::InvalidInput);
    assert_eq!(
        err.to_string(),
        "is a FIFO (a named pipe), not a regular file; the history must be a plain file"
    );
    let err = append(&path, &sample(0)).unwrap_err();
    assert!(
        err.to_string().starts_with("is a FIFO (a named pipe),"),
        "{err}"
    );
}

#[test]
fn a_history_linked_to_a_device_that_never_ends_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("h.jsonl");
    std::os::unix::fs::symlink("/dev/zero", &path).unwrap();
    let err = read(&path).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("is a device, not a regular file"),
        "{err}"
    );
    let err = append(&path, &sample(0)).unwrap_err();
    assert!(err.to_string().starts_with("is a device,"), "{err}");
}

#[test]
fn a_directory_or_a_socket_as_the_history_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let err = read(dir.path()).unwrap_err();
    assert!(err.to_string().starts_with("is a directory,"), "{err}");
    let socket = dir.path().join("h.sock");
    let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
    let err = read(&socket).unwrap_err();
    assert!(err.to_string().starts_with("is a socket,"), "{err}");
}

#[test]
fn a_history_over_the_size_cap_is_refused_and_one_at_the_cap_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("h.jsonl");
    write_raw(&path, &good_line(0));
    let cap = fs::metadata(&path).unwrap().len();
    assert_eq!(read_capped(&path, cap).unwrap().records, [sample(0)]);
    let err = read_capped(&path, cap - 1).unwrap_err();
    assert_eq!(err.kind(), io::ErrorKind::FileTooLarge);
    assert!(read_capped(&path, 3 << 20).is_ok());
    write_raw(&path, &vec![b' '; 3 << 20]);
    let err = read_capped(&path, 3 << 20).unwrap_err();
    assert_eq!(
        err.to_string(),
        "is larger than 3 MiB, more than any history could be; move it aside to start a new one"
    );
}

#[test]
fn an_append_gives_up_with_a_clear_error_while_another_process_holds_the_lock() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("h.jsonl");
    append(&path, &sample(0)).unwrap();
    let holder = File::open(&path).unwrap();
    holder.lock().unwrap();
    let err = append_waiting(&path, &sample(1), Duration::from_millis(120)).unwrap_err();
    assert_eq!(err.kind(), io::ErrorKind::TimedOut);
    assert_eq!(
        err.to_string(),
        "another mobility seems to be writing it (it was still locked after 120ms), \
         so this run was not recorded"
    );
    holder.unlock().unwrap();
    assert_eq!(read(&path).unwrap().records, [sample(0)]);
    append_waiting(&path, &sample(1), Duration::from_millis(120)).unwrap();
    assert_eq!(read(&path).unwrap().records, [sample(0), sample(1)]);
}

#[test]
fn an_append_waits_for_a_lock_released_within_the_timeout() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("h.jsonl");
    append(&path, &sample(0)).unwrap();
    let holder = File::open(&path).unwrap();
    holder.lock().unwrap();
    std::thread::scope(|scope| {
        let appender = scope.spawn(|| append_waiting(&path, &sample(1), Duration::from_secs(30)));
        // The appender is polling by now, or will find the lock free.
        std::thread::sleep(Duration::from_millis(200));
        holder.unlock().unwrap();
        appender.join().unwrap().unwrap();
    });
    assert_eq!(read(&path).unwrap().records, [sample(0), sample(1)]);
}

fn garbage(lines: usize) -> Vec<u8> {
    let mut bytes = good_line(0);
    for n in 0..lines {
        bytes.extend(format!("garbage {n}\n").as_bytes());
    }
    bytes.extend(good_line(1));
    bytes
}

#[test]
fn ten_thousand_bad_lines_print_five_warnings_and_a_count() {
    let log = read_from(Path::new("/s/h.jsonl"), &garbage(10_000)[..]).unwrap();
    assert_eq!(log.records, [sample(0), sample(1)]);
    assert_eq!((log.warnings.len(), log.more_skipped), (5, 9995));
    let lines: Vec<String> = log.warning_lines().collect();
    assert_eq!(lines.len(), 6);
    assert!(
        lines[4].starts_with("`/s/h.jsonl`: line 6 was skipped"),
        "{}",
        lines[4]
    );
    assert_eq!(
        lines[5],
        "`/s/h.jsonl`: … and 9995 more lines could not be read"
    );
}

#[test]
fn the_count_of_hidden_warnings_says_line_for_one_and_is_left_out_for_none() {
    let log = read_from(Path::new("h.jsonl"), &garbage(6)[..]).unwrap();
    let lines: Vec<String> = log.warning_lines().collect();
    assert_eq!(lines.len(), 6);
    assert_eq!(lines[5], "`h.jsonl`: … and 1 more line could not be read");
    let log = read_from(Path::new("h.jsonl"), &garbage(5)[..]).unwrap();
    let lines: Vec<String> = log.warning_lines().collect();
    assert_eq!(lines.len(), 5);
    assert!(lines.iter().all(|l| l.contains("was skipped")));
    assert_eq!(Log::default().warning_lines().count(), 0);
}

#[test]
fn warnings_escape_the_path_of_the_file() {
    let path = Path::new("/tmp/h\u{1b}]0;x\u{7}.jsonl");
    let log = read_from(path, &garbage(7)[..]).unwrap();
    for line in log.warning_lines() {
        assert!(!line.chars().any(char::is_control), "{line:?}");
        assert!(
            line.starts_with("`/tmp/h\\u{1b}]0;x\\u{7}.jsonl`: "),
            "{line}"
        );
    }
}

#[test]
fn a_time_that_could_not_be_read_back_is_refused_in_a_short_message() {
    let dir = tempfile::tempdir().unwrap();
    let mut record = sample(1);
    record.active_seconds = -1e300;
    let e = append(&dir.path().join("h.jsonl"), &record).unwrap_err();
    let said = e.to_string();
    assert!(said.starts_with("active_seconds must be"), "{said}");
    assert!(said.len() < 120, "{said}");
}

const RUN_FIELDS: &str = r#""routine":"r","title":"R","started_at":"2026-11-26T10:30:00+01:00","ended_at":"2026-11-26T10:40:00+01:00","active_seconds":12,"completed":true,"steps_done":1,"steps_total":1"#;

#[test]
fn a_line_that_starts_with_another_kind_is_that_kind_though_it_has_every_field_of_a_run() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("h.jsonl");
    write_raw(
        &path,
        format!("{{ \"kind\":\"goal\",{RUN_FIELDS}}}\n").as_bytes(),
    );
    let log = read(&path).unwrap();
    assert!(log.warnings.is_empty(), "{:?}", log.warnings);
    assert_eq!(log.records, [], "not counted as a run");
    assert_eq!(log.other.len(), 1);
    assert_eq!(log.other[0].kind, "goal");
}

#[test]
fn a_line_with_every_field_of_a_run_and_a_kind_further_on_is_a_run() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("h.jsonl");
    write_raw(
        &path,
        format!("{{{RUN_FIELDS},\"kind\":\"goal\"}}\n").as_bytes(),
    );
    let log = read(&path).unwrap();
    assert!(log.warnings.is_empty(), "{:?}", log.warnings);
    assert_eq!(log.records.len(), 1);
    assert_eq!(log.records[0].routine, "r");
    assert!(log.other.is_empty(), "{:?}", log.other);
}
