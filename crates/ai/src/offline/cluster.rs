//! Offline keyword clustering: IDF-weighted cosine similarity over stemmed terms, grouped
//! head-first by search volume.
//!
//! 1. Each keyword becomes a set of stemmed terms (stop-words dropped). A term weighs its
//!    inverse document frequency over the input set, dampened: `sqrt(ln(1 + N / df))`. Plain
//!    IDF lets two rare facet words ("best time to *visit* japan" / "... paris") outweigh the
//!    topic word every keyword of a topic shares; the square root keeps rare words heavier
//!    without letting them dominate. Generic modifiers ("best", "cheap", years, ...) weigh a
//!    quarter of that, so "best X" and "best Y" do not group on "best".
//! 2. Keywords are visited by volume (desc), ties by id (asc). Each keyword not yet assigned
//!    becomes a head and absorbs the unassigned keywords whose cosine similarity to it is at
//!    least [`Params::absorb`], the most similar first, up to [`Params::max_size`] members.
//! 3. Reassignment (a few passes, like k-means with average linkage): a keyword moves to the
//!    cluster whose members it is most similar to on average when that beats its own cluster by
//!    [`Params::refine_margin`] and the cluster has room. This repairs greedy choices: a short
//!    high-volume head such as "running for beginners" may grab "running shoes" first; the
//!    shoe keywords then pull it back.
//! 4. Members of clusters smaller than [`Params::min_size`] move to the cluster they are most
//!    similar to on average (at least [`Params::merge`]) if it has room; what stays is kept as a
//!    small cluster of its own, so every keyword ends in exactly one cluster.

use super::text::{Analyzer, title_case};
use crate::types::{ClusterOut, ClusteringOut, Intent, KeywordIn};
use std::collections::HashMap;

/// Tuning of the offline clustering.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Params {
    /// Similarity to the head needed to join its cluster.
    pub absorb: f32,
    /// Average similarity needed to move a member of a too-small cluster into another cluster.
    pub merge: f32,
    /// Weight factor of generic modifiers relative to topic words.
    pub modifier_weight: f32,
    /// Clusters smaller than this are broken up when their members fit elsewhere.
    pub min_size: usize,
    /// No cluster grows beyond this.
    pub max_size: usize,
    /// Exponent applied to the IDF weight (1 = plain IDF, 0 = every topic word weighs the same).
    pub idf_power: f32,
    /// Passes of the reassignment step (0 turns it off).
    pub refine_rounds: usize,
    /// How much better (in average similarity) another cluster must fit for a keyword to move.
    pub refine_margin: f32,
}

impl Default for Params {
    fn default() -> Params {
        Params {
            absorb: 0.6,
            merge: 0.25,
            modifier_weight: 0.25,
            min_size: 3,
            max_size: 10,
            idf_power: 0.5,
            refine_rounds: 5,
            refine_margin: 0.05,
        }
    }
}

/// A keyword as a sparse, L2-normalised term vector (sorted by term index).
#[derive(Debug, Clone, Default)]
struct Vector(Vec<(usize, f32)>);

impl Vector {
    fn cosine(&self, other: &Vector) -> f32 {
        let (a, b) = (&self.0, &other.0);
        let (mut i, mut j, mut dot) = (0, 0, 0.0);
        while i < a.len() && j < b.len() {
            match a[i].0.cmp(&b[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    dot += a[i].1 * b[j].1;
                    i += 1;
                    j += 1;
                }
            }
        }
        dot
    }
}

