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
use std::time::Duration;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
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
criterion_main!(benches);
