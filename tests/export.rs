//! `history --export csv|ics`, read back by parsers written here: the CSV
//! gives back the records, and the iCalendar file has what RFC 5545 asks.

use jiff::{SignedDuration, Timestamp};
use serde_json::Value;

use crate::common::TestEnv;

/// Titles that CSV and iCalendar must carry through.
const TITLES: [&str; 5] = [
    "Plain",
    "Wall, then chair",
    "The \"slow\" one",
    "Two\nlines",
    "Crlf\r\nand; commas, \\ backslash ü",
];

/// A log of `n` runs, a day apart, cycling through [`TITLES`]; every third
/// one not completed, every other one from another machine.
fn log(env: &TestEnv, n: usize) {
    let mut text = String::new();
    let first: Timestamp = "2026-01-05T07:30:00.25Z".parse().unwrap();
    for i in 0..n {
        let start = first + SignedDuration::from_hours(24 * i as i64);
        let record = serde_json::json!({
            "routine": if i % 2 == 0 { "wall-flexion" } else { "chair" },
            "title": TITLES[i % TITLES.len()],
            "started_at": start.to_string(),
            "ended_at": (start + SignedDuration::from_secs(150)).to_string(),
            "active_seconds": 140.5,
            "completed": i % 3 != 2,
            "reached_end": i % 3 != 2,
            "steps_done": 4,
            "steps_total": 4,
            "steps_skipped": i % 2,
        });
        let mut record = record.as_object().unwrap().clone();
        if i % 2 == 1 {
            record.insert("machine".into(), "desk".into());
        }
        if i % 4 == 0 {
            record.insert("checkin_before".into(), (i % 7).into());
        }
        if i % 5 == 0 {
            record.insert("program".into(), "flexion-program".into());
            record.insert("stage".into(), (1 + i % 4).into());
        }
        text.push_str(&serde_json::to_string(&record).unwrap());
        text.push('\n');
        if i % 3 == 0 {
            // The check-in after the run, as the amendment that follows it.
            let checkin = serde_json::json!({
                "kind": "checkin",
                "run": start.to_string(),
                "at": (start + SignedDuration::from_secs(160)).to_string(),
                "rating": i % 11,
            });
            text.push_str(&serde_json::to_string(&checkin).unwrap());
            text.push('\n');
        }
    }
    env.write(env.history_file(), text);
}

/// An RFC 4180 parser: fields split at commas, records at CRLF, quoted
/// fields with `""` for a quote and any character inside. Panics on
/// anything the RFC does not allow, such as a bare LF outside quotes.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    let mut was_quoted = false;
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                c => field.push(c),
            }
            continue;
        }
        match c {
            '"' => {
                assert!(field.is_empty() && !was_quoted, "a quote inside a field");
                quoted = true;
                was_quoted = true;
            }
            ',' => {
                row.push(std::mem::take(&mut field));
                was_quoted = false;
            }
            '\r' => {
                assert_eq!(chars.next(), Some('\n'), "CR without LF");
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
                was_quoted = false;
            }
            '\n' => panic!("a bare LF outside quotes"),
            c => {
                assert!(!was_quoted, "text after a closing quote");
                field.push(c);
            }
        }
    }
    assert!(!quoted, "an unclosed quote");
    assert!(field.is_empty() && row.is_empty(), "no CRLF at the end");
    rows
}

fn records(env: &TestEnv) -> Vec<Value> {
    let json: Value =
        serde_json::from_str(&env.succeeds(["history", "--json", "--limit", "1000"])).unwrap();
    let mut records = json["records"].as_array().unwrap().clone();
    records.reverse();
    records
}