/// Builds the normalised IDF vectors of `keywords`.
fn vectors(keywords: &[KeywordIn], params: &Params) -> Vec<Vector> {
    let analyzer = Analyzer::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut docs: Vec<Vec<(usize, bool)>> = Vec::with_capacity(keywords.len());
    let mut df: Vec<u32> = Vec::new();
    for k in keywords {
        let mut doc = Vec::new();
        for term in analyzer.terms(&k.keyword) {
            let next = index.len();
            let id = *index.entry(term.stem).or_insert(next);
            if id == df.len() {
                df.push(0);
            }
            df[id] += 1;
            doc.push((id, term.modifier));
        }
        docs.push(doc);
    }
    let n = keywords.len() as f32;
    docs.into_iter()
        .map(|doc| {
            let mut v: Vec<(usize, f32)> = doc
                .into_iter()
                .map(|(id, modifier)| {
                    let idf = (1.0 + n / df[id] as f32).ln().powf(params.idf_power);
                    (
                        id,
                        if modifier {
                            idf * params.modifier_weight
                        } else {
                            idf
                        },
                    )
                })
                .collect();
            let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
            if norm > 0.0 {
                for (_, w) in &mut v {
                    *w /= norm;
                }
            }
            v.sort_by_key(|(id, _)| *id);
            Vector(v)
        })
        .collect()
}

/// Groups `keywords` into clusters (see the module docs). Deterministic: the same input, in any
/// order, gives the same clusters. Ids must be distinct (checked by the caller).
pub(crate) fn cluster(keywords: &[KeywordIn], params: &Params) -> ClusteringOut {
    if keywords.is_empty() {
        return ClusteringOut {
            clusters: Vec::new(),
            unclustered: Vec::new(),
        };
    }
    // Canonical order first, so the input order never changes the result.
    let mut sorted: Vec<&KeywordIn> = keywords.iter().collect();
    sorted.sort_by(|a, b| b.volume.cmp(&a.volume).then(a.id.cmp(&b.id)));
    let owned: Vec<KeywordIn> = sorted.into_iter().cloned().collect();
    let vecs = vectors(&owned, params);
    let n = owned.len();
    let sim = |a: usize, b: usize| vecs[a].cosine(&vecs[b]);

    // Head-first grouping; `owned` is already in visiting order.
    let mut assigned: Vec<Option<usize>> = vec![None; n];
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for head in 0..n {
        if assigned[head].is_some() {
            continue;
        }
        let gid = groups.len();
        assigned[head] = Some(gid);
        let mut candidates: Vec<(usize, f32)> = (0..n)
            .filter(|&k| assigned[k].is_none())
            .map(|k| (k, sim(head, k)))
            .filter(|&(_, s)| s >= params.absorb)
            .collect();
        // Most similar first; ties by visiting order (volume, then id).
        candidates.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        candidates.truncate(params.max_size.saturating_sub(1));
        let mut members = vec![head];
        for (k, _) in candidates {
            assigned[k] = Some(gid);
            members.push(k);
        }
        members.sort_unstable();
        groups.push(members);
    }

    let avg_sim = |k: usize, members: &[usize]| -> f32 {
        if members.is_empty() {
            return 0.0;
        }
        members.iter().map(|&m| sim(k, m)).sum::<f32>() / members.len() as f32
    };

    // Reassignment: a keyword moves to the cluster it fits best on average (average link, so a
    // single shared word with one member does not drag it along), when that beats where it is
    // by a margin and the cluster has room. This repairs greedy choices of early heads.
    for _ in 0..params.refine_rounds {
        let mut moved = false;
        for k in 0..n {
            let Some(cur) = assigned.get(k).copied().flatten() else {
                continue;
            };
            let rest: Vec<usize> = groups[cur].iter().copied().filter(|&m| m != k).collect();
            let here = avg_sim(k, &rest);
            let best = (0..groups.len())
                .filter(|&g| g != cur && !groups[g].is_empty() && groups[g].len() < params.max_size)
                .map(|g| (g, avg_sim(k, &groups[g])))
                .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
            if let Some((g, score)) = best
                && score >= params.merge
                && score > here + params.refine_margin
            {
                groups[cur].retain(|&m| m != k);
                groups[g].push(k);
                groups[g].sort_unstable();
                assigned[k] = Some(g);
                moved = true;
            }
        }
        if !moved {
            break;
        }
    }

    // Break up too-small clusters into their best home, smallest volume last so heads move last.
    for gid in 0..groups.len() {
        if groups[gid].len() >= params.min_size || groups[gid].is_empty() {
            continue;
        }
        let members = groups[gid].clone();
        for k in members {
            let best = (0..groups.len())
                .filter(|&g| g != gid && !groups[g].is_empty())
                .filter(|&g| groups[g].len() < params.max_size)
                .map(|g| (g, avg_sim(k, &groups[g])))
                .filter(|&(_, s)| s >= params.merge)
                .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
            if let Some((g, _)) = best {
                groups[gid].retain(|&m| m != k);
                groups[g].push(k);
                groups[g].sort_unstable();
                assigned[k] = Some(g);
            }
        }
    }
    groups.retain(|g| !g.is_empty());

    let mut clusters: Vec<(i64, ClusterOut)> = groups
        .iter()
        .map(|members| {
            // The head is the member first in visiting order (highest volume).
            let head = &owned[members[0]];
            let total: i64 = members.iter().map(|&m| i64::from(owned[m].volume)).sum();
            let mut keyword_ids: Vec<i64> = members.iter().map(|&m| owned[m].id).collect();
            keyword_ids.sort_unstable();
            let intent = dominant_intent(members.iter().map(|&m| &owned[m]));
            let name = title_case(&super::text::normalize(&head.keyword));
            let description = format!(
                "{} keyword{} around \"{}\", {} monthly searches in total, mostly {} intent.",
                members.len(),
                if members.len() == 1 { "" } else { "s" },
                head.keyword.trim(),
                total,
                intent.as_str()
            );
            (
                total,
                ClusterOut {
                    name,
                    description,
                    keyword_ids,
                },
            )
        })
        .collect();
    clusters.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then(a.1.keyword_ids[0].cmp(&b.1.keyword_ids[0]))
    });
    let mut clusters: Vec<ClusterOut> = clusters.into_iter().map(|(_, c)| c).collect();
    dedupe_names(&mut clusters);
    ClusteringOut {
        clusters,
        unclustered: Vec::new(),
    }
}

