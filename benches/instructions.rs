//! `cargo bench --bench instructions`: instruction counts of the workload under callgrind, the
//! regression guard that wall-clock noise cannot blur.
//!
//! Run without arguments (as `cargo bench` does), this binary runs itself once per phase under
//! `valgrind --tool=callgrind --toggle-collect=<phase function>`, so that only the phase is counted
//! (not building the inputs, not process start), prints each phase's instruction count and the
//! change from the last run, and keeps the counts in `$CARGO_TARGET_TMPDIR/instructions.txt` for
//! the next run to compare against. `--phase NAME` runs one phase natively (what valgrind runs).
//! Without valgrind on the `PATH` it says so and exits successfully.
//!
//! To see where a phase spends its instructions:
//! `valgrind --tool=callgrind --toggle-collect='*phase_check_valid*' --callgrind-out-file=cg.out
//! <this binary> --phase check_valid && callgrind_annotate --inclusive=yes cg.out | head -40`;
//! for wall-clock time, `perf record <this binary> --phase check_valid --repeat 2000`.
//!
//! After the counts it prints the ratios of issue 16's targets (`ratios`), each from phases of
//! the same run, as a table for the README. Run it as
//! `cargo bench -p exotel-whatsapp-benches --bench instructions`: with `-p`, the `Value`
//! baselines are a `serde_json` of default features. Without it, from the workspace root, the
//! root package is built too, and its dev-dependency on `serde_json` with `preserve_order` joins
//! this build (features unify across the packages of one build; `cargo tree -e features -i
//! serde_json`), which makes every `Value` parse slower; the table then says so. (The core's
//! `unbounded_depth` and `raw_value` are always on: one `serde_json` per build. `raw_value` does
//! not touch a `Value` parse; `unbounded_depth` only skips a depth counter.)

#![allow(missing_docs)] // a bench binary

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::hint::black_box;
use std::path::Path;
use std::process::Command;

use exotel_whatsapp::check::{Report, check};
use exotel_whatsapp::text::TextBody;
use exotel_whatsapp::{Request, callback};

#[path = "../tests/support/hostile.rs"]
mod hostile;
mod workload;
use workload::{
    Input, PlainRequest, borrowed, build_plain, build_request, build_whatsapp, callback_json, inputs,
    invalid_json, valid_json,
};

#[inline(never)]
fn phase_serialize_ours(request: &Request, buf: &mut Vec<u8>) {
    serde_json::to_writer(buf, black_box(request)).unwrap();
}

#[inline(never)]
fn phase_serialize_plain(request: &PlainRequest, buf: &mut Vec<u8>) {
    serde_json::to_writer(buf, black_box(request)).unwrap();
}

#[inline(never)]
fn phase_build_ours(inputs: Vec<Input>) -> Request {
    build_request(black_box(inputs))
}

/// From `&str`s borrowed from the inputs: the builders copy each into a `String`, as the
/// `whatsapp` crate's constructors do.
#[inline(never)]
fn phase_build_borrowed_ours(inputs: Vec<Input<&str>>) -> Request {
    build_request(black_box(inputs))
}

#[inline(never)]
fn phase_build_whatsapp(inputs: Vec<Input<&str>>) -> Vec<whatsapp::models::Message> {
    build_whatsapp(black_box(inputs))
}

#[inline(never)]
fn phase_serialize_whatsapp(messages: &[whatsapp::models::Message], buf: &mut Vec<u8>) {
    serde_json::to_writer(buf, black_box(messages)).unwrap();
}

#[inline(never)]
fn phase_callback_parse(body: &[u8]) -> Result<Vec<callback::Event>, callback::NotACallback> {
    callback::parse(black_box(body))
}

#[inline(never)]
fn phase_callback_value(body: &[u8]) -> serde_json::Value {
    serde_json::from_slice(black_box(body)).unwrap()
}

#[inline(never)]
fn phase_build_plain(inputs: Vec<Input>) -> PlainRequest {
    build_plain(black_box(inputs))
}

#[inline(never)]
fn phase_check_valid(json: &[u8]) -> Report {
    check(black_box(json))
}

