//! PREP → AI_CALL → PARSE → SAVE of each function.

use super::{
    AiEnv, Charge, already_charged, charge, finish, ids_field, item_pct, price_call, progress,
    requested_models,
};
use crate::ai_tasks::{AiTask, Function, Phase};
use crate::{Error, Result};
use content::images::{ImagePrompt, ImageUpload};
use content::model::{ImageStatus, TaskStatus};
use db::schema::{clusters, content as content_t, keywords, tasks};
use diesel::prelude::*;
use kernel::{ClusterId, ContentId, IdeaId, ImageId, KeywordId, SectorId, SiteId, TaskId};
use planning::model::{IdeaStatus, MappingStatus};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use tenancy::Scope;

type Conn = diesel::r2d2::PooledConnection<diesel::r2d2::ConnectionManager<PgConnection>>;

fn conn(env: &AiEnv<'_>) -> Result<Conn> {
    Ok(env.pool.get().map_err(db::DbError::from)?)
}

/// Keeps the ids among `ids` that the scope can see for `function` (missing and other
/// accounts' ids are dropped, as a bulk action does).
pub fn visible_ids(
    conn: &mut PgConnection,
    scope: &Scope,
    function: Function,
    ids: &[i64],
) -> Result<Vec<i64>> {
    // One set-based query: the account's rows among `ids` on the sites the scope may see.
    let table = match function {
        Function::AutoCluster => "keywords",
        Function::GenerateIdeas => "clusters",
        Function::GenerateContent => "tasks",
        Function::GenerateImagePrompts => "content",
        Function::GenerateImages => "images",
    };
    #[derive(QueryableByName)]
    struct Id {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        id: i64,
    }
    let sites = tenancy::sites::visible_site_ids(conn, scope)?;
    let only_sites: Vec<i64> = sites.iter().flatten().map(|s| s.get()).collect();
    let rows: Vec<Id> = diesel::sql_query(format!(
        "SELECT id FROM {table} WHERE account_id = $1 AND id = ANY($2) AND ($3 OR site_id = ANY($4)) ORDER BY id"
    ))
    .bind::<diesel::sql_types::BigInt, _>(scope.account_id().get())
    .bind::<diesel::sql_types::Array<diesel::sql_types::BigInt>, _>(ids)
    .bind::<diesel::sql_types::Bool, _>(sites.is_none())
    .bind::<diesel::sql_types::Array<diesel::sql_types::BigInt>, _>(&only_sites)
    .load(conn)
    .map_err(db::DbError::from)?;
    // keep the caller's order
    let found: std::collections::HashSet<i64> = rows.into_iter().map(|r| r.id).collect();
    let mut seen = std::collections::HashSet::new();
    Ok(ids
        .iter()
        .copied()
        .filter(|i| found.contains(i) && seen.insert(*i))
        .collect())
}

fn content_opt<T>(r: content::Result<T>) -> Result<Option<T>> {
    match r {
        Ok(v) => Ok(Some(v)),
        Err(content::Error::NotFound | content::Error::Tenancy(tenancy::Error::NotFound)) => {
            Ok(None)
        }
        Err(e) => Err(e.into()),
    }
}

fn input_ids(task: &AiTask, function: Function) -> Vec<i64> {
    task.input[ids_field(function)]
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_i64).collect())
        .unwrap_or_default()
}

fn parse_function(s: &str) -> Option<Function> {
    [
        Function::AutoCluster,
        Function::GenerateIdeas,
        Function::GenerateContent,
        Function::GenerateImagePrompts,
        Function::GenerateImages,
    ]
    .into_iter()
    .find(|f| f.as_str() == s)
}

