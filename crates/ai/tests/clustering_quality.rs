//! Clustering quality on a fixture of 377 keywords in 42 hand-labelled topics: pairwise precision
//! and recall of the offline clustering against the `expected_group` column.
//!
//! Run with `cargo test -p ai --test clustering_quality -- --nocapture` to see the numbers.

#![allow(clippy::unwrap_used)]

use ai::offline::OfflineProvider;
use ai::{Intent, KeywordIn, TextProvider};
use std::collections::{HashMap, HashSet};

struct Row {
    keyword: KeywordIn,
    group: String,
}

fn fixture() -> Vec<Row> {
    let text = include_str!("fixtures/clustering_keywords.csv");
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("id,keyword,volume,difficulty,intent,expected_group")
    );
    lines
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            assert_eq!(f.len(), 6, "bad fixture line {l:?}");
            Row {
                keyword: KeywordIn {
                    id: f[0].parse().unwrap(),
                    keyword: f[1].to_owned(),
                    volume: f[2].parse().unwrap(),
                    difficulty: f[3].parse().unwrap(),
                    intent: f[4].parse::<Intent>().unwrap(),
                },
                group: f[5].to_owned(),
            }
        })
        .collect()
}

/// Pairwise precision and recall: a pair of keywords is "predicted" when both are in one cluster
/// and "expected" when both have the same expected group.
fn pairwise(
    predicted: &HashMap<i64, usize>,
    expected: &HashMap<i64, &str>,
) -> (f64, f64, usize, usize) {
    let mut ids: Vec<i64> = expected.keys().copied().collect();
    ids.sort_unstable();
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    for (i, a) in ids.iter().enumerate() {
        for b in &ids[i + 1..] {
            let p = predicted[a] == predicted[b];
            let e = expected[a] == expected[b];
            match (p, e) {
                (true, true) => tp += 1,
                (true, false) => fp += 1,
                (false, true) => fn_ += 1,
                (false, false) => {}
            }
        }
    }
    let precision = if tp + fp == 0 {
        0.0
    } else {
        tp as f64 / (tp + fp) as f64
    };
    let recall = if tp + fn_ == 0 {
        0.0
    } else {
        tp as f64 / (tp + fn_) as f64
    };
    (precision, recall, tp + fp, tp + fn_)
}

#[test]
fn pairwise_metric_is_computed_correctly() {
    let expected: HashMap<i64, &str> = [(1, "a"), (2, "a"), (3, "a"), (4, "b")]
        .into_iter()
        .collect();
    // Perfect.
    let perfect: HashMap<i64, usize> = [(1, 0), (2, 0), (3, 0), (4, 1)].into_iter().collect();
    assert_eq!(pairwise(&perfect, &expected), (1.0, 1.0, 3, 3));
    // Everything in one cluster: 3 of 6 predicted pairs right, all expected pairs found.
    let lumped: HashMap<i64, usize> = [(1, 0), (2, 0), (3, 0), (4, 0)].into_iter().collect();
    assert_eq!(pairwise(&lumped, &expected), (0.5, 1.0, 6, 3));
    // All singletons: nothing predicted, nothing found.
    let split: HashMap<i64, usize> = [(1, 0), (2, 1), (3, 2), (4, 3)].into_iter().collect();
    assert_eq!(pairwise(&split, &expected), (0.0, 0.0, 0, 3));
}

#[test]
fn offline_clustering_meets_precision_and_recall_targets() {
    let rows = fixture();
    assert!(rows.len() >= 300, "fixture has {} keywords", rows.len());
    let groups: HashSet<&str> = rows.iter().map(|r| r.group.as_str()).collect();
    assert!((30..=45).contains(&groups.len()), "{} groups", groups.len());

    let input: Vec<KeywordIn> = rows.iter().map(|r| r.keyword.clone()).collect();
    let out = OfflineProvider::new()
        .cluster_keywords(&input)
        .unwrap()
        .output;

    let mut predicted: HashMap<i64, usize> = HashMap::new();
    for (ci, c) in out.clusters.iter().enumerate() {
        assert!(
            c.keyword_ids.len() <= 10,
            "cluster {} has {} keywords",
            c.name,
            c.keyword_ids.len()
        );
        for id in &c.keyword_ids {
            assert!(
                predicted.insert(*id, ci).is_none(),
                "keyword {id} is in two clusters"
            );
        }
    }
    assert_eq!(predicted.len(), rows.len(), "every keyword is clustered");
    let expected: HashMap<i64, &str> = rows
        .iter()
        .map(|r| (r.keyword.id, r.group.as_str()))
        .collect();

    let (precision, recall, n_pred, n_exp) = pairwise(&predicted, &expected);
    let sizes: Vec<usize> = out.clusters.iter().map(|c| c.keyword_ids.len()).collect();
    let in_3_to_10 = sizes.iter().filter(|s| (3..=10).contains(*s)).count();
    println!(
        "offline clustering on {} keywords / {} expected groups: {} clusters ({} of size 3-10, {} singletons); \
         pairwise precision {:.3} ({} predicted pairs), recall {:.3} ({} expected pairs)",
        rows.len(),
        groups.len(),
        out.clusters.len(),
        in_3_to_10,
        sizes.iter().filter(|s| **s == 1).count(),
        precision,
        n_pred,
        recall,
        n_exp
    );
    if std::env::var_os("AI_PRINT_CLUSTERS").is_some() {
        let by_id: HashMap<i64, &Row> = rows.iter().map(|r| (r.keyword.id, r)).collect();
        for c in &out.clusters {
            let members: Vec<String> = c
                .keyword_ids
                .iter()
                .map(|id| format!("{} [{}]", by_id[id].keyword.keyword, by_id[id].group))
                .collect();
            println!("{}: {}", c.name, members.join(" | "));
        }
    }
    assert!(precision >= 0.8, "pairwise precision {precision:.3} < 0.8");
    assert!(recall >= 0.6, "pairwise recall {recall:.3} < 0.6");
}
