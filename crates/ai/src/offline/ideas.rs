//! Offline article ideas: title patterns chosen by the cluster's intent and by the modifiers
//! found in its keywords, outlines built from the cluster's sub-topics, and keyword assignment.

use super::cluster::dominant_intent;
use super::text::{Analyzer, Rng, fnv1a, is_modifier, is_stop_word, title_case, words};
use crate::types::{
    ClusterIn, ContentStructure, ContentType, IdeaOut, Intent, KeywordIn, Outline, OutlineSection,
};
use std::collections::HashSet;

/// Fewest and most ideas per cluster.
pub(crate) const MIN_IDEAS: usize = 3;
/// See [`MIN_IDEAS`].
pub(crate) const MAX_IDEAS: usize = 7;
/// Most keyword ids one idea covers (head and primary included).
const MAX_IDS_PER_IDEA: usize = 5;
/// Most outline sections drawn from cluster keywords.
const MAX_KEYWORD_SECTIONS: usize = 3;

/// Question openers stripped off a keyword to find its topic; the flag marks an action ("how to").
const OPENERS: &[(&str, bool)] = &[
    ("how to", true),
    ("how do i", true),
    ("how do you", true),
    ("how does", false),
    ("how do", false),
    ("how long does it take to", true),
    ("how long to", true),
    ("how long does", false),
    ("how often to", true),
    ("how much", false),
    ("what is a", false),
    ("what is", false),
    ("what are", false),
    ("what to", true),
    ("when to", true),
    ("where to", true),
    ("why", false),
    ("can you", true),
    ("is", false),
    ("are", false),
    ("does", false),
];

/// A keyword's topic: its words without question openers, modifiers or a "vs ..." tail.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Topic {
    /// Lower-case words.
    text: String,
    /// An action ("start a blog") rather than a thing ("running shoes").
    action: bool,
}

impl Topic {
    fn of(keyword: &str) -> Topic {
        let ws = words(keyword);
        let joined = ws.join(" ");
        let mut rest: &str = &joined;
        let mut action = false;
        for (opener, is_action) in OPENERS {
            if let Some(r) = rest.strip_prefix(opener)
                && r.starts_with(' ')
            {
                rest = r.trim_start();
                action = *is_action;
                break;
            }
        }
        if let Some((left, _)) = rest
            .split_once(" vs ")
            .or_else(|| rest.split_once(" versus "))
        {
            rest = left;
        }
        let mut kept: Vec<&str> = rest
            .split(' ')
            .filter(|w| !w.is_empty() && !is_modifier(w))
            .collect();
        // "for beginners" loses "beginners" above; drop the dangling joiners too.
        while kept.last().is_some_and(|w| is_stop_word(w)) {
            kept.pop();
        }
        while kept.first().is_some_and(|w| is_stop_word(w) && !action) {
            kept.remove(0);
        }
        if kept.is_empty() {
            return Topic {
                text: rest.to_owned(),
                action,
            };
        }
        Topic {
            text: kept.join(" "),
            action,
        }
    }

    fn title(&self) -> String {
        title_case(&self.text)
    }
}

/// What a keyword's wording asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Angle {
    Pillar,
    HowTo,
    WhatIs,
    Versus,
    Review,
    Best,
    Budget,
    Beginners,
    Persona,
    Price,
    Buy,
    Login,
    Tips,
    Ideas,
    Examples,
}

impl Angle {
    /// The angle a keyword's modifiers point at, if any.
    fn of(ws: &[String]) -> Option<Angle> {
        let has = |w: &str| ws.iter().any(|x| x == w);
        let starts = |p: &[&str]| ws.len() > p.len() && ws.iter().zip(p).all(|(a, b)| a == b);
        if has("vs") || has("versus") {
            Some(Angle::Versus)
        } else if has("review") || has("reviews") {
            Some(Angle::Review)
        } else if has("login") || has("signin") {
            Some(Angle::Login)
        } else if has("buy") {
            Some(Angle::Buy)
        } else if has("cheap")
            || has("cheapest")
            || has("budget")
            || has("affordable")
            || under_price(ws)
        {
            Some(Angle::Budget)
        } else if has("beginners") || has("beginner") {
            Some(Angle::Beginners)
        } else if has("best") || has("top") {
            Some(Angle::Best)
        } else if has("price") || has("prices") || has("cost") || has("costs") || has("pricing") {
            Some(Angle::Price)
        } else if starts(&["how", "to"]) {
            Some(Angle::HowTo)
        } else if starts(&["what", "is"]) || starts(&["what", "are"]) {
            Some(Angle::WhatIs)
        } else if has("tips") {
            Some(Angle::Tips)
        } else if has("ideas") {
            Some(Angle::Ideas)
        } else if has("examples") || has("template") || has("templates") {
            Some(Angle::Examples)
        } else if persona(ws).is_some() {
            Some(Angle::Persona)
        } else {
            None
        }
    }

