//! The AI steps: one code path for the manual AI actions and the automation pipeline.
//!
//! Every step walks its items the same way: load through the owner's service, call the provider
//! outside any transaction, then save through the owner's service and charge through billing in
//! ONE transaction per item, under an idempotency key built from the caller's prefix
//! (`ai_task:7`, `automation_run:3`). A charged key means the item was saved, so a re-run after
//! a crash skips it: no duplicate rows, one charge. The caller's [`StepSink`] sees progress, may
//! record each saved item inside its transaction, hears about items given up on, and may ask the
//! step to stop before the next item (pause, cancel).

use crate::Result;
use crate::ai_tasks::Phase;
use billing::usage::{AiOperation, ProviderUsage, UsageCharge};
use chrono::{DateTime, Utc};
use content::ai_work::TaskToWrite;
use content::images::ImagePrompt;
use content::model::ImageStatus;
use content::storage::MediaStore;
use db::DbPool;
use diesel::prelude::*;
use kernel::{Clock, ClusterId, ContentId, ImageId, KeywordId, SectorId, SiteId, TaskId};
use planning::model::IdeaStatus;
use std::collections::BTreeMap;
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
    /// An item was skipped or failed.
    fn gave_up(&self, _item: &ItemNote) -> Result<()> {
        Ok(())
    }
    /// Asked before each item: true stops the step there (pause, cancel).
    fn stop_requested(&self) -> Result<bool> {
        Ok(false)
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

    /// Calls the provider (outside any transaction), timing the call into the report.
    fn call<T, E: Into<crate::Error>>(
        &self,
        report: &mut StepReport,
        i: usize,
        n: usize,
        f: impl FnOnce() -> std::result::Result<T, E>,
    ) -> Result<(T, Duration)> {
        self.sink.progress(Phase::AiCall, i, n);
        let started = Instant::now();
        let out = f();
        let took = started.elapsed();
        report.provider_time += took;
        Ok((out.map_err(Into::into)?, took))
    }

    fn key(&self, rest: &str) -> String {
        format!("{}:{rest}", self.key_prefix)
    }

    fn charged(&self, key: &str) -> Result<bool> {
        let mut c = self.env.conn()?;
        Ok(billing::usage::is_charged(&mut c, self.scope, key)?)
    }

    /// Runs `write` (the domain save and the charge) in one transaction with the sink's record
    /// of the item, hitting the test failpoint before commit.
    fn save<T>(
        &self,
        item_key: &str,
        inputs: usize,
        provider_us: u64,
        write: impl FnOnce(&mut PgConnection) -> Result<(T, usize, i64)>,
    ) -> Result<(T, ItemDone)> {
        let mut c = self.env.conn()?;
        c.transaction(|tx| {
            let (v, created, credits) = write(tx)?;
            let done = ItemDone {
                key: item_key.to_owned(),
                inputs,
                created,
                credits,
                provider_us,
            };
            self.sink.saved(tx, &done)?;
            self.env.failpoint()?;
            Ok((v, done))
        })
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

    fn charge(
        &self,
        conn: &mut PgConnection,
        operation: AiOperation,
        usage: ProviderUsage<'_>,
        key: &str,
        reference: &str,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        Ok(billing::usage::charge_usage(
            conn,
            self.scope,
            &UsageCharge {
                operation,
                usage,
                idempotency_key: key,
                reference,
                hold: Some(self.key_prefix),
            },
            now,
        )?)
    }

    /// Clusters keywords: the ones still `new`, enabled and unclustered, grouped per site and
    /// sector, one provider call per group; each cluster reuses a same-named one or is created.
    pub fn cluster_keywords(&self, ids: &[KeywordId]) -> Result<StepReport> {
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
        let n = groups.len();
        for (i, ((site, sector), kws)) in groups.into_iter().enumerate() {
            if self.sink.stop_requested()? {
                report.stopped = true;
                break;
            }
            let first = kws.first().map(|k| k.id.get()).unwrap_or(0);
            let item_key = format!("keywords:{site}:{sector}:{first}");
            let key = self.key(&format!("clustering:{site}:{sector}:{first}"));
            if self.charged(&key)? {
                continue;
            }
            let input: Vec<ai::KeywordIn> = kws.iter().map(keyword_in).collect();
            let (out, took) = self.call(&mut report, i, n, || {
                self.providers.text().cluster_keywords(&input)
            })?;
            self.sink.progress(Phase::Parse, i, n);
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
            let now = self.env.now();
            let requested = self.text_model();
            let (saved, done) = self.save(&item_key, kws.len(), us(took), |tx| {
                let saved = planning::ai_work::save_cluster_assignments(
                    tx,
                    self.scope,
                    site,
                    sector,
                    &assignments,
                    now,
                )?;
                let credits = self.charge(
                    tx,
                    AiOperation::Clustering,
                    usage(&out.usage, requested),
                    &key,
                    self.reference,
                    now,
                )?;
                let created = saved.created;
                Ok((saved, created, credits))
            })?;
            report.add_saved(&done);
            report.created += saved.created;
            report.reused += saved.reused;
            report.mapped += saved.mapped;
            report
                .created_ids
                .extend(saved.cluster_ids.iter().map(|c| c.get()));
        }
        Ok(report)
    }

    /// Generates 3–7 ideas with outlines per cluster; the cluster becomes `mapped`.
    pub fn generate_ideas(&self, ids: &[ClusterId]) -> Result<StepReport> {
        let mut report = StepReport::default();
        let n = ids.len();
        for (i, &cid) in ids.iter().enumerate() {
            if self.sink.stop_requested()? {
                report.stopped = true;
                break;
            }
            let item_key = format!("cluster:{cid}");
            let key = self.key(&format!("ideas:{cid}"));
            self.sink.progress(Phase::Prep, i, n);
            if self.charged(&key)? {
                continue;
            }
            let source = {
                let mut c = self.env.conn()?;
                planning::ai_work::idea_source(&mut c, self.scope, cid)?
            };
            let Some(source) = source else {
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
            let (out, took) = self.call(&mut report, i, n, || {
                self.providers.text().generate_ideas(&input, n_ideas)
            })?;
            self.sink.progress(Phase::Parse, i, n);
            let known: std::collections::BTreeSet<i64> =
                source.keywords.iter().map(|k| k.id.get()).collect();
            let new_ideas: Vec<planning::ideas::NewIdea> = out
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
            let now = self.env.now();
            let requested = self.text_model();
            let (made, done) = self.save(&item_key, 1, us(took), |tx| {
                let made = planning::ai_work::save_generated_ideas(
                    tx, self.scope, &cluster, &new_ideas, now,
                )?;
                let credits = self.charge(
                    tx,
                    AiOperation::Ideas,
                    usage(&out.usage, requested),
                    &key,
                    self.reference,
                    now,
                )?;
                let created = made.len();
                Ok((made, created, credits))
            })?;
            report.add_saved(&done);
            report.created += made.len();
            report.created_ids.extend(made.iter().map(|i| i.get()));
        }
        Ok(report)
    }

    /// Writes one draft article per writer task (at most one per task); the task becomes
    /// `completed` and its idea `completed`.
    pub fn write_articles(&self, ids: &[TaskId]) -> Result<StepReport> {
        let mut report = StepReport::default();
        let n = ids.len();
        for (i, &tid) in ids.iter().enumerate() {
            if self.sink.stop_requested()? {
                report.stopped = true;
                break;
            }
            let item_key = format!("task:{tid}");
            let key = self.key(&format!("content:{tid}"));
            self.sink.progress(Phase::Prep, i, n);
            if self.charged(&key)? {
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
            let (out, took) = self.call(&mut report, i, n, || {
                self.providers.text().generate_content(&input)
            })?;
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
            let now = self.env.now();
            let requested = self.text_model();
            let reference = format!("task:{tid}");
            let (made, done) = self.save(&item_key, 1, us(took), |tx| {
                let Some(id) =
                    content::ai_work::save_generated_article(tx, self.scope, &wt, &fields, now)?
                else {
                    return Ok((None, 0, 0));
                };
                if let Some(idea) = wt.idea_id {
                    planning::ai_work::complete_idea(tx, self.scope, idea, now)?;
                }
                let credits = self.charge(
                    tx,
                    AiOperation::Content,
                    usage(&out.usage, requested),
                    &key,
                    &reference,
                    now,
                )?;
                Ok((Some(id), 1, credits))
            })?;
            match made {
                Some(id) => {
                    report.add_saved(&done);
                    report.created += 1;
                    report.created_ids.push(id.get());
                }
                None => self.give_up(
                    &mut report,
                    ItemNote {
                        key: item_key,
                        id: tid.get(),
                        reason: "The task has an article already.".into(),
                        failed: false,
                    },
                )?,
            }
        }
        Ok(report)
    }

    /// Writes image prompts per content item: a featured prompt (position 0) and N in-article
    /// prompts as `pending` image rows (an occupied slot keeps its row).
    pub fn write_image_prompts(&self, ids: &[ContentId]) -> Result<StepReport> {
        let mut report = StepReport::default();
        let n = ids.len();
        let n_in_article = self.providers.settings().n_in_article_images;
        for (i, &cid) in ids.iter().enumerate() {
            if self.sink.stop_requested()? {
                report.stopped = true;
                break;
            }
            let item_key = format!("content:{cid}");
            let key = self.key(&format!("image_prompts:{cid}"));
            self.sink.progress(Phase::Prep, i, n);
            if self.charged(&key)? {
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
            let (out, took) = self.call(&mut report, i, n, || {
                self.providers.text().image_prompts(&input)
            })?;
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
            let now = self.env.now();
            let requested = self.text_model();
            let reference = format!("content:{cid}");
            let (rows, done) = self.save(&item_key, 1, us(took), |tx| {
                let rows =
                    content::ai_work::save_image_prompts(tx, self.scope, item.id, &prompts, now)?;
                let credits = self.charge(
                    tx,
                    AiOperation::ImagePrompts,
                    usage(&out.usage, requested),
                    &key,
                    &reference,
                    now,
                )?;
                let created = rows.len();
                Ok((rows, created, credits))
            })?;
            report.add_saved(&done);
            report.created += rows.len();
            report.created_ids.extend(rows.iter().map(|r| r.id.get()));
        }
        Ok(report)
    }

    /// Generates images for pending (or failed) image rows: bytes from the image provider into
    /// the media store, the row `generated`. A failed image is marked and recorded; the others go
    /// on. An image generated before counts as saved.
    pub fn generate_images(&self, ids: &[ImageId]) -> Result<StepReport> {
        let mut report = StepReport::default();
        let n = ids.len();
        let settings = self.providers.settings();
        let (w, h, format) = (
            settings.image_size.width,
            settings.image_size.height,
            settings.image_format,
        );
        for (i, &iid) in ids.iter().enumerate() {
            if self.sink.stop_requested()? {
                report.stopped = true;
                break;
            }
            let item_key = format!("image:{iid}");
            let key = self.key(&format!("image:{iid}"));
            let img = {
                let mut c = self.env.conn()?;
                content::ai_work::image_to_generate(&mut c, self.scope, iid)?
            };
            let Some(img) = img else {
                continue;
            };
            if self.charged(&key)? || img.status == ImageStatus::Generated {
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
                Ok::<_, crate::Error>(self.providers.image().generate_image(
                    &img.prompt,
                    w,
                    h,
                    format,
                ))
            })?;
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
            let now = self.env.now();
            let requested = self.image_model();
            let reference = format!("image:{iid}");
            let (_, done) = self.save(&item_key, 1, us(took), |tx| {
                let row = content::ai_work::save_generated_image(
                    tx,
                    self.scope,
                    self.env.media,
                    &img,
                    out.bytes.clone(),
                    now,
                )?;
                let credits = self.charge(
                    tx,
                    AiOperation::Images,
                    ProviderUsage {
                        model: &out.model,
                        requested_model: requested,
                        tokens_in: 0,
                        tokens_out: 0,
                        images: 1,
                    },
                    &key,
                    &reference,
                    now,
                )?;
                Ok((row, 1, credits))
            })?;
            report.add_saved(&done);
            report.created += 1;
            report.created_ids.push(iid.get());
        }
        Ok(report)
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