/// Returns what it found, so that it is not folded into `phase_check_valid` (the same code).
#[inline(never)]
fn phase_check_invalid(json: &[u8]) -> (Report, usize) {
    let report = check(black_box(json));
    let n = report.errors().len();
    (report, n)
}

#[inline(never)]
fn phase_value_valid(json: &[u8]) -> serde_json::Value {
    serde_json::from_slice(black_box(json)).unwrap()
}

#[inline(never)]
fn phase_text_body_devanagari_4096(text: String) -> TextBody {
    TextBody::new(black_box(text)).unwrap()
}

/// The check of a text message with `preview_url` and the longest body of `http`s, whose link
/// search once rescanned the rest of the body for every `http` (issue 10): now linear in it.
/// Returns its warnings' count, so that it is not folded into `phase_check_valid` (the same code).
#[inline(never)]
fn phase_text_preview_http_4096(json: &[u8]) -> (Report, usize) {
    let report = check(black_box(json));
    let n = report.warnings().len();
    (report, n)
}

/// A request of one text message with `preview_url` and a body of 1024 `http`s.
fn preview_json() -> Vec<u8> {
    let body = "http".repeat(1024);
    format!(
        r#"{{"whatsapp": {{"messages": [{{"from": "919999999999", "to": "918888888888",
        "content": {{"type": "text", "text": {{"preview_url": true, "body": "{body}"}}}}}}]}}}}"#
    )
    .into_bytes()
}

/// One hostile input (`tests/support/hostile.rs`, issue 10) read by its entry point. `size` is
/// only in the name, so that each size is its own phase.
#[inline(never)]
fn phase_hostile(target: hostile::Target, body: &[u8]) {
    match target {
        hostile::Target::Check => drop(check(black_box(body))),
        hostile::Target::Deserialize => drop(serde_json::from_slice::<Request>(black_box(body))),
        hostile::Target::CallbackJson | hostile::Target::CallbackForm => {
            drop(callback::Parser::new().max_bytes(usize::MAX).parse(black_box(body)));
        }
    }
}

/// The two sizes of each hostile input: time linear in the input means a count 4 times larger
/// (a little less, as fixed costs do not grow).
const HOSTILE_SIZES: [usize; 2] = [256 << 10, 1 << 20];

/// Most the larger count may be, over the smaller one times 4: a little noise, never a square.
const LINEAR_SLACK: f64 = 1.15;

/// The hostile phases: `hostile/<target>/<name>/<size>`.
fn hostile_phases() -> Vec<String> {
    hostile::attacks()
        .iter()
        .flat_map(|a| HOSTILE_SIZES.map(|size| format!("hostile/{:?}/{}/{size}", a.target, a.name)))
        .collect()
}

const PHASES: &[&str] = &[
    "serialize_ours",
    "serialize_plain",
    "build_ours",
    "build_plain",
    "build_borrowed_ours",
    "build_whatsapp",
    "serialize_whatsapp",
    "check_valid",
    "check_invalid",
    "value_valid",
    "callback_parse",
    "callback_value",
    "text_body_devanagari_4096",
    "text_preview_http_4096",
];