    fn structure(self) -> ContentStructure {
        match self {
            Angle::Pillar | Angle::HowTo | Angle::Beginners | Angle::Buy => ContentStructure::Guide,
            Angle::Versus => ContentStructure::Comparison,
            Angle::Review => ContentStructure::Review,
            Angle::Best | Angle::Budget | Angle::Tips | Angle::Ideas | Angle::Examples => {
                ContentStructure::Listicle
            }
            Angle::WhatIs | Angle::Persona | Angle::Price | Angle::Login => {
                ContentStructure::Article
            }
        }
    }
}

/// "under 500", "under $100": a price ceiling.
fn under_price(ws: &[String]) -> bool {
    ws.windows(2)
        .any(|p| p[0] == "under" && p[1].chars().all(|c| c.is_ascii_digit()))
}

/// The audience after "for" ("for women", "for small business"), beginners excluded.
fn persona(ws: &[String]) -> Option<String> {
    let i = ws.iter().rposition(|w| w == "for")?;
    let tail: Vec<&str> = ws[i + 1..]
        .iter()
        .map(String::as_str)
        .filter(|w| !is_modifier(w))
        .collect();
    if tail.is_empty() || tail.len() > 3 {
        None
    } else {
        Some(tail.join(" "))
    }
}

/// A four-digit year mentioned in the keywords (the latest), for "Best ... 2025" titles.
fn year_in(keywords: &[&KeywordIn]) -> Option<String> {
    keywords
        .iter()
        .flat_map(|k| words(&k.keyword))
        .filter(|w| w.len() == 4 && (w.starts_with("20")) && w.chars().all(|c| c.is_ascii_digit()))
        .max()
}

/// One idea before outline and keyword assignment.
#[derive(Debug, Clone)]
struct Candidate {
    title: String,
    structure: ContentStructure,
    /// Index into the sorted keywords.
    primary: usize,
    /// A cluster-wide idea rather than one drawn from a keyword's modifiers.
    pillar: bool,
}

/// Titles for the cluster as a whole, by intent. `{T}` is the topic, `{N}` a list length.
fn pillar_titles(intent: Intent, action: bool) -> &'static [(&'static str, ContentStructure)] {
    use ContentStructure as S;
    if action {
        return &[
            ("How to {T}: A Step-by-Step Guide", S::Guide),
            ("{N} Mistakes to Avoid When You {T}", S::Listicle),
            ("What You Need to {T}: Tools, Time and Costs", S::Article),
            ("How to {T} Faster: {N} Proven Tips", S::Listicle),
            ("{T}: Common Questions Answered", S::Article),
            ("How to {T} on a Budget", S::Guide),
            ("{T} the Right Way: A Beginner's Checklist", S::Guide),
        ];
    }
    match intent {
        Intent::Informational => &[
            ("The Complete Guide to {T}", S::Guide),
            ("{T} Explained: What You Need to Know", S::Article),
            (
                "{N} Common {T} Mistakes (and How to Avoid Them)",
                S::Listicle,
            ),
            ("A Beginner's Guide to {T}", S::Guide),
            ("{N} {T} Tips That Actually Work", S::Listicle),
            ("{T}: Frequently Asked Questions", S::Article),
            ("How to Get Started with {T}", S::Guide),
        ],
        Intent::Commercial => &[
            ("Best {T}{Y}: Our Top Picks", S::Listicle),
            ("{T} Buying Guide: What to Look For", S::Guide),
            ("{T} Reviewed: What Is Worth Your Money", S::Review),
            ("{T} Compared: How to Pick the Right One", S::Comparison),
            ("{N} Things to Know Before You Choose {T}", S::Listicle),
            ("Are {T} Worth It? An Honest Look", S::Article),
            ("{T} for Every Budget", S::Listicle),
        ],
        Intent::Transactional => &[
            ("Buy {T}: What to Check Before You Order", S::Guide),
            ("{T} Prices: How Much Should You Pay?", S::Article),
            ("Where to Get the Best Deal on {T}", S::Article),
            ("Cheap {T} That Do Not Cut Corners", S::Listicle),
            ("{T}: Plans, Options and Pricing Compared", S::Comparison),
            ("{N} Ways to Save on {T}", S::Listicle),
            (
                "{T} Ordering Guide: Delivery, Returns and Warranty",
                S::Guide,
            ),
        ],
        Intent::Navigational => &[
            ("{T} Login: How to Access Your Account", S::Article),
            (
                "{T} Official Site, App and Support: A Quick Guide",
                S::Guide,
            ),
            ("{T} Not Working? {N} Common Fixes", S::Listicle),
            ("{T} Account Settings Explained", S::Article),
            ("{T} Alternatives Worth Knowing", S::Listicle),
            ("Getting Started with {T}", S::Guide),
            ("{T}: Frequently Asked Questions", S::Article),
        ],
    }
}

