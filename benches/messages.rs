//! `cargo bench --bench messages`: what validation costs, against plain unvalidated serde structs.
//!
//! Groups, in order (each reports throughput in bytes of JSON; compare ratios within one run):
//! `warm_up`; `serialize` (ours vs plain structs, byte-identical JSON, asserted below);
//! `build_validate_serialize` (from owned inputs to bytes); `validate` (the 100 messages, each kind,
//! and one text per length); `check_valid` and `check_invalid` (the untrusted-JSON checker vs
//! parsing a `serde_json::Value`); `serialize_sonic_rs` (`serialize` with `sonic-rs`). The README's "Performance" section holds the
//! figures.

#![allow(missing_docs)] // criterion_group! defines an undocumented function

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{BatchSize, Criterion, Throughput, criterion_group};
use exotel_whatsapp::check::check;
use exotel_whatsapp::text::TextBody;

mod workload;
use workload::{Input, build_plain, build_request, inputs, invalid_json, valid_json};

/// Serializes with `serde_json` into `buf`, reused across iterations.
fn to_json<T: serde::Serialize>(buf: &mut Vec<u8>, value: &T) {
    buf.clear();
    serde_json::to_writer(&mut *buf, value).unwrap();
}

/// Serializes with `sonic-rs` into `buf`, reused across iterations.
fn to_sonic<T: serde::Serialize>(buf: &mut Vec<u8>, value: &T) {
    buf.clear();
    sonic_rs::to_writer(&mut *buf, value).unwrap();
}

/// The JSON must be the same byte for byte, or the comparison means nothing.
fn assert_identical() {
    let (ours, plain) = (build_request(inputs()), build_plain(inputs()));
    let (mut a, mut b) = (Vec::new(), Vec::new());
    to_json(&mut a, &ours);
    to_json(&mut b, &plain);
    assert!(a == b, "ours and the plain structs differ");
    assert_eq!(a, valid_json());
    let (mut c, mut d) = (Vec::new(), Vec::new());
    to_sonic(&mut c, &ours);
    to_sonic(&mut d, &plain);
    assert!(c == d, "sonic-rs: ours and the plain structs differ");
    let value = |json: &[u8]| serde_json::from_slice::<serde_json::Value>(json).unwrap();
    assert_eq!(value(&c), value(&a));
    let report = check(&a);
    assert!(report.is_valid() && report.warnings().is_empty(), "{:?}", report.errors());
    assert_eq!(report.request(), Some(&ours));
    // Eight mistakes; the misspelt `Content` counts twice (`content` required, `Content` unknown).
    assert_eq!(check(&invalid_json()).errors().len(), 9);
}

fn warm_up(c: &mut Criterion) {
    assert_identical();
    let json = valid_json();
    let mut g = c.benchmark_group("warm_up");
    g.throughput(Throughput::Bytes(json.len() as u64));
    g.bench_function("everything", |b| {
        let mut buf = Vec::with_capacity(json.len());
        b.iter_batched(
            inputs,
            |inputs| {
                let request = build_request(inputs);
                to_json(&mut buf, &request);
                check(black_box(&buf))
            },
            BatchSize::SmallInput,
        );
    });
    g.finish();
}

fn serialize(c: &mut Criterion) {
    let (ours, plain) = (build_request(inputs()), build_plain(inputs()));
    let len = valid_json().len();
    let mut g = c.benchmark_group("serialize");
    g.throughput(Throughput::Bytes(len as u64));
    let mut buf = Vec::with_capacity(len);
    g.bench_function("ours", |b| b.iter(|| to_json(&mut buf, black_box(&ours))));
    g.bench_function("plain", |b| b.iter(|| to_json(&mut buf, black_box(&plain))));
    g.finish();
}

fn serialize_sonic_rs(c: &mut Criterion) {
    let (ours, plain) = (build_request(inputs()), build_plain(inputs()));
    let len = valid_json().len();
    let mut g = c.benchmark_group("serialize_sonic_rs");
    g.throughput(Throughput::Bytes(len as u64));
    let mut buf = Vec::with_capacity(len);
    g.bench_function("ours", |b| b.iter(|| to_sonic(&mut buf, black_box(&ours))));
    g.bench_function("plain", |b| b.iter(|| to_sonic(&mut buf, black_box(&plain))));
    g.finish();
}

