//! What a stranger's bytes cost us in memory (issue 10): for every hostile input of
//! `support/hostile.rs`, the peak heap that `check::check`, `Deserialize` and `callback::parse`
//! allocate, held to a bound proportional to the input. Counted by a global allocator, so this
//! binary holds a single test: nothing else allocates while it measures. (Time is held to
//! linear by the instruction-count guard, `cargo bench --bench instructions`.)

#[path = "support/hostile.rs"]
mod hostile;

use exotel_whatsapp::{Request, callback, check};
use hostile::{Target, attacks};
use peak_alloc::PeakAlloc;

#[global_allocator]
static HEAP: PeakAlloc = PeakAlloc;

/// The size of each hostile input: large enough that a bound per byte dominates the fixed costs.
const SIZE: usize = 1 << 20;

/// Peak heap allowed, per byte of input, above a fixed 256 KiB. README "Untrusted input" states
/// the same figures: a `check` or `Deserialize` never builds a tree of the document, nor does a
/// JSON callback (its events keep their text); a form body is a tree of its fields first, and a
/// field costs a map node, so a body of tiny fields costs about 20 times its size.
fn bound(target: Target) -> usize {
    match target {
        Target::Check | Target::Deserialize | Target::CallbackJson => 10,
        Target::CallbackForm => 24,
    }
}

fn run(target: Target, body: &[u8]) {
    match target {
        Target::Check => drop(check::check(body)),
        Target::Deserialize => drop(serde_json::from_slice::<Request>(body)),
        Target::CallbackJson | Target::CallbackForm => {
            drop(callback::Parser::new().max_bytes(usize::MAX).parse(body));
        }
    }
}

#[test]
#[allow(clippy::cast_precision_loss, reason = "a ratio printed with one decimal")]
fn hostile_inputs_cost_a_bounded_multiple_of_their_size() {
    let mut over = Vec::new();
    for attack in attacks() {
        let body = (attack.make)(SIZE);
        assert!(body.len() <= SIZE && body.len() > SIZE / 2, "{}: {} bytes", attack.name, body.len());
        let before = HEAP.current_usage();
        HEAP.reset_peak_usage();
        run(attack.target, &body);
        let peak = HEAP.peak_usage() - before;
        let limit = bound(attack.target) * body.len() + (256 << 10);
        println!(
            "{:?} {:32} {:>9} bytes: peak {:>10} ({:.1}x)",
            attack.target,
            attack.name,
            body.len(),
            peak,
            peak as f64 / body.len() as f64
        );
        if peak > limit {
            over.push(format!("{:?} {}: {peak} > {limit}", attack.target, attack.name));
        }
    }
    assert!(over.is_empty(), "{over:#?}");

    // The same measure sees what a `Value` of one of these inputs costs: the bound is not met
    // by not counting.
    let body = hostile::repeat("[", "0", ",", "]", SIZE);
    HEAP.reset_peak_usage();
    let before = HEAP.current_usage();
    let value: serde_json::Value = serde_json::from_slice(&body).unwrap_or_default();
    assert!(HEAP.peak_usage() - before > 10 * body.len(), "a Value of a million zeros is large");
    drop(value);
}