/// Fills `{T}`, `{N}` and `{Y}` of a pattern.
fn fill(pattern: &str, topic: &str, n: usize, year: &Option<String>) -> String {
    let y = year
        .as_ref()
        .map(|y| format!(" in {y}"))
        .unwrap_or_default();
    pattern
        .replace("{T}", topic)
        .replace("{N}", &n.to_string())
        .replace("{Y}", &y)
}

/// A keyword-specific idea title for an angle.
fn angle_title(
    angle: Angle,
    kw: &KeywordIn,
    topic: &Topic,
    n: usize,
    year: &Option<String>,
) -> Option<String> {
    let ws = words(&kw.keyword);
    // With an audience ("... for women") the core is what comes before it.
    let core = match (persona(&ws), ws.iter().rposition(|w| w == "for")) {
        (Some(_), Some(i)) if i > 0 => Topic::of(&ws[..i].join(" ")),
        _ => Topic::of(&kw.keyword),
    };
    let core_t = if core.text.is_empty() {
        topic.title()
    } else {
        core.title()
    };
    let y = year
        .as_ref()
        .map(|y| format!(" in {y}"))
        .unwrap_or_default();
    Some(match angle {
        Angle::Pillar => return None,
        Angle::Versus => {
            let joined = ws.join(" ");
            let (l, r) = joined
                .split_once(" vs ")
                .or_else(|| joined.split_once(" versus "))?;
            let (l, r) = (Topic::of(l), Topic::of(r));
            if l.text.is_empty() || r.text.is_empty() {
                return None;
            }
            format!("{} vs {}: Which Should You Choose?", l.title(), r.title())
        }
        Angle::Review => format!("{core_t} Review: Pros, Cons and Our Verdict"),
        Angle::Login => format!("{core_t} Login: Step-by-Step Access and Fixes"),
        Angle::Buy => format!("Where to Buy {core_t}: A Buyer's Checklist"),
        Angle::Budget => format!("Best Budget {core_t}{y}: Great Value Picks"),
        Angle::Beginners => format!("{core_t} for Beginners: Where to Start"),
        Angle::Best => match persona(&ws) {
            Some(p) => format!("Best {core_t} for {}{y}", title_case(&p)),
            None => format!("The {n} Best {core_t}{y}, Tested and Compared"),
        },
        Angle::Price => format!("{core_t} Cost: What You Can Expect to Pay"),
        Angle::HowTo => {
            if core.action {
                format!("How to {core_t}: A Practical Walkthrough")
            } else {
                return None;
            }
        }
        Angle::WhatIs => format!("{core_t}: What It Is and Why It Matters"),
        Angle::Tips => format!("{n} {core_t} Tips That Make a Difference"),
        Angle::Ideas => format!("{n} {core_t} Ideas to Try"),
        Angle::Examples => format!("{core_t} Examples and Templates You Can Use"),
        Angle::Persona => {
            let p = persona(&ws)?;
            format!("{core_t} for {}: What to Know", title_case(&p))
        }
    })
}