fn build_validate_serialize(c: &mut Criterion) {
    let len = valid_json().len();
    let mut g = c.benchmark_group("build_validate_serialize");
    g.throughput(Throughput::Bytes(len as u64));
    let mut buf = Vec::with_capacity(len);
    g.bench_function("ours", |b| {
        b.iter_batched(
            inputs,
            |inputs| {
                let request = build_request(inputs);
                to_json(&mut buf, &request);
                request
            },
            BatchSize::SmallInput,
        );
    });
    g.bench_function("plain", |b| {
        b.iter_batched(
            inputs,
            |inputs| {
                let request = build_plain(inputs);
                to_json(&mut buf, &request);
                request
            },
            BatchSize::SmallInput,
        );
    });
    g.finish();
}

/// The messages of one kind, by the name the benchmark gives them.
fn kind(input: &Input) -> &'static str {
    match input {
        Input::Text { .. } => "text",
        Input::Image { .. } => "image",
        Input::List { .. } => "list",
        Input::Buttons { .. } => "buttons",
        Input::Template { .. } => "template",
    }
}

fn validate(c: &mut Criterion) {
    let all = inputs();
    let len = valid_json().len();
    let mut g = c.benchmark_group("validate");
    // The rules' cost is `ours` minus `plain`: both move the same owned inputs into their structs.
    g.throughput(Throughput::Bytes(len as u64));
    g.bench_function("all_100/ours", |b| {
        b.iter_batched(|| all.clone(), build_request, BatchSize::SmallInput);
    });
    g.bench_function("all_100/plain", |b| b.iter_batched(|| all.clone(), build_plain, BatchSize::SmallInput));
    for name in ["text", "image", "list", "buttons", "template"] {
        let some: Vec<Input> = all.iter().filter(|i| kind(i) == name).cloned().collect();
        let bytes = serde_json::to_vec(&build_plain(some.clone())).unwrap().len();
        g.throughput(Throughput::Bytes(bytes as u64));
        g.bench_function(format!("{name}/ours"), |b| {
            b.iter_batched(
                || some.clone(),
                |some| some.into_iter().map(workload::build_message).collect::<Vec<_>>(),
                BatchSize::SmallInput,
            );
        });
        g.bench_function(format!("{name}/plain"), |b| {
            b.iter_batched(|| some.clone(), build_plain, BatchSize::SmallInput);
        });
    }
    // One text body (limit 4096 characters) per length: ASCII, and Devanagari (3 bytes a
    // character, so above 1365 characters its byte length passes the limit and characters are counted).
    for chars in [1, 64, 1024, 4096] {
        for (script, unit) in [("ascii", "a"), ("devanagari", "न")] {
            let text = unit.repeat(chars);
            g.throughput(Throughput::Bytes(text.len() as u64));
            g.bench_function(format!("text_body/{script}/{chars}"), |b| {
                b.iter_batched(|| text.clone(), |t| TextBody::new(t).unwrap(), BatchSize::SmallInput);
            });
            // What the same text costs to serialize, for the ratio.
            let body = TextBody::new(text.clone()).unwrap();
            let mut buf = Vec::with_capacity(2 * text.len() + 2);
            g.bench_function(format!("text_body_serialize/{script}/{chars}"), |b| {
                b.iter(|| to_json(&mut buf, black_box(&body)));
            });
        }
    }
    g.finish();
}

fn check_group(c: &mut Criterion) {
    for (name, json) in [("valid", valid_json()), ("invalid", invalid_json())] {
        let mut g = c.benchmark_group(format!("check_{name}"));
        g.throughput(Throughput::Bytes(json.len() as u64));
        g.bench_function("check", |b| b.iter(|| check(black_box(&json))));
        g.bench_function("serde_json_value", |b| {
            b.iter(|| serde_json::from_slice::<serde_json::Value>(black_box(&json)).unwrap());
        });
        g.finish();
    }
}