/// Runs the task's function through every phase and completes it.
pub(super) fn run(env: &AiEnv<'_>, scope: &Scope, task: &AiTask) -> Result<()> {
    let function = parse_function(&task.function).ok_or_else(|| {
        Error::Tenancy(tenancy::Error::Validation(kernel::FieldErrors::single(
            "function",
            format!("Unknown AI function '{}'.", task.function),
        )))
    })?;
    progress(env, scope, task, Phase::Prep, 5);
    let providers = {
        let mut c = conn(env)?;
        let overrides = crate::ai_settings::account_overrides(&mut c, scope, env.secret_key)?;
        env.providers.for_account(&overrides)?
    };
    let ids = input_ids(task, function);
    let (result, summary) = match function {
        Function::AutoCluster => auto_cluster(env, scope, task, &providers, &ids)?,
        Function::GenerateIdeas => generate_ideas(env, scope, task, &providers, &ids)?,
        Function::GenerateContent => generate_content(env, scope, task, &providers, &ids)?,
        Function::GenerateImagePrompts => {
            generate_image_prompts(env, scope, task, &providers, &ids)?
        }
        Function::GenerateImages => generate_images(env, scope, task, &providers, &ids)?,
    };
    let mut c = conn(env)?;
    finish(&mut c, scope, task, result, &summary, env.now())
}

/// Runs `save` in one transaction, hitting the test failpoint after the writes.
fn save<T>(
    env: &AiEnv<'_>,
    c: &mut PgConnection,
    save: impl FnOnce(&mut PgConnection) -> Result<T>,
) -> Result<T> {
    c.transaction(|tx| {
        let v = save(tx)?;
        env.failpoint()?;
        Ok(v)
    })
}

fn to_ai_intent(i: Option<planning::model::Intent>) -> ai::Intent {
    i.and_then(|i| i.as_str().parse().ok())
        .unwrap_or(ai::Intent::Informational)
}

fn keyword_in(k: &planning::model::Keyword) -> ai::KeywordIn {
    ai::KeywordIn {
        id: k.id.get(),
        keyword: k.keyword.clone(),
        volume: k.volume,
        difficulty: k.difficulty.unwrap_or(0),
        intent: to_ai_intent(k.intent),
    }
}

/// auto_cluster: keywords (new, enabled, unclustered) grouped per site + sector; one provider
/// call per pair; each cluster reuses a same-named cluster of the pair or is created.
fn auto_cluster(
    env: &AiEnv<'_>,
    scope: &Scope,
    task: &AiTask,
    providers: &ai::Providers,
    ids: &[i64],
) -> Result<(Value, String)> {
    let mut c = conn(env)?;
    let mut pairs: BTreeMap<(SiteId, SectorId), Vec<planning::model::Keyword>> = BTreeMap::new();
    for &id in ids {
        let Some(k) = not_found_is_none(planning::keywords::get_keyword(
            &mut c,
            scope,
            KeywordId(id),
        ))?
        else {
            continue;
        };
        if k.status == MappingStatus::New && !k.disabled && k.cluster_id.is_none() {
            pairs.entry((k.site_id, k.sector_id)).or_default().push(k);
        }
    }
    drop(c);
    let (mut created, mut reused, mut mapped, mut credits) = (0usize, 0usize, 0usize, 0i64);
    let mut cluster_ids: Vec<ClusterId> = Vec::new();
    let n = pairs.len();
    for (i, ((site, sector), kws)) in pairs.into_iter().enumerate() {
        let key = format!("ai_task:{}:clustering:{site}:{sector}", task.id);
        if already_charged(&mut *conn(env)?, scope, &key)? {
            continue;
        }
        progress(env, scope, task, Phase::AiCall, item_pct(i, n));
        let input: Vec<ai::KeywordIn> = kws.iter().map(keyword_in).collect();
        let out = providers.text().cluster_keywords(&input)?;
        progress(env, scope, task, Phase::Parse, item_pct(i, n));
        let known: std::collections::BTreeSet<i64> = input.iter().map(|k| k.id).collect();
        let groups: Vec<(ai::ClusterOut, Vec<KeywordId>)> = out
            .output
            .clusters
            .into_iter()
            .map(|cl| {
                let ids = cl
                    .keyword_ids
                    .iter()
                    .filter(|id| known.contains(id))
                    .map(|&id| KeywordId(id))
                    .collect::<Vec<_>>();
                (cl, ids)
            })
            .filter(|(_, ids)| !ids.is_empty())
            .collect();
        progress(env, scope, task, Phase::Save, item_pct(i, n));
        let mut c = conn(env)?;
        let now = env.now();
        let (cr, re, ma, cids, cost) = save(env, &mut c, |tx| {
            let (mut cr, mut re, mut ma, mut cids) = (0, 0, 0, Vec::new());
            for (cl, kw_ids) in &groups {
                let name: String = cl.name.trim().chars().take(200).collect();
                let existing: Option<ClusterId> = clusters::table
                    .filter(clusters::account_id.eq(scope.account_id()))
                    .filter(clusters::site_id.eq(site))
                    .filter(clusters::sector_id.eq(sector))
                    .filter(
                        diesel::dsl::sql::<diesel::sql_types::Bool>(
                            "lower(btrim(name)) = lower(btrim(",
                        )
                        .bind::<diesel::sql_types::Text, _>(name.clone())
                        .sql("))"),
                    )
                    .select(clusters::id)
                    .first(tx)
                    .optional()?;
                let id = match existing {
                    Some(id) => {
                        re += 1;
                        id
                    }
                    None => {
                        cr += 1;
                        planning::clusters::create_cluster(
                            tx,
                            scope,
                            &planning::clusters::NewCluster {
                                site_id: Some(site),
                                sector_id: Some(sector),
                                name: name.clone(),
                                description: Some(cl.description.chars().take(2000).collect()),
                                status: Some(MappingStatus::New),
                                disabled: Some(false),
                            },
                            now,
                        )?
                        .cluster
                        .id
                    }
                };
                ma += planning::keywords::bulk_update_keywords(
                    tx,
                    scope,
                    kw_ids,
                    &planning::keywords::BulkKeywordChanges {
                        status: None,
                        disabled: None,
                        cluster_id: Some(Some(id)),
                    },
                    now,
                )?;
                cids.push(id);
            }
            let (credits, usage) = price_call(
                tx,
                "clustering",
                &out.usage.model,
                requested_models(providers).0.as_deref(),
                out.usage.tokens_in,
                out.usage.tokens_out,
                0,
            )?;
            let reference = format!("ai_task:{}", task.id);
            let cost = charge(
                tx,
                scope,
                Charge {
                    operation: "clustering",
                    key: &key,
                    reference: &reference,
                    description: "Keyword clustering",
                    credits,
                    usage,
                },
                now,
            )?;
            Ok((cr, re, ma, cids, cost))
        })?;
        created += cr;
        reused += re;
        mapped += ma;
        cluster_ids.extend(cids);
        credits += cost;
    }
    Ok((
        json!({"clusters_created": created, "clusters_reused": reused, "keywords_mapped": mapped, "cluster_ids": cluster_ids, "credits": credits}),
        format!("{created} clusters created, {mapped} keywords mapped."),
    ))
}