/// Generates `n` (clamped to 3–7) ideas for a cluster with at least one keyword.
pub(crate) fn ideas(cluster: &ClusterIn, n: usize) -> Vec<IdeaOut> {
    let n = n.clamp(MIN_IDEAS, MAX_IDEAS);
    let mut kws: Vec<&KeywordIn> = cluster.keywords.iter().collect();
    kws.sort_by(|a, b| b.volume.cmp(&a.volume).then(a.id.cmp(&b.id)));
    let head = kws[0];
    let topic = Topic::of(&head.keyword);
    let topic_title = topic.title();
    let intent = dominant_intent(kws.iter().copied());
    let year = year_in(&kws);
    let mut rng = Rng::new(fnv1a(&format!("{}|{}", cluster.name, head.keyword)));
    let list_len = |rng: &mut Rng| 5 + rng.below(6);

    // Candidates: the pillar first, then one per keyword whose modifiers suggest an angle
    // (highest volume first), then the remaining pillar patterns.
    let pillars = pillar_titles(intent, topic.action);
    let mut candidates: Vec<Candidate> = Vec::new();
    let (p0, s0) = pillars[0];
    // The angle the first pillar already takes: a keyword with that angle on the same topic
    // would be the same article twice.
    let pillar_angle = match intent {
        _ if topic.action => Angle::HowTo,
        Intent::Commercial => Angle::Best,
        Intent::Transactional => Angle::Buy,
        Intent::Navigational => Angle::Login,
        Intent::Informational => Angle::Pillar,
    };
    candidates.push(Candidate {
        title: fill(p0, &topic_title, list_len(&mut rng), &year),
        structure: s0,
        primary: 0,
        pillar: true,
    });
    for (i, kw) in kws.iter().enumerate() {
        let Some(angle) = Angle::of(&words(&kw.keyword)) else {
            continue;
        };
        if angle == pillar_angle && Topic::of(&kw.keyword).text == topic.text {
            continue;
        }
        if let Some(title) = angle_title(angle, kw, &topic, list_len(&mut rng), &year) {
            candidates.push(Candidate {
                title,
                structure: angle.structure(),
                primary: i,
                pillar: false,
            });
        }
    }
    for (p, s) in &pillars[1..] {
        candidates.push(Candidate {
            title: fill(p, &topic_title, list_len(&mut rng), &year),
            structure: *s,
            primary: 0,
            pillar: true,
        });
    }

    // Pick n with distinct titles; keyword-specific ideas may not share a primary keyword.
    let mut chosen: Vec<Candidate> = Vec::new();
    let mut titles: HashSet<String> = HashSet::new();
    let mut primaries: HashSet<usize> = HashSet::new();
    for c in candidates {
        if chosen.len() == n {
            break;
        }
        if titles.contains(&c.title.to_lowercase()) || (!c.pillar && primaries.contains(&c.primary))
        {
            continue;
        }
        titles.insert(c.title.to_lowercase());
        primaries.insert(c.primary);
        chosen.push(c);
    }
    // Pillar ideas after the first target an unused keyword when there is one, so that ideas
    // do not all compete for the head keyword.
    for c in chosen.iter_mut().skip(1) {
        if c.pillar
            && let Some(free) = (1..kws.len()).find(|i| !primaries.contains(i))
        {
            c.primary = free;
            primaries.insert(free);
        }
    }

    let assignment = assign_keywords(&kws, &chosen);
    chosen
        .iter()
        .zip(assignment)
        .map(|(c, ids)| {
            let taken: HashSet<usize> = chosen
                .iter()
                .map(|o| o.primary)
                .filter(|&p| p != c.primary)
                .collect();
            build_idea(c, ids, &kws, &taken, &mut rng)
        })
        .collect()
}

/// Gives each idea the head, its primary keyword and related keywords (most shared stems, then
/// fewest keywords so far), so that every cluster keyword is covered when there is room.
fn assign_keywords(kws: &[&KeywordIn], ideas: &[Candidate]) -> Vec<Vec<usize>> {
    let analyzer = Analyzer::new();
    let stems = |s: &str| -> HashSet<String> {
        analyzer
            .terms(s)
            .into_iter()
            .filter(|t| !t.modifier)
            .map(|t| t.stem)
            .collect()
    };
    let title_stems: Vec<HashSet<String>> = ideas.iter().map(|c| stems(&c.title)).collect();
    let mut out: Vec<Vec<usize>> = ideas
        .iter()
        .map(|c| {
            if c.primary == 0 {
                vec![0]
            } else {
                vec![0, c.primary]
            }
        })
        .collect();
    let primaries: HashSet<usize> = ideas.iter().map(|c| c.primary).collect();
    for (k, kw) in kws.iter().enumerate().skip(1) {
        if primaries.contains(&k) {
            continue;
        }
        let ks = stems(&kw.keyword);
        let best = (0..ideas.len())
            .filter(|&i| out[i].len() < MAX_IDS_PER_IDEA)
            .max_by(|&a, &b| {
                let sa = ks.intersection(&title_stems[a]).count();
                let sb = ks.intersection(&title_stems[b]).count();
                sa.cmp(&sb)
                    .then(out[b].len().cmp(&out[a].len()))
                    .then(b.cmp(&a))
            });
        if let Some(i) = best {
            out[i].push(k);
        }
    }
    out
}

