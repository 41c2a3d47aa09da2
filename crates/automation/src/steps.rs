//! The AI steps: one code path for the manual AI actions and the automation pipeline.
//!
//! Every step walks its items the same way: load through the owner's service, call the provider
//! outside any transaction, then save through the owner's service and charge through billing in
//! the same transaction, under an idempotency key built from the caller's prefix (`ai_task:7`,
//! `automation_run:3`). A charged key means the item was saved, so a re-run after a crash skips
//! it: no duplicate rows, one charge. Items are saved in groups ([`Group`]): what was worked
//! since the last save, once its provider calls took about a second, commits whole in one
//! transaction with one read of the cost table and one balance lock. The caller's [`StepSink`]
//! sees progress, records the saved items inside their transaction, hears about items given up
//! on, and may ask the step to stop before the next group (pause, cancel).

use crate::Result;
use crate::ai_tasks::Phase;
use billing::usage::{AiOperation, ProviderUsage, UsageCharge, UsageCharges};
use chrono::{DateTime, Utc};
use content::ai_work::TaskToWrite;
use content::images::ImagePrompt;
use content::model::ImageStatus;
use content::storage::MediaStore;
use db::DbPool;
use diesel::prelude::*;
use kernel::{Clock, ClusterId, ContentId, ImageId, KeywordId, SectorId, SiteId, TaskId};
use planning::model::IdeaStatus;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashSet};
use std::time::{Duration, Instant};
use tenancy::Scope;

/// What the steps run on: a pool, a clock, the media store and the secret key. The manual AI
/// job builds it from the worker's context; tests build it on their own pool.
pub struct AiEnv<'a> {
    pub(crate) pool: &'a DbPool,
    pub(crate) clock: &'a Clock,
    pub(crate) providers: &'a ai::Providers,
    pub(crate) media: &'a dyn MediaStore,
    pub(crate) secret_key: &'a [u8],
    #[cfg(any(test, feature = "failpoints"))]
    fail_save: Option<&'a std::sync::atomic::AtomicBool>,
}

impl<'a> AiEnv<'a> {
    /// An environment on a pool, clock, platform providers, media store and secret key.
    pub fn new(
        pool: &'a DbPool,
        clock: &'a Clock,
        providers: &'a ai::Providers,
        media: &'a dyn MediaStore,
        secret_key: &'a [u8],
    ) -> Self {
        Self {
            pool,
            clock,
            providers,
            media,
            secret_key,
            #[cfg(any(test, feature = "failpoints"))]
            fail_save: None,
        }
    }

    /// Test hook: while `flag` is true, the next item SAVE fails after its writes and charge,
    /// before commit (and clears the flag), as a crash half-way would.
    #[cfg(any(test, feature = "failpoints"))]
    pub fn with_save_failure(mut self, flag: &'a std::sync::atomic::AtomicBool) -> Self {
        self.fail_save = Some(flag);
        self
    }

    fn failpoint(&self) -> Result<()> {
        #[cfg(any(test, feature = "failpoints"))]
        if let Some(f) = self.fail_save
            && f.swap(false, std::sync::atomic::Ordering::SeqCst)
        {
            return Err(crate::Error::Interrupted(
                "failpoint: SAVE interrupted".into(),
            ));
        }
        Ok(())
    }

    /// Now, on the environment's clock.
    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// A pooled connection.
    pub(crate) fn conn(&self) -> Result<db::DbConn> {
        Ok(self.pool.get().map_err(db::DbError::from)?)
    }

    /// The platform providers merged with the account's overrides (endpoint, key, models,
    /// prompt templates).
    pub fn providers_for(&self, scope: &Scope) -> Result<ai::Providers> {
        let mut c = self.conn()?;
        let overrides = crate::ai_settings::account_overrides(&mut c, scope, self.secret_key)?;
        Ok(self.providers.for_account(&overrides)?)
    }
}

/// One item saved by a step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemDone {
    /// Stable name of the item within the step (`cluster:5`, `keywords:1:2:40`).
    pub key: String,
    /// Input units it consumed (the keywords of a clustering group; 1 otherwise).
    pub inputs: usize,
    /// Rows it created (clusters, ideas, articles, prompts, images).
    pub created: usize,
    /// Credits charged for it.
    pub credits: i64,
    /// Time spent in the provider call, in microseconds.
    pub provider_us: u64,
}

/// An item a step did not save, and why.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ItemNote {
    /// Stable name of the item within the step.
    pub key: String,
    /// The item's id (for a keyword group, its first keyword).
    pub id: i64,
    /// Why, in words.
    pub reason: String,
    /// True for a failure (the provider or the answer), false for a skip (nothing to do).
    pub failed: bool,
}

/// What a step did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StepReport {
    /// Items saved.
    pub saved: usize,
    /// Rows created.
    pub created: usize,
    /// Ids of the rows made or touched (clusters, ideas, content, images).
    pub created_ids: Vec<i64>,
    /// Clustering: existing clusters that took keywords.
    pub reused: usize,
    /// Clustering: keywords mapped.
    pub mapped: usize,
    /// Items skipped (nothing to do).
    pub skipped: Vec<ItemNote>,
    /// Items that failed.
    pub failed: Vec<ItemNote>,
    /// Credits charged.
    pub credits: i64,
    /// Time spent inside provider calls.
    pub provider_time: Duration,
    /// True when the sink asked to stop before every item was done.
    pub stopped: bool,
}

