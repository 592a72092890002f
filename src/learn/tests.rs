//! Tests of the perceptron model's scores in each table layout and of its file round trip.

use super::perceptron::*;
use crate::learn::Trainer;

/// Two classes told apart by one feature each, plus a shared noise feature.
fn train() -> Model {
    let mut t = Trainer::new(2);
    for i in 0..20 {
        let (feats, truth) = if i % 2 == 0 {
            ([1u64, 9], 0)
        } else {
            ([2u64, 9], 1)
        };
        let mut s = vec![0.0; 2];
        t.scores(&feats, &mut s);
        let guess = if s[1] > s[0] { 1 } else { 0 };
        t.update(&feats, truth, guess);
        t.tick();
    }
    t.finish(0.01, 0)
}

#[test]
fn learns_separable_classes() {
    let m = train();
    let mut buf = Vec::new();
    assert_eq!(m.best(&[1, 9], &mut buf, |_| true), 0);
    assert_eq!(m.best(&[2, 9], &mut buf, |_| true), 1);
    assert_eq!(m.best(&[2, 9], &mut buf, |c| c == 0), 0);
}

/// A model of `classes` classes whose features have from one to all classes' weights (at most
/// 63, what a feature may keep), so both the inline and the spilled entries of sparse slots
/// are used.
fn varied(classes: usize) -> Model {
    let rows = (1..200u32)
        .map(|k| {
            let w = (0..classes)
                .map(|c| {
                    if (k as usize + c) % (k as usize % 29 + 1) == 0
                        && (classes < 64 || c % 10 != 9)
                    {
                        k as i16 - c as i16 * 3
                    } else {
                        0
                    }
                })
                .collect();
            (k * 7919, w)
        })
        .collect();
    Model::new(classes, 0.01, rows)
}

#[test]
fn scores_are_the_sums_of_the_stored_rows_in_either_layout() {
    // 63 classes fill the stack accumulator but for its spare cell; 70 take the heap one
    for classes in [3, 17, 51, 63, 70] {
        let m = varied(classes);
        let rows: std::collections::HashMap<u32, Vec<u32>> = m.rows().into_iter().collect();
        assert!(rows.values().any(|r| r.len() > 3) || classes <= 4);
        assert!(rows.values().any(|r| r.len() <= 3));
        // spilled features with most classes' weights are kept as whole rows too
        assert!(!m.full_rows.is_empty() || classes <= 4);
        // features are hashed to 64 bits; short_key of (k << 32) is k
        let feats: Vec<u64> = (0..300u64).map(|k| (k * 7919) << 32).collect();
        let mut got = vec![0; classes];
        m.scores(&feats, &mut got);
        let mut want = vec![0; classes];
        for &f in &feats {
            for &e in rows.get(&short_key(f)).map_or(&[][..], Vec::as_slice) {
                want[(e >> 16) as usize] += e as u16 as i16 as i32;
            }
        }
        assert_eq!(got, want, "{classes} classes");
        assert_ne!(got, vec![0; classes]);
        let b = m.to_bytes();
        assert_eq!(Model::from_bytes(&b).unwrap().to_bytes(), b);
    }
}

/// A three-class model big enough for the compact 8-byte table scores the same sums as its
/// rows say, for stored and unseen features alike.
#[test]
fn a_big_three_class_model_is_compact_and_scores_its_rows() {
    let rows: Vec<(u32, Vec<i16>)> = (1..=720_000u32)
        .map(|k| {
            (
                k * 5,
                vec![(k % 7) as i16 - 3, -((k % 11) as i16), (k % 5) as i16],
            )
        })
        .collect();
    let m = Model::new(3, 0.01, rows);
    assert!(m.is_compact());
    let stored: std::collections::HashMap<u32, Vec<u32>> = m.rows().into_iter().collect();
    let feats: Vec<u64> = (0..5_000u64).map(|k| (k * 3) << 32).collect();
    let mut got = vec![0; 3];
    m.scores(&feats, &mut got);
    let mut want = vec![0; 3];
    for &f in &feats {
        for &e in stored.get(&short_key(f)).map_or(&[][..], Vec::as_slice) {
            want[(e >> 16) as usize] += e as u16 as i16 as i32;
        }
    }
    assert_eq!(got, want);
    assert_ne!(got, vec![0; 3]);
    let b = m.to_bytes();
    assert_eq!(Model::from_bytes(&b).unwrap().to_bytes(), b);
}