/// Section heading for a keyword sub-topic.
fn keyword_heading(kw: &str) -> String {
    let ws = words(kw);
    let text = ws.join(" ");
    let t = title_case(&text);
    let question = [
        "how", "what", "why", "when", "where", "which", "is", "are", "does", "can",
    ];
    let how_to = ws.len() > 1 && ws[0] == "how" && ws[1] == "to";
    if !how_to && ws.first().is_some_and(|w| question.contains(&w.as_str())) {
        format!("{t}?")
    } else {
        t
    }
}

/// What a sub-topic section should say, from its keyword's wording.
fn keyword_notes(kw: &KeywordIn) -> String {
    let ws = words(&kw.keyword);
    let what = match Angle::of(&ws) {
        Some(Angle::HowTo) => {
            "give the steps in order, what each step needs and the mistakes to avoid"
        }
        Some(Angle::Versus) => "compare the options on price, features and who each one suits",
        Some(Angle::Best | Angle::Budget) => {
            "list the strongest options with one concrete reason for each"
        }
        Some(Angle::Review) => "cover strengths, weaknesses and who it suits, with a clear verdict",
        Some(Angle::Price | Angle::Buy) => {
            "give realistic price ranges, what drives them and where to save"
        }
        Some(Angle::Beginners) => "start from zero, define the terms and give a first plan",
        Some(Angle::Persona) => "explain what changes for this audience and what to prioritise",
        Some(Angle::WhatIs) => "define it plainly, explain why it matters and give an example",
        Some(Angle::Tips | Angle::Ideas | Angle::Examples) => "give specific, actionable examples",
        Some(Angle::Login) => "walk through access step by step and the usual fixes",
        Some(Angle::Pillar) | None => {
            "explain what it is, why it matters and give a practical example"
        }
    };
    format!(
        "Answer the search \"{}\" ({} searches a month): {what}.",
        kw.keyword.trim(),
        kw.volume
    )
}

/// Opening and structure-specific sections of an outline (`{T}` = topic).
fn frame(
    structure: ContentStructure,
    action: bool,
) -> (
    Vec<(&'static str, &'static str)>,
    Vec<(&'static str, &'static str)>,
) {
    use ContentStructure as S;
    let open: Vec<(&str, &str)> = match structure {
        S::Comparison => vec![(
            "The Options at a Glance",
            "Summarise each option in two sentences and who it is for.",
        )],
        S::Review => vec![(
            "{T} at a Glance",
            "What it is, what it costs and the short verdict.",
        )],
        S::Listicle => vec![(
            "How We Chose",
            "The criteria behind the list and how each pick was judged.",
        )],
        _ if action => vec![(
            "Why {T}?",
            "The benefits, the effort involved and what to expect.",
        )],
        _ => vec![(
            "{T}: The Basics",
            "Define {T} plainly and explain why it matters to the reader.",
        )],
    };
    let specific: Vec<(&str, &str)> = match structure {
        S::Guide => vec![
            (
                "What You Need Before You Start",
                "The tools, budget and time {T} takes, so nothing surprises the reader.",
            ),
            (
                "Step-by-Step: Getting Started",
                "A numbered sequence of steps the reader can follow today.",
            ),
            (
                "Common Mistakes to Avoid",
                "The errors people make most often with {T} and how to avoid each.",
            ),
            (
                "Tips from Experience",
                "Advice that goes beyond the basics, with concrete examples.",
            ),
        ],
        S::Listicle => vec![
            (
                "What to Look For",
                "The features and trade-offs that separate good options from poor ones.",
            ),
            (
                "How to Choose the Right One for You",
                "Match the options to budgets, needs and experience levels.",
            ),
            (
                "Price Ranges to Expect",
                "What each tier costs and what the extra money buys.",
            ),
        ],
        S::Comparison => vec![
            (
                "Key Differences",
                "A side-by-side table of the differences that matter most.",
            ),
            (
                "Price and Value",
                "What each option costs over time and what you get for it.",
            ),
            (
                "Which One Should You Choose?",
                "A recommendation for each type of reader.",
            ),
        ],
        S::Review => vec![
            ("What We Liked", "The strengths that stood out in real use."),
            (
                "What Could Be Better",
                "The weaknesses and who they matter to.",
            ),
            (
                "Who It Is For",
                "The readers who will be happiest with it, and who should skip it.",
            ),
            (
                "Alternatives to Consider",
                "Two or three alternatives and when they are the better choice.",
            ),
        ],
        _ => vec![
            (
                "Why It Matters",
                "What {T} changes for the reader, with one concrete example.",
            ),
            (
                "Tips and Best Practices",
                "Practical advice that makes the biggest difference with {T}.",
            ),
            (
                "Common Misconceptions",
                "Beliefs about {T} that do not hold up, and what is true instead.",
            ),
        ],
    };
    (open, specific)
}