impl StepReport {
    fn add_saved(&mut self, item: &ItemDone) {
        self.saved += 1;
        self.credits += item.credits;
    }
}

/// What the caller of a step sees and records.
pub trait StepSink {
    /// Progress: item `done` of `total` entered `phase`.
    fn progress(&self, _phase: Phase, _done: usize, _total: usize) {}
    /// Called inside an item's SAVE transaction, after the domain writes and the charge: what
    /// the sink writes here commits (or not) together with the item.
    fn saved(&self, _conn: &mut PgConnection, _item: &ItemDone) -> Result<()> {
        Ok(())
    }
    /// [`StepSink::saved`] for the items saved together in one transaction.
    fn saved_all(&self, conn: &mut PgConnection, items: &[ItemDone]) -> Result<()> {
        items.iter().try_for_each(|item| self.saved(conn, item))
    }
    /// An item was skipped or failed.
    fn gave_up(&self, _item: &ItemNote) -> Result<()> {
        Ok(())
    }
    /// Asked before each save group: true stops the step there (pause, cancel).
    fn stop_requested(&self) -> Result<bool> {
        Ok(false)
    }
    /// Whether an item whose charge key is already charged is reported as skipped. A pipeline
    /// run takes its items from the pending ones, so such an item was worked earlier in the run
    /// and became pending again (a person undid it): the run skips it with that reason rather
    /// than charge it twice or meet it again in every batch. A retried manual task passes over
    /// the items an earlier attempt saved (the default).
    fn skips_reworked(&self) -> bool {
        false
    }
    /// Hears the retries of the provider calls while they wait (`retrying (attempt 2 of 3):
    /// ...`); it owns what it needs, as it is called from inside the provider.
    fn retry_observer(&self) -> Option<ai::observe::Observer> {
        None
    }
}

/// A sink that records nothing.
pub struct NoSink;
impl StepSink for NoSink {}

/// One step's context: who, with which providers, under which key prefix and reference.
pub struct Step<'a> {
    /// The environment.
    pub env: &'a AiEnv<'a>,
    /// The account's scope (a job scope).
    pub scope: &'a Scope,
    /// The account's providers.
    pub providers: &'a ai::Providers,
    /// Prefix of every idempotency key (`ai_task:7`, `automation_run:3:s1`).
    pub key_prefix: &'a str,
    /// Ledger reference of group-level charges (`ai_task:7`).
    pub reference: &'a str,
    /// Progress and records.
    pub sink: &'a dyn StepSink,
}

/// What providers report as usage, borrowed for a charge.
fn usage<'u>(u: &'u ai::Usage, requested: Option<&'u str>) -> ProviderUsage<'u> {
    ProviderUsage {
        model: &u.model,
        requested_model: requested,
        tokens_in: u.tokens_in,
        tokens_out: u.tokens_out,
        images: 0,
    }
}

fn us(d: Duration) -> u64 {
    u64::try_from(d.as_micros()).unwrap_or(u64::MAX)
}

fn to_ai_intent(i: Option<planning::model::Intent>) -> ai::Intent {
    i.and_then(|i| i.as_str().parse().ok())
        .unwrap_or(ai::Intent::Informational)
}

fn keyword_in(k: &planning::model::Keyword) -> ai::KeywordIn {
    ai::KeywordIn {
        id: k.id.get(),
        keyword: k.keyword.clone(),
        volume: k.volume.unwrap_or(0), // unknown volume weighs as none
        difficulty: k.difficulty.unwrap_or(0),
        intent: to_ai_intent(k.intent),
    }
}