fn config() -> Criterion {
    Criterion::default()
        .sample_size(30)
        .warm_up_time(Duration::from_millis(800))
        .measurement_time(Duration::from_secs(2))
        .configure_from_args()
}

criterion_group! {
    name = benches;
    config = config();
    targets = warm_up, serialize, build_validate_serialize, validate, check_group, serialize_sonic_rs
}

/// The fastest of `ROUNDS` timed runs of `a` and of `b`, alternating, so that both see the same
/// machine: on a shared machine the minimum is what the code costs, the rest is other people's load.
fn min_pair<I, A, B>(
    setup: impl Fn() -> I,
    mut a: impl FnMut(I) -> A,
    mut b: impl FnMut(I) -> B,
) -> (f64, f64) {
    const ROUNDS: usize = 400;
    let (mut best_a, mut best_b) = (f64::MAX, f64::MAX);
    for _ in 0..ROUNDS {
        let input = setup();
        let start = Instant::now();
        let out = black_box(a(input));
        best_a = best_a.min(start.elapsed().as_secs_f64());
        drop(out);
        let input = setup();
        let start = Instant::now();
        let out = black_box(b(input));
        best_b = best_b.min(start.elapsed().as_secs_f64());
        drop(out);
    }
    (best_a * 1e6, best_b * 1e6)
}

/// The ratios of issue 7's targets, measured by [`min_pair`] after the criterion groups; printed as
/// the README's table rows.
fn ratios() {
    let (ours, plain) = (build_request(inputs()), build_plain(inputs()));
    let (valid, invalid) = (valid_json(), invalid_json());
    let (mut buf, mut buf_b) = (Vec::with_capacity(2 * valid.len()), Vec::with_capacity(2 * valid.len()));
    let mut rows = Vec::new();
    let (a, b) = min_pair(|| (), |()| to_json(&mut buf, &ours), |()| to_json(&mut buf_b, &plain));
    let serialize = a;
    rows.push(("serialize: ours / plain structs (serde_json)", a, b, "≤ 1.05"));
    let (a, b) = min_pair(|| (), |()| to_sonic(&mut buf, &ours), |()| to_sonic(&mut buf_b, &plain));
    rows.push(("serialize with sonic-rs: ours / plain structs", a, b, "—"));
    let (a, b) = min_pair(
        inputs,
        |i| {
            let r = build_request(i);
            to_json(&mut buf, &r);
            r
        },
        |i| {
            let r = build_plain(i);
            to_json(&mut buf_b, &r);
            r
        },
    );
    rows.push(("build + validate + serialize: ours / plain build + serialize", a, b, "≤ 1.3"));
    let (a, b) = min_pair(inputs, build_request, build_plain);
    rows.push(("build + validate: ours / plain build", a, b, "—"));
    let validation = a - b;
    let (a, b) = min_pair(
        || (),
        |()| check(&valid),
        |()| serde_json::from_slice::<serde_json::Value>(&valid).unwrap(),
    );
    rows.push(("check, valid request / Value parse (results dropped after the timing)", a, b, "≤ 0.7"));
    let (a, b) = min_pair(
        || (),
        |()| drop(check(&valid)),
        |()| drop(serde_json::from_slice::<serde_json::Value>(&valid).unwrap()),
    );
    rows.push(("check, valid request / Value parse (results dropped in the timing)", a, b, "≤ 0.7"));
    let (a, b) = min_pair(
        || (),
        |()| check(&invalid),
        |()| serde_json::from_slice::<serde_json::Value>(&invalid).unwrap(),
    );
    rows.push(("check, request with 9 errors / Value parse", a, b, "—"));
    println!("\n| ratio (fastest of 400 alternating runs) | ours µs | baseline µs | ratio | target |");
    println!("| --- | --- | --- | --- | --- |");
    for (name, a, b, target) in rows {
        println!("| {name} | {a:.1} | {b:.1} | {:.3} | {target} |", a / b);
    }
    println!(
        "| validation (build+validate minus plain build) / serialize | {validation:.1} | {serialize:.1} | {:.3} | ≤ 0.05 |",
        validation / serialize
    );
}

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
    if !std::env::args().any(|a| a == "--test" || a == "--list") {
        ratios();
    }
}