#[test]
fn the_csv_parses_back_into_the_same_records_with_every_run_by_default() {
    let env = TestEnv::new();
    log(&env, 30);
    let rows = parse_csv(&env.succeeds(["history", "--export", "csv"]));
    assert_eq!(
        rows[0].join(","),
        "routine,title,start,end,active_seconds,completed,steps_done,steps_total,steps_skipped,machine,checkin_before,checkin_after,program,stage"
    );
    let records = records(&env);
    assert_eq!(
        rows.len() - 1,
        30,
        "the list's default limit of 20 does not apply"
    );
    assert_eq!(records.len(), 30);
    for (row, r) in rows[1..].iter().zip(&records) {
        assert_eq!(row.len(), 14, "{row:?}");
        assert_eq!(row[0], r["routine"].as_str().unwrap());
        assert_eq!(row[1], r["title"].as_str().unwrap());
        let stamp = |s: &str| s.parse::<Timestamp>().unwrap();
        assert_eq!(stamp(&row[2]), stamp(r["started_at"].as_str().unwrap()));
        assert_eq!(stamp(&row[3]), stamp(r["ended_at"].as_str().unwrap()));
        assert_eq!(
            row[4].parse::<f64>().unwrap(),
            r["active_seconds"].as_f64().unwrap()
        );
        assert_eq!(row[5], r["completed"].to_string());
        assert_eq!(row[6], r["steps_done"].to_string());
        assert_eq!(row[7], r["steps_total"].to_string());
        assert_eq!(row[8], r["steps_skipped"].to_string());
        assert_eq!(row[9], r["machine"].as_str().unwrap_or(""));
        let rating = |v: &Value| v.as_u64().map(|n| n.to_string()).unwrap_or_default();
        assert_eq!(row[10], rating(&r["checkin_before"]));
        assert_eq!(row[11], rating(&r["checkin_after"]));
        assert_eq!(row[12], r["program"].as_str().unwrap_or(""));
        assert_eq!(row[13], rating(&r["stage"]));
    }
    assert!(
        rows.iter()
            .any(|r| r[12] == "flexion-program" && r[13] == "3"),
        "some runs are a program's stage"
    );
    assert!(rows.iter().any(|r| r[10] == "4"), "some runs rated before");
    assert!(rows.iter().any(|r| r[11] == "9"), "some rated after");
    assert!(
        rows.iter()
            .any(|r| r[1] == "Crlf\r\nand; commas, \\ backslash ü")
    );
}

#[test]
fn exports_take_the_lists_filters() {
    let env = TestEnv::new();
    log(&env, 30);
    let rows = |args: &[&str]| {
        let mut all = vec!["history", "--export", "csv"];
        all.extend_from_slice(args);
        parse_csv(&env.succeeds(all)).len() - 1
    };
    assert_eq!(rows(&["--routine", "chair"]), 15);
    assert_eq!(rows(&["--completed"]), 20);
    assert_eq!(rows(&["--since", "2026-01-25"]), 10);
    assert_eq!(rows(&["--limit", "3"]), 3);
}

/// The lines of an iCalendar file, unfolded, after checking that every
/// physical line ends in CRLF and holds at most 75 octets.
fn unfold(text: &str) -> Vec<String> {
    assert!(text.ends_with("\r\n"));
    let physical: Vec<&str> = text[..text.len() - 2].split("\r\n").collect();
    let mut lines: Vec<String> = Vec::new();
    for line in physical {
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
        assert!(!line.contains(['\r', '\n']), "{line:?}");
        match line.strip_prefix(' ') {
            Some(rest) => lines.last_mut().expect("a first line").push_str(rest),
            None => lines.push(line.to_string()),
        }
    }
    lines
}

/// A TEXT value with RFC 5545's escapes undone.
fn unescape(value: &str) -> String {
    let mut out = String::new();
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n' | 'N') => out.push('\n'),
                Some(c @ ('\\' | ';' | ',')) => out.push(c),
                other => panic!("bad escape \\{other:?} in {value:?}"),
            }
        } else {
            assert!(c != ';' && c != ',', "unescaped {c:?} in {value:?}");
            out.push(c);
        }
    }
    out
}