impl Step<'_> {
    fn text_model(&self) -> Option<&str> {
        match &self.providers.settings().provider {
            ai::ProviderChoice::OpenAi(c) => Some(c.text_model.as_str()),
            ai::ProviderChoice::Offline => None,
        }
    }

    fn image_model(&self) -> Option<&str> {
        match &self.providers.settings().image_provider {
            ai::ImageProviderChoice::OpenAi(c) => Some(c.image_model.as_str()),
            ai::ImageProviderChoice::Offline => None,
        }
    }

    /// Calls the provider (outside any transaction), timing the call into the report; the
    /// sink hears the call's retries.
    fn call<T>(
        &self,
        report: &mut StepReport,
        i: usize,
        n: usize,
        f: impl FnOnce() -> ai::Result<T>,
    ) -> (ai::Result<T>, Duration) {
        self.sink.progress(Phase::AiCall, i, n);
        let started = Instant::now();
        let out = match self.sink.retry_observer() {
            Some(observer) => ai::with_retry_observer(observer, f),
            None => f(),
        };
        let took = started.elapsed();
        report.provider_time += took;
        (out, took)
    }

    /// An item's provider call failed. A provider-wide failure (unreachable, our key refused,
    /// rate limited past the deadline) stops the step: the next item would fail the same way.
    /// Any other is the item's own: the tokens it burned are logged with zero credits, the
    /// items (`notes`: key and id) are given up on as failed with the reason in words, and the
    /// step goes on with the next.
    fn items_failed(
        &self,
        report: &mut StepReport,
        operation: AiOperation,
        notes: impl IntoIterator<Item = (String, i64)>,
        e: ai::Error,
    ) -> Result<()> {
        if e.is_provider_wide() {
            return Err(e.into());
        }
        let reason = e.to_string();
        if let Some(u) = e.usage() {
            let requested = match operation {
                AiOperation::Images => self.image_model(),
                _ => self.text_model(),
            };
            let mut c = self.env.conn()?;
            billing::usage::log_failed_usage(
                &mut c,
                self.scope,
                operation,
                &usage(u, requested),
                &reason,
                self.env.now(),
            )?;
        }
        for (key, id) in notes {
            self.give_up(
                report,
                ItemNote {
                    key,
                    id,
                    reason: reason.clone(),
                    failed: true,
                },
            )?;
        }
        Ok(())
    }

    fn key(&self, rest: &str) -> String {
        format!("{}:{rest}", self.key_prefix)
    }

    /// The keys among `keys` already charged: their items were saved (one query per batch).
    fn charged_keys(&self, keys: &[String]) -> Result<HashSet<String>> {
        let mut c = self.env.conn()?;
        Ok(billing::usage::charged_keys(&mut c, self.scope, keys)?)
    }

    /// Asked before the first item of each save group: true stops the step there.
    fn stop_before(&self, group: &Group<impl Sized>, report: &mut StepReport) -> Result<bool> {
        if group.items.is_empty() && self.sink.stop_requested()? {
            report.stopped = true;
            return Ok(true);
        }
        Ok(false)
    }

    /// Saves the group's items (see [`Group`]) and empties it. When the balance does not cover
    /// the whole group, its items are saved one by one instead, so the ones it covers are kept,
    /// exactly as if each had been saved alone.
    fn save_group<P, R>(
        &self,
        group: &mut Group<P>,
        write: &impl Fn(
            &mut PgConnection,
            &[Ready<P>],
            &mut UsageCharges<'_>,
            DateTime<Utc>,
        ) -> Result<Vec<(R, usize, i64)>>,
    ) -> Result<Vec<(R, ItemDone)>> {
        let items = std::mem::take(&mut group.items);
        group.provider = Duration::ZERO;
        match self.save_items(&items, write) {
            Err(crate::Error::Billing(billing::Error::InsufficientCredits { .. }))
                if items.len() > 1 =>
            {
                let mut saved = Vec::with_capacity(items.len());
                for one in items.chunks(1) {
                    saved.extend(self.save_items(one, write)?);
                }
                Ok(saved)
            }
            r => r,
        }
    }

    /// Runs `write` (the domain save, adding the charge) for each item, then posts the charges
    /// and has the sink record the items — all in one transaction, hitting the test failpoint
    /// before commit. The cost table is read once for the transaction.
    fn save_items<P, R>(
        &self,
        items: &[Ready<P>],
        write: &impl Fn(
            &mut PgConnection,
            &[Ready<P>],
            &mut UsageCharges<'_>,
            DateTime<Utc>,
        ) -> Result<Vec<(R, usize, i64)>>,
    ) -> Result<Vec<(R, ItemDone)>> {
        if items.is_empty() {
            return Ok(Vec::new());
        }
        let mut c = self.env.conn()?;
        let now = self.env.now();
        c.transaction(|tx| {
            let table = billing::costs::CostTable::load(tx)?;
            let mut charges = UsageCharges::new(&table, Some(self.key_prefix));
            let written = write(tx, items, &mut charges, now)?;
            let saved: Vec<(R, ItemDone)> = items
                .iter()
                .zip(written)
                .map(|(item, (v, created, credits))| {
                    (
                        v,
                        ItemDone {
                            key: item.key.clone(),
                            inputs: item.inputs,
                            created,
                            credits,
                            provider_us: item.provider_us,
                        },
                    )
                })
                .collect();
            billing::usage::post_charges(tx, self.scope, &charges, now)?;
            let done: Vec<ItemDone> = saved.iter().map(|(_, d)| d.clone()).collect();
            self.sink.saved_all(tx, &done)?;
            self.env.failpoint()?;
            Ok(saved)
        })
    }

    /// An item whose key is already charged (see [`StepSink::skips_reworked`]); true when it was
    /// reported as skipped.
    fn already_worked(&self, report: &mut StepReport, key: String, id: i64) -> Result<bool> {
        if !self.sink.skips_reworked() {
            return Ok(false);
        }
        // The item's own key names its earlier save in the run's records.
        self.give_up(
            report,
            ItemNote {
                key: format!("{key}:again"),
                id,
                reason: "Already worked earlier in this run; it became pending again afterwards."
                    .into(),
                failed: false,
            },
        )?;
        Ok(true)
    }

    fn give_up(&self, report: &mut StepReport, note: ItemNote) -> Result<()> {
        self.sink.gave_up(&note)?;
        if note.failed {
            report.failed.push(note);
        } else {
            report.skipped.push(note);
        }
        Ok(())
    }

    /// Adds an item's charge to its group (priced now, posted with the group).
    fn charge(
        &self,
        charges: &mut UsageCharges<'_>,
        operation: AiOperation,
        usage: ProviderUsage<'_>,
        key: &str,
        reference: &str,
    ) -> Result<i64> {
        Ok(charges.add(&UsageCharge {
            operation,
            usage,
            idempotency_key: key,
            reference,
            hold: Some(self.key_prefix),
        })?)
    }

    /// Clusters keywords: the ones still `new`, enabled and unclustered, grouped per site and
    /// sector, one provider call per group; each cluster reuses a same-named one or is created.
    pub fn cluster_keywords(&self, ids: &[KeywordId]) -> Result<StepReport> {
        struct Answer {
            site: SiteId,
            sector: SectorId,
            key: String,
            assignments: Vec<planning::ai_work::ClusterAssignment>,
            usage: ai::Usage,
        }
        let mut report = StepReport::default();
        let kws = {
            let mut c = self.env.conn()?;
            planning::ai_work::keywords_to_cluster(&mut c, self.scope, ids)?
        };
        let mut groups: BTreeMap<(SiteId, SectorId), Vec<planning::model::Keyword>> =
            BTreeMap::new();
        for k in kws {
            groups.entry((k.site_id, k.sector_id)).or_default().push(k);
        }
        // A group is named by exactly its keywords (a digest of their ids, the first id last):
        // the same keywords give the same key on a re-run, any other set another key.
        let group_name = |kws: &[planning::model::Keyword]| {
            let mut ids: Vec<i64> = kws.iter().map(|k| k.id.get()).collect();
            ids.sort_unstable();
            let digest = ids
                .iter()
                .fold(Sha256::new(), |h, id| h.chain_update(id.to_le_bytes()))
                .finalize();
            format!(
                "{}:{}",
                hex::encode(&digest[..8]),
                ids.first().copied().unwrap_or(0)
            )
        };
        let keys: Vec<String> = groups
            .iter()
            .map(|((site, sector), kws)| {
                self.key(&format!("clustering:{site}:{sector}:{}", group_name(kws)))
            })
            .collect();
        let charged = self.charged_keys(&keys)?;
        let requested = self.text_model();
        let write = each(
            |tx: &mut PgConnection,
             a: &Answer,
             charges: &mut UsageCharges<'_>,
             now: DateTime<Utc>| {
                let saved = planning::ai_work::save_cluster_assignments(
                    tx,
                    self.scope,
                    a.site,
                    a.sector,
                    &a.assignments,
                    now,
                )?;
                let credits = self.charge(
                    charges,
                    AiOperation::Clustering,
                    usage(&a.usage, requested),
                    &a.key,
                    self.reference,
                )?;
                let created = saved.created;
                Ok((saved, created, credits))
            },
        );
        let absorb =
            |report: &mut StepReport, saved: Vec<(planning::ai_work::SavedClusters, ItemDone)>| {
                for (saved, done) in saved {
                    report.add_saved(&done);
                    report.created += saved.created;
                    report.reused += saved.reused;
                    report.mapped += saved.mapped;
                    report
                        .created_ids
                        .extend(saved.cluster_ids.iter().map(|c| c.get()));
                }
            };
        let n = groups.len();
        let mut group = Group::default();
        for (i, (((site, sector), kws), key)) in groups.into_iter().zip(keys).enumerate() {
            if self.stop_before(&group, &mut report)? {
                break;
            }
            let item_key = format!("keywords:{site}:{sector}:{}", group_name(&kws));
            if charged.contains(&key) {
                let first = kws.iter().map(|k| k.id.get()).min().unwrap_or(0);
                self.already_worked(&mut report, item_key, first)?;
                continue;
            }
            let input: Vec<ai::KeywordIn> = kws.iter().map(keyword_in).collect();
            let (out, took) = match self.call(&mut report, i, n, || {
                self.providers.text().cluster_keywords(&input)
            }) {
                (Ok(out), took) => (out, took),
                (Err(e), _) => {
                    let notes = kws
                        .iter()
                        .map(|k| (format!("keyword:{}", k.id), k.id.get()));
                    self.items_failed(&mut report, AiOperation::Clustering, notes, e)?;
                    continue;
                }
            };
            self.sink.progress(Phase::Parse, i, n);
            for &id in &out.output.unclustered {
                self.give_up(
                    &mut report,
                    ItemNote {
                        key: format!("keyword:{id}"),
                        id,
                        reason: "The model placed it in no cluster.".into(),
                        failed: false,
                    },
                )?;
            }
            let known: std::collections::BTreeSet<i64> = input.iter().map(|k| k.id).collect();
            let assignments: Vec<planning::ai_work::ClusterAssignment> = out
                .output
                .clusters
                .iter()
                .map(|cl| planning::ai_work::ClusterAssignment {
                    name: cl.name.clone(),
                    description: cl.description.clone(),
                    keyword_ids: cl
                        .keyword_ids
                        .iter()
                        .filter(|id| known.contains(id))
                        .map(|&id| KeywordId(id))
                        .collect(),
                })
                .filter(|a| !a.keyword_ids.is_empty())
                .collect();
            self.sink.progress(Phase::Save, i, n);
            group.push(
                item_key,
                kws.len(),
                took,
                Answer {
                    site,
                    sector,
                    key,
                    assignments,
                    usage: out.usage,
                },
            );
            if group.is_full() {
                absorb(&mut report, self.save_group(&mut group, &write)?);
            }
        }
        absorb(&mut report, self.save_group(&mut group, &write)?);
        Ok(report)
    }

    /// Generates 3–7 ideas with outlines per cluster; the cluster becomes `mapped`.
    pub fn generate_ideas(&self, ids: &[ClusterId]) -> Result<StepReport> {
        struct Answer {
            cluster: planning::model::Cluster,
            key: String,
            ideas: Vec<planning::ideas::NewIdea>,
            usage: ai::Usage,
        }
        let mut report = StepReport::default();
        let n = ids.len();
        let keys: Vec<String> = ids
            .iter()
            .map(|cid| self.key(&format!("ideas:{cid}")))
            .collect();
        let charged = self.charged_keys(&keys)?;
        let todo: Vec<ClusterId> = ids
            .iter()
            .zip(&keys)
            .filter(|(_, k)| !charged.contains(*k))
            .map(|(&c, _)| c)
            .collect();
        let mut sources = {
            let mut c = self.env.conn()?;
            planning::ai_work::idea_sources(&mut c, self.scope, &todo)?
        };
        let requested = self.text_model();
        let write = |tx: &mut PgConnection,
                     items: &[Ready<Answer>],
                     charges: &mut UsageCharges<'_>,
                     now: DateTime<Utc>| {
            let groups: Vec<(&planning::model::Cluster, &[planning::ideas::NewIdea])> = items
                .iter()
                .map(|r| (&r.data.cluster, r.data.ideas.as_slice()))
                .collect();
            let made = planning::ai_work::save_generated_ideas_many(tx, self.scope, &groups, now)?;
            items
                .iter()
                .zip(made)
                .map(|(r, made)| {
                    let credits = self.charge(
                        charges,
                        AiOperation::Ideas,
                        usage(&r.data.usage, requested),
                        &r.data.key,
                        self.reference,
                    )?;
                    let created = made.len();
                    Ok((made, created, credits))
                })
                .collect::<Result<Vec<_>>>()
        };
        let absorb = |report: &mut StepReport, saved: Vec<(Vec<kernel::IdeaId>, ItemDone)>| {
            for (made, done) in saved {
                report.add_saved(&done);
                report.created += made.len();
                report.created_ids.extend(made.iter().map(|i| i.get()));
            }
        };
        let mut group = Group::default();
        for (i, (&cid, key)) in ids.iter().zip(keys).enumerate() {
            if self.stop_before(&group, &mut report)? {
                break;
            }
            let item_key = format!("cluster:{cid}");
            self.sink.progress(Phase::Prep, i, n);
            if charged.contains(&key) {
                self.already_worked(&mut report, item_key, cid.get())?;
                continue;
            }
            let Some(source) = sources.remove(&cid) else {
                continue;
            };
            if source.keywords.is_empty() {
                self.give_up(
                    &mut report,
                    ItemNote {
                        key: item_key,
                        id: cid.get(),
                        reason: "The cluster has no keywords.".into(),
                        failed: false,
                    },
                )?;
                continue;
            }
            let cluster = source.cluster;
            let input = ai::ClusterIn {
                name: cluster.name.clone(),
                description: cluster.description.clone(),
                keywords: source.keywords.iter().map(keyword_in).collect(),
            };
            let n_ideas = (source.keywords.len() / 2).clamp(3, 7);
            let (out, took) = match self.call(&mut report, i, n, || {
                self.providers.text().generate_ideas(&input, n_ideas)
            }) {
                (Ok(out), took) => (out, took),
                (Err(e), _) => {
                    let note = (item_key, cid.get());
                    self.items_failed(&mut report, AiOperation::Ideas, [note], e)?;
                    continue;
                }
            };
            self.sink.progress(Phase::Parse, i, n);
            let known: std::collections::BTreeSet<i64> =
                source.keywords.iter().map(|k| k.id.get()).collect();
            let ideas: Vec<planning::ideas::NewIdea> = out
                .output
                .iter()
                .map(|idea| planning::ideas::NewIdea {
                    site_id: Some(cluster.site_id),
                    sector_id: Some(cluster.sector_id),
                    cluster_id: Some(cluster.id),
                    idea_title: idea.title.chars().take(255).collect(),
                    description: Some(idea.description.clone()),
                    outline: Some(planning::model::Outline {
                        sections: idea
                            .outline
                            .sections
                            .iter()
                            .take(planning::ideas::MAX_SECTIONS)
                            .map(|s| planning::model::OutlineSection {
                                heading: s.heading.clone(),
                                notes: s.notes.clone(),
                            })
                            .collect(),
                    }),
                    keyword_ids: idea
                        .keyword_ids
                        .iter()
                        .filter(|id| known.contains(id))
                        .take(planning::ideas::MAX_IDEA_KEYWORDS)
                        .map(|&id| KeywordId(id))
                        .collect(),
                    content_type: planning::model::ContentType::parse(idea.content_type.as_str()),
                    content_structure: planning::model::ContentStructure::parse(
                        idea.content_structure.as_str(),
                    ),
                    estimated_word_count: i32::try_from(idea.estimated_word_count).ok(),
                    status: Some(IdeaStatus::New),
                })
                .collect();
            self.sink.progress(Phase::Save, i, n);
            group.push(
                item_key,
                1,
                took,
                Answer {
                    cluster,
                    key,
                    ideas,
                    usage: out.usage,
                },
            );
            if group.is_full() {
                absorb(&mut report, self.save_group(&mut group, &write)?);
            }
        }
        absorb(&mut report, self.save_group(&mut group, &write)?);
        Ok(report)
    }

    /// Writes one draft article per writer task (at most one per task); the task becomes
    /// `completed` and its idea `completed`.
    pub fn write_articles(&self, ids: &[TaskId]) -> Result<StepReport> {
        struct Answer {
            task: Box<content::model::Task>,
            key: String,
            reference: String,
            fields: content::content::ContentFields,
            usage: ai::Usage,
        }
        let mut report = StepReport::default();
        let n = ids.len();
        let keys: Vec<String> = ids
            .iter()
            .map(|tid| self.key(&format!("content:{tid}")))
            .collect();
        let charged = self.charged_keys(&keys)?;
        let requested = self.text_model();
        let write = each(
            |tx: &mut PgConnection,
             a: &Answer,
             charges: &mut UsageCharges<'_>,
             now: DateTime<Utc>| {
                let Some(id) = content::ai_work::save_generated_article(
                    tx, self.scope, &a.task, &a.fields, now,
                )?
                else {
                    return Ok((None, 0, 0));
                };
                if let Some(idea) = a.task.idea_id {
                    planning::ai_work::complete_idea(tx, self.scope, idea, now)?;
                }
                let credits = self.charge(
                    charges,
                    AiOperation::Content,
                    usage(&a.usage, requested),
                    &a.key,
                    &a.reference,
                )?;
                Ok((Some(id), 1, credits))
            },
        );
        let absorb = |step: &Self,
                      report: &mut StepReport,
                      saved: Vec<(Option<ContentId>, ItemDone)>|
         -> Result<()> {
            for (made, done) in saved {
                match made {
                    Some(id) => {
                        report.add_saved(&done);
                        report.created += 1;
                        report.created_ids.push(id.get());
                    }
                    None => step.give_up(
                        report,
                        ItemNote {
                            id: key_id(&done.key),
                            key: done.key,
                            reason: "The task has an article already.".into(),
                            failed: false,
                        },
                    )?,
                }
            }
            Ok(())
        };
        let mut group = Group::default();
        for (i, (&tid, key)) in ids.iter().zip(keys).enumerate() {
            if self.stop_before(&group, &mut report)? {
                break;
            }
            let item_key = format!("task:{tid}");
            self.sink.progress(Phase::Prep, i, n);
            if charged.contains(&key) {
                self.already_worked(&mut report, item_key, tid.get())?;
                continue;
            }
            let (wt, idea_outline) = {
                let mut c = self.env.conn()?;
                let wt = match content::ai_work::task_to_write(&mut c, self.scope, tid)? {
                    TaskToWrite::Write(t) => t,
                    TaskToWrite::Missing => continue,
                    TaskToWrite::AlreadyWritten => {
                        self.give_up(
                            &mut report,
                            ItemNote {
                                key: item_key,
                                id: tid.get(),
                                reason: "The task has an article already.".into(),
                                failed: false,
                            },
                        )?;
                        continue;
                    }
                };
                let task_outline = wt
                    .outline
                    .as_ref()
                    .map(outline_sections)
                    .unwrap_or_default();
                let outline = match (task_outline.is_empty(), wt.idea_id) {
                    (true, Some(idea)) => {
                        match planning::ideas::get_idea(&mut c, self.scope, idea) {
                            Ok(idea) => idea
                                .outline
                                .sections
                                .iter()
                                .map(|s| ai::OutlineSection {
                                    heading: s.heading.clone(),
                                    notes: s.notes.clone(),
                                })
                                .collect(),
                            Err(
                                planning::Error::NotFound
                                | planning::Error::Tenancy(tenancy::Error::NotFound),
                            ) => Vec::new(),
                            Err(e) => return Err(e.into()),
                        }
                    }
                    _ => task_outline,
                };
                (wt, outline)
            };
            let range = ai::validate::WORD_COUNT_RANGE;
            let input = ai::ContentIn {
                title: wt.title.clone(),
                outline: idea_outline,
                primary_keyword: if wt.primary_keyword.trim().is_empty() {
                    wt.title.clone()
                } else {
                    wt.primary_keyword.clone()
                },
                secondary_keywords: wt.secondary_keywords.0.clone(),
                content_type: wt
                    .content_type
                    .as_str()
                    .parse()
                    .unwrap_or(ai::ContentType::Post),
                content_structure: wt
                    .content_structure
                    .as_str()
                    .parse()
                    .unwrap_or(ai::ContentStructure::Article),
                target_word_count: u32::try_from(wt.word_count)
                    .unwrap_or(0)
                    .clamp(*range.start(), *range.end()),
            };
            let (out, took) = match self.call(&mut report, i, n, || {
                self.providers.text().generate_content(&input)
            }) {
                (Ok(out), took) => (out, took),
                (Err(e), _) => {
                    let wide = e.is_provider_wide();
                    let note = (item_key, tid.get());
                    self.items_failed(&mut report, AiOperation::Content, [note], e)?;
                    if !wide {
                        let mut c = self.env.conn()?;
                        content::ai_work::mark_task_failed(
                            &mut c,
                            self.scope,
                            tid,
                            self.env.now(),
                        )?;
                    }
                    continue;
                }
            };
            self.sink.progress(Phase::Parse, i, n);
            let o = &out.output;
            let fields = content::content::ContentFields {
                title: Some(wt.title.clone()),
                content_html: Some(o.html.clone()),
                meta_title: Some(o.meta_title.clone()),
                meta_description: Some(o.meta_description.clone()),
                primary_keyword: Some(input.primary_keyword.clone()),
                secondary_keywords: Some(input.secondary_keywords.clone()),
                tags: Some(o.tags.clone()),
                categories: Some(o.categories.clone()),
                ..Default::default()
            };
            self.sink.progress(Phase::Save, i, n);
            group.push(
                item_key,
                1,
                took,
                Answer {
                    task: wt,
                    key,
                    reference: format!("task:{tid}"),
                    fields,
                    usage: out.usage,
                },
            );
            if group.is_full() {
                let saved = self.save_group(&mut group, &write)?;
                absorb(self, &mut report, saved)?;
            }
        }
        let saved = self.save_group(&mut group, &write)?;
        absorb(self, &mut report, saved)?;
        Ok(report)
    }

    /// Writes image prompts per content item: a featured prompt (position 0) and N in-article
    /// prompts as `pending` image rows (an occupied slot keeps its row).
    pub fn write_image_prompts(&self, ids: &[ContentId]) -> Result<StepReport> {
        struct Answer {
            content: ContentId,
            key: String,
            reference: String,
            prompts: Vec<ImagePrompt>,
            usage: ai::Usage,
        }
        let mut report = StepReport::default();
        let n = ids.len();
        let n_in_article = self.providers.settings().n_in_article_images;
        let keys: Vec<String> = ids
            .iter()
            .map(|cid| self.key(&format!("image_prompts:{cid}")))
            .collect();
        let charged = self.charged_keys(&keys)?;
        let requested = self.text_model();
        let write = each(
            |tx: &mut PgConnection,
             a: &Answer,
             charges: &mut UsageCharges<'_>,
             now: DateTime<Utc>| {
                let rows = content::ai_work::save_image_prompts(
                    tx, self.scope, a.content, &a.prompts, now,
                )?;
                let credits = self.charge(
                    charges,
                    AiOperation::ImagePrompts,
                    usage(&a.usage, requested),
                    &a.key,
                    &a.reference,
                )?;
                let created = rows.len();
                Ok((rows, created, credits))
            },
        );
        let absorb = |report: &mut StepReport,
                      saved: Vec<(Vec<content::model::Image>, ItemDone)>| {
            for (rows, done) in saved {
                report.add_saved(&done);
                report.created += rows.len();
                report.created_ids.extend(rows.iter().map(|r| r.id.get()));
            }
        };
        let mut group = Group::default();
        for (i, (&cid, key)) in ids.iter().zip(keys).enumerate() {
            if self.stop_before(&group, &mut report)? {
                break;
            }
            let item_key = format!("content:{cid}");
            self.sink.progress(Phase::Prep, i, n);
            if charged.contains(&key) {
                self.already_worked(&mut report, item_key, cid.get())?;
                continue;
            }
            let item = {
                let mut c = self.env.conn()?;
                content::ai_work::content_for_image_prompts(&mut c, self.scope, cid)?
            };
            let Some(item) = item else {
                continue;
            };
            let input = ai::ImagePromptIn {
                title: item.title.clone(),
                section_headings: h2_headings(&item.content_html),
                n_in_article,
            };
            let (out, took) = match self.call(&mut report, i, n, || {
                self.providers.text().image_prompts(&input)
            }) {
                (Ok(out), took) => (out, took),
                (Err(e), _) => {
                    let note = (item_key, cid.get());
                    self.items_failed(&mut report, AiOperation::ImagePrompts, [note], e)?;
                    continue;
                }
            };
            self.sink.progress(Phase::Parse, i, n);
            let prompts: Vec<ImagePrompt> = out
                .output
                .iter()
                .map(|p| ImagePrompt {
                    image_type: match p.image_type {
                        ai::ImageType::Featured => content::model::ImageType::Featured,
                        ai::ImageType::InArticle => content::model::ImageType::InArticle,
                    },
                    position: i32::try_from(p.position).unwrap_or(i32::MAX),
                    prompt: p.prompt.clone(),
                })
                .collect();
            self.sink.progress(Phase::Save, i, n);
            group.push(
                item_key,
                1,
                took,
                Answer {
                    content: item.id,
                    key,
                    reference: format!("content:{cid}"),
                    prompts,
                    usage: out.usage,
                },
            );
            if group.is_full() {
                absorb(&mut report, self.save_group(&mut group, &write)?);
            }
        }
        absorb(&mut report, self.save_group(&mut group, &write)?);
        Ok(report)
    }

    /// Generates images for pending (or failed) image rows: bytes from the image provider into
    /// the media store, the row `generated`. A failed image is marked and recorded; the others go
    /// on. An image generated before counts as saved.
    pub fn generate_images(&self, ids: &[ImageId]) -> Result<StepReport> {
        struct Answer {
            image: content::model::Image,
            key: String,
            reference: String,
            out: ai::ImageOut,
        }
        let mut report = StepReport::default();
        let n = ids.len();
        let settings = self.providers.settings();
        let (w, h, format) = (
            settings.image_size.width,
            settings.image_size.height,
            settings.image_format,
        );
        let keys: Vec<String> = ids
            .iter()
            .map(|iid| self.key(&format!("image:{iid}")))
            .collect();
        let charged = self.charged_keys(&keys)?;
        let requested = self.image_model();
        let write = each(
            |tx: &mut PgConnection,
             a: &Answer,
             charges: &mut UsageCharges<'_>,
             now: DateTime<Utc>| {
                let row = content::ai_work::save_generated_image(
                    tx,
                    self.scope,
                    self.env.media,
                    &a.image,
                    a.out.bytes.clone(),
                    now,
                )?;
                let credits = self.charge(
                    charges,
                    AiOperation::Images,
                    ProviderUsage {
                        model: &a.out.model,
                        requested_model: requested,
                        tokens_in: 0,
                        tokens_out: 0,
                        images: 1,
                    },
                    &a.key,
                    &a.reference,
                )?;
                Ok((row.id, 1, credits))
            },
        );
        let absorb = |report: &mut StepReport, saved: Vec<(ImageId, ItemDone)>| {
            for (id, done) in saved {
                report.add_saved(&done);
                report.created += 1;
                report.created_ids.push(id.get());
            }
        };
        let mut group = Group::default();
        for (i, (&iid, key)) in ids.iter().zip(keys).enumerate() {
            if self.stop_before(&group, &mut report)? {
                break;
            }
            let item_key = format!("image:{iid}");
            let img = {
                let mut c = self.env.conn()?;
                content::ai_work::image_to_generate(&mut c, self.scope, iid)?
            };
            let Some(img) = img else {
                continue;
            };
            if charged.contains(&key)
                && self.already_worked(&mut report, item_key.clone(), iid.get())?
            {
                continue;
            }
            if charged.contains(&key) || img.status == ImageStatus::Generated {
                report.saved += 1;
                continue;
            }
            if img.prompt.trim().is_empty() {
                self.give_up(
                    &mut report,
                    ItemNote {
                        key: item_key,
                        id: iid.get(),
                        reason: "The image has no prompt.".into(),
                        failed: true,
                    },
                )?;
                continue;
            }
            let (generated, took) = self.call(&mut report, i, n, || {
                self.providers
                    .image()
                    .generate_image(&img.prompt, w, h, format)
            });
            let out = match generated {
                Ok(o) => o,
                Err(e) => {
                    {
                        let mut c = self.env.conn()?;
                        content::images::mark_image_failed(
                            &mut c,
                            self.scope,
                            img.id,
                            self.env.now(),
                        )?;
                    }
                    self.give_up(
                        &mut report,
                        ItemNote {
                            key: item_key,
                            id: iid.get(),
                            reason: e.to_string(),
                            failed: true,
                        },
                    )?;
                    continue;
                }
            };
            self.sink.progress(Phase::Save, i, n);
            group.push(
                item_key,
                1,
                took,
                Answer {
                    image: img,
                    key,
                    reference: format!("image:{iid}"),
                    out,
                },
            );
            if group.is_full() {
                absorb(&mut report, self.save_group(&mut group, &write)?);
            }
        }
        absorb(&mut report, self.save_group(&mut group, &write)?);
        Ok(report)
    }
}