fn build_idea(
    c: &Candidate,
    ids: Vec<usize>,
    kws: &[&KeywordIn],
    taken: &HashSet<usize>,
    rng: &mut Rng,
) -> IdeaOut {
    // Frames speak about the idea's own topic ("Running Shoes for Women"), not the cluster's.
    let topic = Topic::of(&kws[c.primary].keyword);
    let t = topic.title();
    let sub = |s: &str| s.replace("{T}", &t);
    let (open, specific) = frame(c.structure, topic.action);
    let closing = [
        (
            "Frequently Asked Questions",
            "Short answers to the questions readers search for most.",
        ),
        (
            match c.structure {
                ContentStructure::Review | ContentStructure::Comparison => "The Verdict",
                _ => "Final Thoughts",
            },
            "Sum up the key points and give the reader one clear next step.",
        ),
    ];
    let fixed = open.len() + specific.len() + closing.len();
    let room = (10 - fixed).min(MAX_KEYWORD_SECTIONS);

    // Sub-topics: the idea's own keywords first, then cluster keywords that no other idea
    // targets, by volume. Keywords the title already answers are skipped.
    let mut order: Vec<usize> = ids.iter().copied().filter(|&k| k != c.primary).collect();
    order.extend((0..kws.len()).filter(|k| !ids.contains(k) && !taken.contains(k)));
    let title_l = c.title.to_lowercase();
    let mut seen_headings: HashSet<String> = HashSet::new();
    let mut middle: Vec<OutlineSection> = Vec::new();
    for k in order {
        if middle.len() == room {
            break;
        }
        let heading = keyword_heading(&kws[k].keyword);
        let lower = heading.trim_end_matches('?').to_lowercase();
        if title_l.contains(&lower) || lower == t.to_lowercase() || !seen_headings.insert(lower) {
            continue;
        }
        middle.push(OutlineSection {
            heading,
            notes: keyword_notes(kws[k]),
        });
    }

    let mut sections: Vec<OutlineSection> = open
        .iter()
        .map(|(h, n)| OutlineSection {
            heading: sub(h),
            notes: sub(n),
        })
        .collect();
    sections.extend(middle.iter().cloned());
    sections.extend(specific.iter().map(|(h, n)| OutlineSection {
        heading: sub(h),
        notes: sub(n),
    }));
    let faq_notes = {
        let questions: Vec<String> = kws
            .iter()
            .filter(|k| {
                Angle::of(&words(&k.keyword))
                    .is_some_and(|a| matches!(a, Angle::HowTo | Angle::WhatIs))
            })
            .take(3)
            .map(|k| format!("\"{}\"", k.keyword.trim()))
            .collect();
        if questions.is_empty() {
            closing[0].1.to_owned()
        } else {
            format!("{} Include {}.", closing[0].1, questions.join(", "))
        }
    };
    sections.push(OutlineSection {
        heading: closing[0].0.to_owned(),
        notes: faq_notes,
    });
    sections.push(OutlineSection {
        heading: closing[1].0.to_owned(),
        notes: closing[1].1.to_owned(),
    });

    let primary = kws[c.primary];
    let subtopics: Vec<String> = middle
        .iter()
        .take(3)
        .map(|s| s.heading.to_lowercase())
        .collect();
    let covers = match subtopics.len() {
        0 => String::new(),
        1 => format!(" It covers {}.", subtopics[0]),
        _ => format!(
            " It covers {} and {}.",
            subtopics[..subtopics.len() - 1].join(", "),
            subtopics[subtopics.len() - 1]
        ),
    };
    let lead = match c.structure {
        ContentStructure::Guide => "A step-by-step guide",
        ContentStructure::Listicle => "A ranked, skimmable list",
        ContentStructure::Comparison => "A side-by-side comparison",
        ContentStructure::Review => "An honest, hands-on review",
        _ => "A clear, practical article",
    };
    let reader = *rng.pick(&["readers", "people", "anyone"]);
    let description = format!(
        "{lead} on {}{} for {reader} searching \"{}\".{covers}",
        if topic.action { "how to " } else { "" },
        topic.text,
        primary.keyword.trim()
    );

    let mut keyword_ids: Vec<i64> = ids.iter().map(|&k| kws[k].id).collect();
    keyword_ids.sort_unstable();
    keyword_ids.dedup();
    IdeaOut {
        title: c.title.clone(),
        description,
        outline: Outline { sections },
        primary_keyword: primary.keyword.trim().to_owned(),
        keyword_ids,
        content_type: if c.structure == ContentStructure::LandingPage {
            ContentType::Page
        } else {
            ContentType::Post
        },
        content_structure: c.structure,
        estimated_word_count: c.structure.default_word_count(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kw(id: i64, keyword: &str, volume: i32, intent: Intent) -> KeywordIn {
        KeywordIn {
            id,
            keyword: keyword.into(),
            volume,
            difficulty: 30,
            intent,
        }
    }

    fn shoes() -> ClusterIn {
        ClusterIn {
            name: "Running Shoes".into(),
            description: String::new(),
            keywords: vec![
                kw(1, "running shoes", 50000, Intent::Commercial),
                kw(2, "best running shoes 2025", 20000, Intent::Commercial),
                kw(3, "running shoes for women", 9000, Intent::Commercial),
                kw(4, "trail running shoes review", 3000, Intent::Commercial),
                kw(5, "nike vs adidas running shoes", 2500, Intent::Commercial),
                kw(
                    6,
                    "how to choose running shoes",
                    2000,
                    Intent::Informational,
                ),
                kw(7, "cheap running shoes", 1500, Intent::Transactional),
                kw(8, "running shoes for flat feet", 900, Intent::Commercial),
            ],
        }
    }

    #[test]
    fn topic_strips_openers_and_modifiers() {
        assert_eq!(
            Topic::of("best running shoes 2025"),
            Topic {
                text: "running shoes".into(),
                action: false
            }
        );
        assert_eq!(
            Topic::of("How to start a blog"),
            Topic {
                text: "start a blog".into(),
                action: true
            }
        );
        assert_eq!(
            Topic::of("running shoes for beginners").text,
            "running shoes"
        );
        assert_eq!(Topic::of("nike vs adidas").text, "nike");
        assert_eq!(Topic::of("what is seo").text, "seo");
    }

    #[test]
    fn titles_follow_intent_and_modifiers() {
        let out = ideas(&shoes(), 7);
        assert_eq!(out.len(), 7);
        let titles: Vec<&str> = out.iter().map(|i| i.title.as_str()).collect();
        assert_eq!(
            titles[0], "Best Running Shoes in 2025: Our Top Picks",
            "{titles:#?}"
        );
        assert!(
            titles.contains(&"Nike vs Adidas Running Shoes: Which Should You Choose?"),
            "{titles:#?}"
        );
        assert!(
            titles.contains(&"Running Shoes for Women: What to Know"),
            "{titles:#?}"
        );
        assert!(
            titles.contains(&"Trail Running Shoes Review: Pros, Cons and Our Verdict"),
            "{titles:#?}"
        );
        assert!(
            titles.contains(&"Best Budget Running Shoes in 2025: Great Value Picks"),
            "{titles:#?}"
        );
        assert!(
            titles.contains(&"How to Choose Running Shoes: A Practical Walkthrough"),
            "{titles:#?}"
        );
        assert!(
            titles.contains(&"Running Shoes for Flat Feet: What to Know"),
            "{titles:#?}"
        );
        // "best running shoes 2025" is the pillar's own angle: no second "best" list.
        assert_eq!(
            titles
                .iter()
                .filter(|t| t.contains("Best Running Shoes"))
                .count(),
            1,
            "{titles:#?}"
        );
        let vs = out.iter().find(|i| i.title.starts_with("Nike")).unwrap();
        assert_eq!(vs.content_structure, ContentStructure::Comparison);
        assert_eq!(vs.estimated_word_count, 1800);
        assert_eq!(vs.primary_keyword, "nike vs adidas running shoes");
        let review = out
            .iter()
            .find(|i| i.content_structure == ContentStructure::Review)
            .unwrap();
        assert_eq!(review.estimated_word_count, 1600);
    }

    #[test]
    fn informational_and_action_clusters_get_their_own_patterns() {
        let blog = ClusterIn {
            name: "Start a Blog".into(),
            description: String::new(),
            keywords: vec![
                kw(1, "how to start a blog", 40000, Intent::Informational),
                kw(
                    2,
                    "how to start a blog for free",
                    5000,
                    Intent::Informational,
                ),
                kw(3, "blog post ideas", 3000, Intent::Informational),
            ],
        };
        let out = ideas(&blog, 3);
        assert_eq!(out[0].title, "How to Start a Blog: A Step-by-Step Guide");
        assert!(
            out.iter().any(|i| i.title.ends_with("Ideas to Try")),
            "{out:#?}"
        );

        let nav = ClusterIn {
            name: "Acme".into(),
            description: String::new(),
            keywords: vec![kw(1, "acme portal", 900, Intent::Navigational)],
        };
        let out = ideas(&nav, 3);
        assert_eq!(
            out[0].title,
            "Acme Portal Login: How to Access Your Account"
        );
        let info = ClusterIn {
            name: "Sourdough".into(),
            description: String::new(),
            keywords: vec![kw(1, "sourdough starter", 900, Intent::Informational)],
        };
        assert_eq!(
            ideas(&info, 3)[0].title,
            "The Complete Guide to Sourdough Starter"
        );
    }

    #[test]
    fn count_is_clamped_and_every_outline_has_6_to_10_sections() {
        let c = shoes();
        assert_eq!(ideas(&c, 1).len(), 3);
        assert_eq!(ideas(&c, 50).len(), 7);
        let single = ClusterIn {
            name: "x".into(),
            description: String::new(),
            keywords: vec![kw(9, "kayak", 100, Intent::Informational)],
        };
        for idea in ideas(&c, 7).iter().chain(ideas(&single, 5).iter()) {
            let n = idea.outline.sections.len();
            assert!((6..=10).contains(&n), "{} has {n} sections", idea.title);
            assert!(
                idea.outline
                    .sections
                    .iter()
                    .all(|s| !s.heading.is_empty() && !s.notes.is_empty())
            );
            let headings: HashSet<&str> = idea
                .outline
                .sections
                .iter()
                .map(|s| s.heading.as_str())
                .collect();
            assert_eq!(headings.len(), n, "duplicate headings in {}", idea.title);
        }
    }

    #[test]
    fn every_idea_has_the_head_and_every_keyword_is_covered() {
        let c = shoes();
        let out = ideas(&c, 4);
        let mut covered: HashSet<i64> = HashSet::new();
        for idea in &out {
            assert!(
                idea.keyword_ids.contains(&1),
                "{} lacks the head",
                idea.title
            );
            assert!(idea.keyword_ids.len() <= MAX_IDS_PER_IDEA);
            let primary = c
                .keywords
                .iter()
                .find(|k| k.keyword == idea.primary_keyword)
                .unwrap();
            assert!(idea.keyword_ids.contains(&primary.id));
            covered.extend(&idea.keyword_ids);
        }
        assert_eq!(covered.len(), c.keywords.len());
        // Primary keywords are not all the head.
        let primaries: HashSet<&str> = out.iter().map(|i| i.primary_keyword.as_str()).collect();
        assert_eq!(primaries.len(), out.len());
    }

    #[test]
    fn ideas_are_deterministic() {
        assert_eq!(ideas(&shoes(), 5), ideas(&shoes(), 5));
    }
}