#[test]
fn the_ics_has_the_required_properties_folded_lines_and_stable_uids() {
    let env = TestEnv::new();
    log(&env, 30);
    let text = env.succeeds(["history", "--export", "ics"]);
    let lines = unfold(&text);
    assert_eq!(lines.first().unwrap(), "BEGIN:VCALENDAR");
    assert_eq!(lines.last().unwrap(), "END:VCALENDAR");
    assert!(lines.contains(&"VERSION:2.0".to_string()));
    assert!(lines.iter().any(|l| l.starts_with("PRODID:")));
    let events: Vec<&[String]> = lines
        .split(|l| l == "BEGIN:VEVENT")
        .skip(1)
        .map(|e| &e[..e.iter().position(|l| l == "END:VEVENT").unwrap()])
        .collect();
    let completed: Vec<Value> = records(&env)
        .into_iter()
        .filter(|r| r["completed"] == true)
        .collect();
    assert_eq!(events.len(), completed.len());
    assert_eq!(events.len(), 20);
    let utc = |s: &str| {
        assert!(s.len() == 16 && s.ends_with('Z'), "{s}");
        jiff::civil::DateTime::strptime("%Y%m%dT%H%M%SZ", s)
            .unwrap()
            .to_zoned_datetime(jiff::tz::TimeZone::UTC)
            .unwrap()
            .timestamp()
    };
    let mut uids = Vec::new();
    for (event, record) in events.iter().zip(&completed) {
        let prop = |name: &str| {
            let found: Vec<&str> = event
                .iter()
                .filter_map(|l| l.strip_prefix(name)?.strip_prefix(':'))
                .collect();
            assert_eq!(found.len(), 1, "{name} once in {event:?}");
            found[0]
        };
        uids.push(prop("UID").to_string());
        utc(prop("DTSTAMP"));
        let start: Timestamp = record["started_at"].as_str().unwrap().parse().unwrap();
        assert_eq!(utc(prop("DTSTART")).as_second(), start.as_second());
        assert!(utc(prop("DTEND")) > utc(prop("DTSTART")));
        let title = record["title"].as_str().unwrap().replace("\r\n", "\n");
        assert_eq!(unescape(prop("SUMMARY")), title);
    }
    let mut unique = uids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), uids.len(), "one UID per run");
    // The same runs exported again, after more runs: the same UIDs.
    assert_eq!(env.succeeds(["history", "--export", "ics"]), text);
    log(&env, 35);
    let again = unfold(&env.succeeds(["history", "--export", "ics"]));
    let again: Vec<&String> = again.iter().filter(|l| l.starts_with("UID:")).collect();
    for uid in &uids {
        assert!(again.iter().any(|l| l[4..] == *uid), "{uid} kept");
    }
}

#[test]
fn long_titles_fold_without_splitting_a_character() {
    let env = TestEnv::new();
    let start = "2026-01-05T07:30:00Z";
    let title = "ü€𝄞".repeat(40);
    env.write(
        env.history_file(),
        format!(
            r#"{{"routine":"r","title":"{title}","started_at":"{start}","ended_at":"2026-01-05T07:40:00Z","active_seconds":600,"completed":true,"steps_done":1,"steps_total":1}}"#
        ) + "\n",
    );
    let text = env.succeeds(["history", "--export", "ics"]);
    // Every physical line is valid UTF-8 on its own.
    for line in text.as_bytes().split(|&b| b == b'\n') {
        assert!(std::str::from_utf8(line).is_ok());
    }
    let lines = unfold(&text);
    assert!(lines.contains(&format!("SUMMARY:{title}")));
}