/// A group write from a per-item one: the items' writes one after another.
#[allow(clippy::type_complexity)]
fn each<P, R>(
    write: impl Fn(
        &mut PgConnection,
        &P,
        &mut UsageCharges<'_>,
        DateTime<Utc>,
    ) -> Result<(R, usize, i64)>,
) -> impl Fn(
    &mut PgConnection,
    &[Ready<P>],
    &mut UsageCharges<'_>,
    DateTime<Utc>,
) -> Result<Vec<(R, usize, i64)>> {
    move |tx, items, charges, now| {
        items
            .iter()
            .map(|item| write(tx, &item.data, charges, now))
            .collect()
    }
}

/// The id in an item key (`task:12` → 12).
fn key_id(key: &str) -> i64 {
    key.rsplit(':')
        .next()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}

/// Provider time after which the items worked so far are saved: a crash loses at most about
/// this much provider work, while fast calls (the offline provider) share one transaction, one
/// balance lock and one read of the cost table among the items of a batch.
const GROUP_PROVIDER_TIME: Duration = Duration::from_secs(1);
/// Most items saved in one transaction.
const GROUP_MAX_ITEMS: usize = 50;

/// An item whose provider call is done, waiting to be saved with its group.
struct Ready<P> {
    key: String,
    inputs: usize,
    provider_us: u64,
    data: P,
}