/// generate_ideas: per cluster, 3–7 ideas with outlines and keyword links.
fn generate_ideas(
    env: &AiEnv<'_>,
    scope: &Scope,
    task: &AiTask,
    providers: &ai::Providers,
    ids: &[i64],
) -> Result<(Value, String)> {
    let (mut ideas_created, mut credits, mut errors) = (0usize, 0i64, Vec::<Value>::new());
    let mut idea_ids: Vec<IdeaId> = Vec::new();
    let n = ids.len();
    for (i, &cid) in ids.iter().enumerate() {
        let key = format!("ai_task:{}:ideas:{cid}", task.id);
        progress(env, scope, task, Phase::Prep, item_pct(i, n));
        let mut c = conn(env)?;
        if already_charged(&mut c, scope, &key)? {
            continue;
        }
        let Some(cluster) = not_found_is_none(planning::clusters::get_cluster(
            &mut c,
            scope,
            ClusterId(cid),
        ))?
        else {
            continue;
        };
        let cluster = cluster.cluster;
        let kws: Vec<planning::model::Keyword> = keywords::table
            .filter(keywords::account_id.eq(scope.account_id()))
            .filter(keywords::cluster_id.eq(cluster.id))
            .filter(keywords::disabled.eq(false))
            .order((keywords::volume.desc(), keywords::id.asc()))
            .limit(100)
            .select(planning::model::Keyword::as_select())
            .load(&mut c)?;
        drop(c);
        if kws.is_empty() {
            errors.push(json!({"cluster_id": cid, "error": "The cluster has no keywords."}));
            continue;
        }
        let input = ai::ClusterIn {
            name: cluster.name.clone(),
            description: cluster.description.clone(),
            keywords: kws.iter().map(keyword_in).collect(),
        };
        let n_ideas = (kws.len() / 2).clamp(3, 7);
        progress(env, scope, task, Phase::AiCall, item_pct(i, n));
        let out = providers.text().generate_ideas(&input, n_ideas)?;
        progress(env, scope, task, Phase::Parse, item_pct(i, n));
        let known: std::collections::BTreeSet<i64> = kws.iter().map(|k| k.id.get()).collect();
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
        progress(env, scope, task, Phase::Save, item_pct(i, n));
        let mut c = conn(env)?;
        let now = env.now();
        let (made, cost) = save(env, &mut c, |tx| {
            let mut made = Vec::new();
            for ni in &new_ideas {
                made.push(planning::ideas::create_idea(tx, scope, ni, now)?.row.id);
            }
            let (credits, usage) = price_call(
                tx,
                "ideas",
                &out.usage.model,
                requested_models(providers).0.as_deref(),
                out.usage.tokens_in,
                out.usage.tokens_out,
                0,
            )?;
            let reference = format!("ai_task:{}", task.id);
            let cost = charge(
                tx,
                scope,
                Charge {
                    operation: "ideas",
                    key: &key,
                    reference: &reference,
                    description: "Content ideas",
                    credits,
                    usage,
                },
                now,
            )?;
            Ok((made, cost))
        })?;
        ideas_created += made.len();
        idea_ids.extend(made);
        credits += cost;
    }
    Ok((
        json!({"ideas_created": ideas_created, "idea_ids": idea_ids, "errors": errors, "credits": credits}),
        format!("{ideas_created} ideas created."),
    ))
}