/// Runs one phase once, after one unmeasured run of the same work (allocator warm-up).
fn run(phase: &str) {
    let mut buf = Vec::with_capacity(1 << 17);
    match phase {
        "serialize_ours" => {
            let request = build_request(inputs());
            serde_json::to_writer(&mut buf, &request).unwrap();
            buf.clear();
            phase_serialize_ours(&request, &mut buf);
        }
        "serialize_plain" => {
            let request = build_plain(inputs());
            serde_json::to_writer(&mut buf, &request).unwrap();
            buf.clear();
            phase_serialize_plain(&request, &mut buf);
        }
        "build_ours" => {
            drop(build_request(inputs()));
            drop(phase_build_ours(inputs()));
        }
        "build_plain" => {
            drop(build_plain(inputs()));
            drop(phase_build_plain(inputs()));
        }
        "build_borrowed_ours" => {
            let owned = inputs();
            drop(build_request(borrowed(&owned)));
            drop(phase_build_borrowed_ours(borrowed(&owned)));
        }
        "build_whatsapp" => {
            let owned = inputs();
            drop(build_whatsapp(borrowed(&owned)));
            drop(phase_build_whatsapp(borrowed(&owned)));
        }
        "serialize_whatsapp" => {
            let messages = build_whatsapp(borrowed(&inputs()));
            serde_json::to_writer(&mut buf, &messages).unwrap();
            buf.clear();
            phase_serialize_whatsapp(&messages, &mut buf);
        }
        "callback_parse" | "callback_value" => {
            let body = callback_json();
            drop(callback::parse(&body));
            if phase == "callback_parse" {
                drop(phase_callback_parse(&body));
            } else {
                drop(phase_callback_value(&body));
            }
        }
        "check_valid" | "check_invalid" | "value_valid" => {
            let json = if phase == "check_invalid" { invalid_json() } else { valid_json() };
            drop(check(&json));
            match phase {
                "check_valid" => drop(phase_check_valid(&json)),
                "check_invalid" => drop(phase_check_invalid(&json)),
                _ => drop(phase_value_valid(&json)),
            }
        }
        "text_body_devanagari_4096" => {
            drop(TextBody::new("न".repeat(4096)));
            drop(phase_text_body_devanagari_4096("न".repeat(4096)));
        }
        "text_preview_http_4096" => {
            let json = preview_json();
            drop(check(&json));
            drop(phase_text_preview_http_4096(&json));
        }
        other => {
            let attack = hostile::attacks()
                .into_iter()
                .find(|a| other.starts_with(&format!("hostile/{:?}/{}/", a.target, a.name)))
                .unwrap_or_else(|| {
                    panic!("unknown phase {other}; one of {PHASES:?} or {:?}", hostile_phases())
                });
            let size: usize = other.rsplit('/').next().unwrap().parse().unwrap();
            let body = (attack.make)(size);
            phase_hostile(attack.target, &body);
            phase_hostile(attack.target, &body);
        }
    }
}

/// The instructions callgrind counted in `out` (its `summary:` or `totals:` line).
fn instructions(out: &Path) -> u64 {
    let text = std::fs::read_to_string(out).unwrap();
    let line = text.lines().rev().find(|l| l.starts_with("summary:") || l.starts_with("totals:")).unwrap();
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(at) = args.iter().position(|a| a == "--phase") {
        // `--repeat N`: run the phase N times, for a sampling profiler (`perf record`).
        let repeat = args.iter().position(|a| a == "--repeat").map_or(1, |r| args[r + 1].parse().unwrap());
        for _ in 0..repeat {
            run(&args[at + 1]);
        }
        return;
    }
    assert_workloads();
    let valgrind = Command::new("valgrind").arg("--version").output();
    if !valgrind.is_ok_and(|o| o.status.success()) {
        println!("instructions: valgrind is not installed; nothing measured");
        return;
    }
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let saved = dir.join("instructions.txt");
    let before: BTreeMap<String, u64> = std::fs::read_to_string(&saved)
        .unwrap_or_default()
        .lines()
        .filter_map(|l| l.split_once(' ').and_then(|(k, v)| Some((k.to_owned(), v.parse().ok()?))))
        .collect();
    let exe = std::env::current_exe().unwrap();
    let mut now = String::new();
    let mut counts = BTreeMap::new();
    let phases = PHASES.iter().map(|p| (*p).to_owned()).chain(hostile_phases());
    for phase in phases {
        let function = phase.split('/').next().unwrap();
        let out = dir.join(format!("callgrind.{}.out", phase.replace('/', ".")));
        let status = Command::new("valgrind")
            .arg("--tool=callgrind")
            .arg(format!("--toggle-collect=*phase_{function}*"))
            .arg(format!("--callgrind-out-file={}", out.display()))
            .arg(&exe)
            .args(["--phase", &phase])
            .stderr(std::process::Stdio::null())
            .status()
            .unwrap();
        assert!(status.success(), "{phase} failed under valgrind");
        // A hostile phase runs its input twice (no warm-up to leave out: each is its own process).
        let n = instructions(&out) / if function == "hostile" { 2 } else { 1 };
        let change = before.get(&phase).map_or(String::new(), |&b| {
            #[allow(clippy::cast_precision_loss)]
            let pct = (n as f64 - b as f64) / b as f64 * 100.0;
            format!(" ({pct:+.2}% from {b})")
        });
        println!("{phase:48} {n:>12} instructions{change}");
        writeln!(now, "{phase} {n}").unwrap();
        counts.insert(phase, n);
    }
    std::fs::write(&saved, now).unwrap();
    ratios(&counts);
    linear(&counts);
}