/// Items of a step saved together in one transaction: each item's domain rows, its charge and
/// the sink's record still commit together (all or none of the group), and the charges'
/// idempotency keys still mark exactly the saved items.
struct Group<P> {
    items: Vec<Ready<P>>,
    provider: Duration,
}

impl<P> Default for Group<P> {
    fn default() -> Self {
        Self {
            items: Vec::new(),
            provider: Duration::ZERO,
        }
    }
}

impl<P> Group<P> {
    fn push(&mut self, key: String, inputs: usize, took: Duration, data: P) {
        self.provider += took;
        self.items.push(Ready {
            key,
            inputs,
            provider_us: us(took),
            data,
        });
    }

    fn is_full(&self) -> bool {
        self.provider >= GROUP_PROVIDER_TIME || self.items.len() >= GROUP_MAX_ITEMS
    }
}

fn outline_sections(v: &serde_json::Value) -> Vec<ai::OutlineSection> {
    serde_json::from_value::<ai::Outline>(v.clone())
        .map(|o| o.sections)
        .unwrap_or_default()
        .into_iter()
        .filter(|s| !s.heading.trim().is_empty())
        .collect()
}

/// The text of every `<h2>` of an article, in order.
fn h2_headings(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<h2") {
        let after = &rest[start..];
        let Some(open_end) = after.find('>') else {
            break;
        };
        let body = &after[open_end + 1..];
        let Some(close) = body.find("</h2>") else {
            break;
        };
        let text = content::sanitize::html_text(&body[..close]);
        let text = text.trim();
        if !text.is_empty() {
            out.push(text.to_owned());
        }
        rest = &body[close + 5..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn h2_headings_in_order() {
        let html = "<p>x</p><h2>One &amp; two</h2><p>y</p><h2 id=\"a\"><em>Three</em></h2>";
        assert_eq!(h2_headings(html), vec!["One & two", "Three"]);
        assert!(h2_headings("<h2>unclosed").is_empty());
    }
}