/// The volume-weighted majority intent (ties: informational < navigational < commercial <
/// transactional in declaration order, first wins).
pub(crate) fn dominant_intent<'a>(keywords: impl Iterator<Item = &'a KeywordIn>) -> Intent {
    let mut weight: [i64; 4] = [0; 4];
    for k in keywords {
        let slot = Intent::ALL.iter().position(|i| *i == k.intent).unwrap_or(0);
        weight[slot] += i64::from(k.volume.max(0)) + 1;
    }
    let mut best = 0;
    for (i, w) in weight.iter().enumerate() {
        if *w > weight[best] {
            best = i;
        }
    }
    Intent::ALL[best]
}

/// Cluster names must be unique case-insensitively; later duplicates get " (2)", " (3)", ...
fn dedupe_names(clusters: &mut [ClusterOut]) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for c in clusters.iter_mut() {
        let key = c.name.to_lowercase();
        let count = seen.entry(key).or_insert(0);
        *count += 1;
        if *count > 1 {
            c.name = format!("{} ({})", c.name, count);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kw(id: i64, keyword: &str, volume: i32) -> KeywordIn {
        KeywordIn {
            id,
            keyword: keyword.into(),
            volume,
            difficulty: 30,
            intent: Intent::Informational,
        }
    }

    fn sample() -> Vec<KeywordIn> {
        vec![
            kw(1, "running shoes", 50000),
            kw(2, "best running shoes", 20000),
            kw(3, "running shoes for women", 9000),
            kw(4, "trail running shoes review", 3000),
            kw(5, "coffee maker", 40000),
            kw(6, "best coffee maker", 15000),
            kw(7, "drip coffee maker", 5000),
            kw(8, "coffee maker with grinder", 2000),
            kw(9, "sourdough starter", 12000),
            kw(10, "how to make sourdough starter", 4000),
            kw(11, "feeding sourdough starter", 1000),
            kw(12, "quantum chromodynamics", 10),
        ]
    }

    fn group_of(out: &ClusteringOut, id: i64) -> usize {
        out.clusters
            .iter()
            .position(|c| c.keyword_ids.contains(&id))
            .unwrap()
    }

    #[test]
    fn groups_obvious_topics_and_names_them_after_the_head() {
        let out = cluster(&sample(), &Params::default());
        for (a, b) in [
            (1, 2),
            (1, 3),
            (1, 4),
            (5, 6),
            (5, 7),
            (5, 8),
            (9, 10),
            (9, 11),
        ] {
            assert_eq!(
                group_of(&out, a),
                group_of(&out, b),
                "{a} and {b} apart: {out:#?}"
            );
        }
        assert_ne!(group_of(&out, 1), group_of(&out, 5));
        assert_ne!(group_of(&out, 1), group_of(&out, 9));
        let shoes = &out.clusters[group_of(&out, 1)];
        assert_eq!(shoes.name, "Running Shoes");
        assert!(
            shoes
                .description
                .starts_with("4 keywords around \"running shoes\""),
            "{}",
            shoes.description
        );
        // Biggest total volume first.
        assert_eq!(out.clusters[0].name, "Running Shoes");
    }

    #[test]
    fn every_keyword_lands_in_exactly_one_cluster() {
        let input = sample();
        let out = cluster(&input, &Params::default());
        let mut ids: Vec<i64> = out
            .clusters
            .iter()
            .flat_map(|c| c.keyword_ids.clone())
            .collect();
        ids.sort_unstable();
        let mut want: Vec<i64> = input.iter().map(|k| k.id).collect();
        want.sort_unstable();
        assert_eq!(ids, want);
        // The unrelated keyword stays alone rather than polluting a topic.
        assert_eq!(out.clusters[group_of(&out, 12)].keyword_ids, vec![12]);
    }

    #[test]
    fn result_does_not_depend_on_input_order() {
        let input = sample();
        let mut reversed = input.clone();
        reversed.reverse();
        assert_eq!(
            cluster(&input, &Params::default()),
            cluster(&reversed, &Params::default())
        );
    }

    #[test]
    fn no_cluster_exceeds_max_size() {
        let input: Vec<KeywordIn> = (0..25)
            .map(|i| kw(i, &format!("garden hose model {i}"), 1000 - i as i32))
            .collect();
        let out = cluster(&input, &Params::default());
        assert!(
            out.clusters.iter().all(|c| c.keyword_ids.len() <= 10),
            "{out:#?}"
        );
        assert_eq!(
            out.clusters
                .iter()
                .map(|c| c.keyword_ids.len())
                .sum::<usize>(),
            25
        );
    }

    #[test]
    fn modifiers_alone_do_not_make_a_cluster() {
        let input = vec![
            kw(1, "best blender", 100),
            kw(2, "best mattress", 90),
            kw(3, "best kayak", 80),
        ];
        let out = cluster(&input, &Params::default());
        assert_eq!(out.clusters.len(), 3, "{out:#?}");
    }

    #[test]
    fn duplicate_names_get_a_suffix() {
        let input = vec![kw(1, "Running Shoes", 100), kw(2, "running-shoes", 90)];
        let params = Params {
            absorb: 1.1,
            merge: 1.1,
            ..Params::default()
        };
        let out = cluster(&input, &params);
        let names: Vec<&str> = out.clusters.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["Running Shoes", "Running Shoes (2)"]);
    }

    #[test]
    fn dominant_intent_is_volume_weighted() {
        let mut a = kw(1, "x", 100);
        a.intent = Intent::Commercial;
        let b = kw(2, "y", 30);
        let c = kw(3, "z", 30);
        assert_eq!(dominant_intent([a, b, c].iter()), Intent::Commercial);
    }
}