#[test]
fn a_run_dated_outside_what_the_exports_can_write_is_skipped_with_a_warning() {
    let env = TestEnv::new();
    let run = |start: &str, end: &str| {
        format!(
            r#"{{"routine":"wall-flexion","title":"T","started_at":"{start}","ended_at":"{end}","active_seconds":60,"completed":true,"steps_done":1,"steps_total":1}}"#
        )
    };
    let lines = [
        run("0000-01-01T00:30:00+01:00", "0000-01-01T00:40:00+01:00"),
        run("0001-01-01T00:30:00+01:00", "0001-01-01T00:40:00+01:00"),
        run("2026-01-05T07:30:00Z", "2026-01-05T07:40:00Z"),
    ];
    env.write(env.history_file(), lines.join("\n") + "\n");
    for format in ["ics", "csv"] {
        let out = env.run(["history", "--export", format]).exits(0);
        assert!(out.stderr.contains("years 1 to 9999"), "{}", out.stderr);
        if format == "ics" {
            let stamps: Vec<&str> = out
                .stdout
                .lines()
                .filter_map(|l| l.strip_prefix("DTSTART:"))
                .collect();
            assert_eq!(stamps, ["20260105T073000Z"], "{}", out.stdout);
        } else {
            let rows = parse_csv(&out.stdout);
            assert_eq!(rows.len(), 2, "{}", out.stdout);
            assert_eq!(rows[1][2], "2026-01-05T07:30:00+00:00");
        }
    }
    let out = env.run(["history"]).exits(0);
    assert!(out.stderr.contains("years 1 to 9999"), "{}", out.stderr);
}

/// One history line: `routine`, `title` and `machine` as given, on
/// 2026-01-DAY.
fn line(routine: &str, title: &str, machine: &str, day: u32) -> String {
    serde_json::json!({
        "routine": routine,
        "title": title,
        "started_at": format!("2026-01-{day:02}T07:30:00Z"),
        "ended_at": format!("2026-01-{day:02}T07:40:00Z"),
        "active_seconds": 60,
        "completed": true,
        "steps_done": 1,
        "steps_total": 1,
        "machine": machine,
    })
    .to_string()
        + "\n"
}

#[test]
fn a_cell_a_spreadsheet_would_run_as_a_formula_starts_with_a_quote() {
    let env = TestEnv::new();
    let starts = ["=1+1", "+SUM(A1)", "-2", "@cmd", "\tTab", "\rCr"];
    let text: String = starts
        .iter()
        .enumerate()
        .map(|(i, s)| line(s, &format!("{s} title"), s, i as u32 + 1))
        .collect();
    env.write(env.history_file(), text);
    let rows = parse_csv(&env.succeeds(["history", "--export", "csv"]));
    assert_eq!(rows.len(), starts.len() + 1);
    for (row, s) in rows[1..].iter().zip(starts) {
        assert_eq!(row[0], format!("'{s}"));
        assert_eq!(row[1], format!("'{s} title"));
        assert_eq!(row[9], format!("'{s}"));
        assert_eq!(row[4], "60", "numbers are left as they are");
    }
}

#[test]
fn a_file_written_newest_first_is_exported_oldest_first_and_limit_1_is_the_newest() {
    let env = TestEnv::new();
    let text: String = [7, 6, 5]
        .iter()
        .map(|&d| line(&format!("r{d}"), "T", "desk", d))
        .collect();
    env.write(env.history_file(), text);
    let rows = parse_csv(&env.succeeds(["history", "--export", "csv"]));
    let ids: Vec<&str> = rows[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(ids, ["r5", "r6", "r7"]);
    let out = env.succeeds(["history", "--limit", "1"]);
    assert!(out.starts_with("2026-01-07 07:30  r7"), "{out}");
    let ics = env.succeeds(["history", "--export", "ics"]);
    let starts: Vec<&str> = ics
        .lines()
        .filter_map(|l| l.strip_prefix("DTSTART:"))
        .collect();
    assert_eq!(
        starts,
        ["20260105T073000Z", "20260106T073000Z", "20260107T073000Z"]
    );
}