/// Whether this build's `serde_json` keeps object keys in insertion order (`preserve_order`),
/// which a `Value` baseline of default features must not.
fn preserve_order() -> bool {
    let value: serde_json::Value = serde_json::from_str(r#"{"b": 0, "a": 0}"#).unwrap();
    value.as_object().and_then(|o| o.keys().next()).is_some_and(|k| k == "b")
}

/// The inputs of the ratios are what they claim to be: the callback body is 100 typed events,
/// the `whatsapp` crate's batch 100 messages.
fn assert_workloads() {
    let events = callback::parse(callback_json()).unwrap();
    assert_eq!(events.len(), 100);
    assert!(!events.iter().any(|e| matches!(e, callback::Event::Unknown(_))), "an event not understood");
    let batch: serde_json::Value = serde_json::to_value(build_whatsapp(borrowed(&inputs()))).unwrap();
    assert_eq!(batch.as_array().map(Vec::len), Some(100));
}

/// Prints the ratios of issue 16's targets as a Markdown table, each from this run's counts.
#[allow(clippy::cast_precision_loss)]
fn ratios(counts: &BTreeMap<String, u64>) {
    let n = |phase: &str| counts[phase] as f64;
    let value_note =
        if preserve_order() { " (`preserve_order` on: run with `-p exotel-whatsapp-benches`)" } else { "" };
    let rows = [
        (
            "build + validate + serialize / plain structs (owned inputs)".to_owned(),
            (n("build_ours") + n("serialize_ours")) / (n("build_plain") + n("serialize_plain")),
            "≤ 1.25",
        ),
        (
            "the same from borrowed `&str` / `whatsapp` 0.8.x build + serialize".to_owned(),
            (n("build_borrowed_ours") + n("serialize_ours"))
                / (n("build_whatsapp") + n("serialize_whatsapp")),
            "≤ 0.9",
        ),
        (
            "(build + validate − plain build) / plain serialize".to_owned(),
            (n("build_ours") - n("build_plain")) / n("serialize_plain"),
            "≤ 0.2",
        ),
        (
            format!("`check` of the valid request / `serde_json::Value` parse{value_note}"),
            n("check_valid") / n("value_valid"),
            "≤ 0.6",
        ),
        (
            format!("`check` of a request with a few errors / the same `Value` parse{value_note}"),
            n("check_invalid") / n("value_valid"),
            "≤ 1.2",
        ),
        (
            format!("`callback::parse` of 100 events / the same `Value` parse{value_note}"),
            n("callback_parse") / n("callback_value"),
            "≤ 0.8",
        ),
        ("serialize / plain structs".to_owned(), n("serialize_ours") / n("serialize_plain"), "≤ 1.02"),
    ];
    println!("\n| measure | ratio | target |\n| --- | --- | --- |");
    for (measure, ratio, target) in rows {
        println!("| {measure} | {ratio:.3} | {target} |");
    }
}

/// Holds every hostile input to time linear in its size: the count at the larger size is at most
/// [`LINEAR_SLACK`] times 4 times the count at the smaller one. Prints instructions per byte.
#[allow(clippy::cast_precision_loss)]
fn linear(counts: &BTreeMap<String, u64>) {
    let [small, large] = HOSTILE_SIZES;
    let mut quadratic = Vec::new();
    println!(
        "\nhostile input                                  instructions/byte   growth x{}",
        large / small
    );
    for attack in hostile::attacks() {
        let name = format!("hostile/{:?}/{}", attack.target, attack.name);
        let (a, b) = (counts[&format!("{name}/{small}")], counts[&format!("{name}/{large}")]);
        let growth = b as f64 / a as f64;
        println!("{name:48} {:>10.1} {growth:>12.2}", b as f64 / large as f64);
        if growth > (large / small) as f64 * LINEAR_SLACK {
            quadratic.push(name);
        }
    }
    assert!(quadratic.is_empty(), "not linear in the input: {quadratic:?}");
}