fn outline_sections(v: &Value) -> Vec<ai::OutlineSection> {
    serde_json::from_value::<ai::Outline>(v.clone())
        .map(|o| o.sections)
        .unwrap_or_default()
        .into_iter()
        .filter(|s| !s.heading.trim().is_empty())
        .collect()
}

/// generate_content: per writer task, one draft content item (at most one per task), the task
/// completed and its idea completed.
fn generate_content(
    env: &AiEnv<'_>,
    scope: &Scope,
    task: &AiTask,
    providers: &ai::Providers,
    ids: &[i64],
) -> Result<(Value, String)> {
    let (mut written, mut skipped, mut credits) = (0usize, 0usize, 0i64);
    let mut content_ids: Vec<ContentId> = Vec::new();
    let n = ids.len();
    for (i, &tid) in ids.iter().enumerate() {
        let key = format!("ai_task:{}:content:{tid}", task.id);
        progress(env, scope, task, Phase::Prep, item_pct(i, n));
        let mut c = conn(env)?;
        if already_charged(&mut c, scope, &key)? {
            continue;
        }
        let Some(wt) = content_opt(content::tasks::get_task(&mut c, scope, TaskId(tid)))? else {
            continue;
        };
        if has_content(&mut c, scope, wt.id)? {
            skipped += 1;
            continue;
        }
        let mut outline = wt
            .outline
            .as_ref()
            .map(outline_sections)
            .unwrap_or_default();
        if outline.is_empty()
            && let Some(idea) = wt.idea_id
            && let Some(idea) = not_found_is_none(planning::ideas::get_idea(&mut c, scope, idea))?
        {
            outline = idea
                .outline
                .sections
                .iter()
                .map(|s| ai::OutlineSection {
                    heading: s.heading.clone(),
                    notes: s.notes.clone(),
                })
                .collect();
        }
        drop(c);
        let range = ai::validate::WORD_COUNT_RANGE;
        let input = ai::ContentIn {
            title: wt.title.clone(),
            outline,
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
        progress(env, scope, task, Phase::AiCall, item_pct(i, n));
        let out = providers.text().generate_content(&input)?;
        progress(env, scope, task, Phase::Parse, item_pct(i, n));
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
        progress(env, scope, task, Phase::Save, item_pct(i, n));
        let mut c = conn(env)?;
        let now = env.now();
        let saved = save(env, &mut c, |tx| {
            // The task row lock serialises two runs writing for the same task.
            let status: Option<TaskStatus> = tasks::table
                .filter(tasks::account_id.eq(scope.account_id()))
                .filter(tasks::id.eq(wt.id))
                .select(tasks::status)
                .for_update()
                .first(tx)
                .optional()?;
            if status.is_none() || has_content(tx, scope, wt.id)? {
                return Ok(None);
            }
            let item = content::content::create_content(
                tx,
                scope,
                &content::content::NewContent {
                    site_id: wt.site_id,
                    sector_id: wt.sector_id,
                    task_id: Some(wt.id),
                    fields: fields.clone(),
                },
                now,
            )?;
            complete_task(tx, scope, wt.id, now)?;
            if let Some(idea) = wt.idea_id {
                planning::ideas::update_idea(
                    tx,
                    scope,
                    idea,
                    &planning::ideas::IdeaChanges {
                        status: Some(IdeaStatus::Completed),
                        ..Default::default()
                    },
                    now,
                )
                .map(|_| ())
                .or_else(|e| match e {
                    planning::Error::NotFound
                    | planning::Error::Tenancy(tenancy::Error::NotFound) => Ok(()),
                    e => Err(e),
                })?;
            }
            let (credits, usage) = price_call(
                tx,
                "content",
                &out.usage.model,
                requested_models(providers).0.as_deref(),
                out.usage.tokens_in,
                out.usage.tokens_out,
                0,
            )?;
            let reference = format!("task:{}", wt.id);
            let cost = charge(
                tx,
                scope,
                Charge {
                    operation: "content",
                    key: &key,
                    reference: &reference,
                    description: "Article writing",
                    credits,
                    usage,
                },
                now,
            )?;
            Ok(Some((item.content.id, cost)))
        })?;
        match saved {
            Some((id, cost)) => {
                written += 1;
                content_ids.push(id);
                credits += cost;
            }
            None => skipped += 1,
        }
    }
    Ok((
        json!({"count": written, "content_ids": content_ids, "skipped": skipped, "credits": credits}),
        format!("{written} articles written."),
    ))
}

fn has_content(conn: &mut PgConnection, scope: &Scope, task: TaskId) -> Result<bool> {
    Ok(diesel::select(diesel::dsl::exists(
        content_t::table
            .filter(content_t::account_id.eq(scope.account_id()))
            .filter(content_t::task_id.eq(task)),
    ))
    .get_result(conn)?)
}

/// Moves a task to `completed` along the allowed transitions.
fn complete_task(
    conn: &mut PgConnection,
    scope: &Scope,
    id: TaskId,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<()> {
    let t = content::tasks::get_task(conn, scope, id)?;
    let path: &[TaskStatus] = match t.status {
        TaskStatus::Completed => &[],
        TaskStatus::InProgress => &[TaskStatus::Completed],
        TaskStatus::Queued => &[TaskStatus::InProgress, TaskStatus::Completed],
        TaskStatus::Failed => &[
            TaskStatus::Queued,
            TaskStatus::InProgress,
            TaskStatus::Completed,
        ],
    };
    for s in path {
        content::tasks::set_task_status(conn, scope, id, *s, now)?;
    }
    Ok(())
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

/// generate_image_prompts: per content item, a featured prompt (position 0) and N in-article
/// prompts as `pending` image rows (an occupied slot keeps its row).
fn generate_image_prompts(
    env: &AiEnv<'_>,
    scope: &Scope,
    task: &AiTask,
    providers: &ai::Providers,
    ids: &[i64],
) -> Result<(Value, String)> {
    let (mut count, mut prompts_total, mut credits) = (0usize, 0usize, 0i64);
    let mut image_ids: Vec<ImageId> = Vec::new();
    let n = ids.len();
    let n_in_article = providers.settings().n_in_article_images;
    for (i, &cid) in ids.iter().enumerate() {
        let key = format!("ai_task:{}:image_prompts:{cid}", task.id);
        progress(env, scope, task, Phase::Prep, item_pct(i, n));
        let mut c = conn(env)?;
        if already_charged(&mut c, scope, &key)? {
            continue;
        }
        let Some(item) = content_opt(content::content::get_content_row(
            &mut c,
            scope,
            ContentId(cid),
        ))?
        else {
            continue;
        };
        drop(c);
        let input = ai::ImagePromptIn {
            title: item.title.clone(),
            section_headings: h2_headings(&item.content_html),
            n_in_article,
        };
        progress(env, scope, task, Phase::AiCall, item_pct(i, n));
        let out = providers.text().image_prompts(&input)?;
        progress(env, scope, task, Phase::Parse, item_pct(i, n));
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
        progress(env, scope, task, Phase::Save, item_pct(i, n));
        let mut c = conn(env)?;
        let now = env.now();
        let (rows, cost) = save(env, &mut c, |tx| {
            let rows = content::images::add_image_prompts(tx, scope, item.id, &prompts, now)?;
            let (credits, usage) = price_call(
                tx,
                "image_prompts",
                &out.usage.model,
                requested_models(providers).0.as_deref(),
                out.usage.tokens_in,
                out.usage.tokens_out,
                0,
            )?;
            let reference = format!("content:{}", item.id);
            let cost = charge(
                tx,
                scope,
                Charge {
                    operation: "image_prompts",
                    key: &key,
                    reference: &reference,
                    description: "Image prompts",
                    credits,
                    usage,
                },
                now,
            )?;
            Ok((rows, cost))
        })?;
        count += 1;
        prompts_total += rows.len();
        image_ids.extend(rows.iter().map(|r| r.id));
        credits += cost;
    }
    Ok((
        json!({"count": count, "prompts_created": prompts_total, "image_ids": image_ids, "credits": credits}),
        format!("Image prompts for {count} articles."),
    ))
}

/// generate_images: per pending or failed image row, bytes from the image provider into the
/// media store and the row `generated`. A failed image is counted and recorded; the others go on.
fn generate_images(
    env: &AiEnv<'_>,
    scope: &Scope,
    task: &AiTask,
    providers: &ai::Providers,
    ids: &[i64],
) -> Result<(Value, String)> {
    let (mut generated, mut failed, mut total, mut credits) = (0usize, 0usize, 0usize, 0i64);
    let mut errors: Vec<Value> = Vec::new();
    let n = ids.len();
    let settings = providers.settings();
    let (w, h, format) = (
        settings.image_size.width,
        settings.image_size.height,
        settings.image_format,
    );
    for (i, &iid) in ids.iter().enumerate() {
        let key = format!("ai_task:{}:image:{iid}", task.id);
        let mut c = conn(env)?;
        let Some(img) = content_opt(content::images::get_image(&mut c, scope, ImageId(iid)))?
        else {
            continue;
        };
        total += 1;
        if already_charged(&mut c, scope, &key)? || img.status == ImageStatus::Generated {
            generated += 1;
            continue;
        }
        drop(c);
        if img.prompt.trim().is_empty() {
            failed += 1;
            errors.push(json!({"image_id": iid, "error": "The image has no prompt."}));
            continue;
        }
        progress(env, scope, task, Phase::AiCall, item_pct(i, n));
        let out = match providers.image().generate_image(&img.prompt, w, h, format) {
            Ok(o) => o,
            Err(e) => {
                failed += 1;
                errors.push(json!({"image_id": iid, "error": e.to_string()}));
                let mut c = conn(env)?;
                content::images::mark_image_failed(&mut c, scope, img.id, env.now())?;
                continue;
            }
        };
        progress(env, scope, task, Phase::Save, item_pct(i, n));
        let mut c = conn(env)?;
        let now = env.now();
        let cost = save(env, &mut c, |tx| {
            content::images::upload_image(
                tx,
                scope,
                env.media,
                &ImageUpload {
                    content_id: img.content_id,
                    image_type: img.image_type,
                    position: img.position,
                    bytes: out.bytes.clone(),
                },
                now,
            )?;
            let (credits, usage) = price_call(
                tx,
                "images",
                &out.model,
                requested_models(providers).1.as_deref(),
                0,
                0,
                1,
            )?;
            let reference = format!("image:{}", img.id);
            charge(
                tx,
                scope,
                Charge {
                    operation: "images",
                    key: &key,
                    reference: &reference,
                    description: "Image generation",
                    credits,
                    usage,
                },
                now,
            )
        })?;
        generated += 1;
        credits += cost;
    }
    Ok((
        json!({"count": generated, "images_generated": generated, "images_failed": failed, "total_images": total, "errors": errors, "credits": credits}),
        format!("{generated} of {total} images generated, {failed} failed."),
    ))
}

fn not_found_is_none<T>(r: planning::Result<T>) -> Result<Option<T>> {
    match r {
        Ok(v) => Ok(Some(v)),
        Err(planning::Error::NotFound | planning::Error::Tenancy(tenancy::Error::NotFound)) => {
            Ok(None)
        }
        Err(e) => Err(e.into()),
    }
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
