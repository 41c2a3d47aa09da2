//! Writer tasks on real PostgreSQL: fields, status machine, bulk actions, filters, tenancy and
//! ideas → tasks.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use chrono::Utc;
use common::*;
use content::Error;
use content::model::{ContentStructure, ContentType, TaskStatus};
use content::tasks::*;
use kernel::{ClusterId, IdeaId, Order, PageRequest, Role, TaskId};

fn status(
    c: &mut diesel::PgConnection,
    t: &TenantFixture,
    id: TaskId,
    to: TaskStatus,
) -> Result<content::model::Task, Error> {
    set_task_status(c, &t.scope(), id, to, Utc::now())
}

#[test]
fn create_validates_and_defaults() {
    let (db, a, _) = setup();
    let c = &mut db.conn();
    let cl77 = cluster_row(c, &a, a.sector_ids[1], 77);
    let t = create_task(
        c,
        &a.scope(),
        &NewTask {
            site_id: a.site_id,
            sector_id: a.sector_ids[1],
            fields: TaskFields {
                title: Some("  Rust for SEO  ".into()),
                keywords: Some("rust, seo".into()),
                secondary_keywords: Some(vec![
                    "seo".into(),
                    " ".into(),
                    "SEO".into(),
                    "crawl".into(),
                ]),
                cluster_id: Some(Some(cl77)),
                outline: Some(Some(
                    serde_json::json!({"sections": [{"heading": "Intro"}]}),
                )),
                word_count: Some(1500),
                ..Default::default()
            },
        },
        Utc::now(),
    )
    .unwrap();
    assert_eq!(t.title, "Rust for SEO");
    assert_eq!(t.sector_id, a.sector_ids[1]);
    assert_eq!(t.status, TaskStatus::Queued);
    assert_eq!(t.content_type, ContentType::Post);
    assert_eq!(t.content_structure, ContentStructure::Article);
    assert_eq!(t.secondary_keywords.0, vec!["seo", "crawl"]);
    assert_eq!(t.cluster_id, Some(ClusterId(77)));
    assert_eq!(t.word_count, 1500);
    assert_eq!(get_task(c, &a.scope(), t.id).unwrap(), t);

    let bad = create_task(
        c,
        &a.scope(),
        &NewTask {
            site_id: a.site_id,
            sector_id: a.sector_ids[0],
            fields: TaskFields {
                title: Some("   ".into()),
                outline: Some(Some(serde_json::json!(["not", "an", "object"]))),
                word_count: Some(-1),
                ..Default::default()
            },
        },
        Utc::now(),
    );
    let Err(Error::Validation(e)) = bad else {
        panic!("{bad:?}")
    };
    for f in ["title", "outline", "word_count"] {
        assert!(e.fields().contains_key(f), "{f} in {e:?}");
    }
}

#[test]
fn sector_must_belong_to_the_site() {
    let (db, a, b) = setup();
    let c = &mut db.conn();
    let r = create_task(
        c,
        &a.scope(),
        &NewTask {
            site_id: a.site_id,
            sector_id: b.sector_ids[0],
            fields: TaskFields {
                title: Some("x".into()),
                ..Default::default()
            },
        },
        Utc::now(),
    );
    assert!(
        matches!(r, Err(Error::Tenancy(tenancy::Error::Validation(ref e))) if e.fields().contains_key("sector_id")),
        "{r:?}"
    );
    // another tenant's site is not found
    let r = create_task(
        c,
        &a.scope(),
        &NewTask {
            site_id: b.site_id,
            sector_id: b.sector_ids[0],
            fields: TaskFields {
                title: Some("x".into()),
                ..Default::default()
            },
        },
        Utc::now(),
    );
    assert!(
        matches!(r, Err(Error::Tenancy(tenancy::Error::NotFound))),
        "{r:?}"
    );
    assert_eq!(count(c, "tasks"), 0);
}

#[test]
fn status_machine() {
    use TaskStatus::*;
    let (db, a, _) = setup();
    let c = &mut db.conn();
    let t = task(c, &a, "machine");
    // queued cannot jump to completed
    let r = status(c, &a, t.id, Completed);
    assert!(
        matches!(&r, Err(Error::InvalidState { from, to }) if from == "queued" && to == "completed"),
        "{r:?}"
    );
    assert_eq!(get_task(c, &a.scope(), t.id).unwrap().status, Queued);
    assert_eq!(status(c, &a, t.id, InProgress).unwrap().status, InProgress);
    assert_eq!(
        status(c, &a, t.id, InProgress).unwrap().status,
        InProgress,
        "staying put is fine"
    );
    assert_eq!(status(c, &a, t.id, Completed).unwrap().status, Completed);
    assert!(matches!(
        status(c, &a, t.id, InProgress),
        Err(Error::InvalidState { .. })
    ));
    assert!(matches!(
        status(c, &a, t.id, Failed),
        Err(Error::InvalidState { .. })
    ));
    assert_eq!(status(c, &a, t.id, Queued).unwrap().status, Queued);
    assert_eq!(status(c, &a, t.id, Failed).unwrap().status, Failed);
    assert!(matches!(
        status(c, &a, t.id, Completed),
        Err(Error::InvalidState { .. })
    ));
    assert!(matches!(
        status(c, &a, t.id, InProgress),
        Err(Error::InvalidState { .. })
    ));
    assert_eq!(status(c, &a, t.id, Queued).unwrap().status, Queued);

    // the table is the rule: check it exhaustively
    let allowed = [
        (Queued, InProgress),
        (Queued, Failed),
        (InProgress, Completed),
        (InProgress, Failed),
        (InProgress, Queued),
        (Failed, Queued),
        (Completed, Queued),
    ];
    for &from in TaskStatus::ALL {
        for &to in TaskStatus::ALL {
            assert_eq!(
                from.can_become(to),
                from == to || allowed.contains(&(from, to)),
                "{from} -> {to}"
            );
        }
    }
}

#[test]
fn update_changes_fields_and_clears_cluster() {
    let (db, a, _) = setup();
    let c = &mut db.conn();
    let _cl5 = cluster_row(c, &a, a.sector_ids[0], 5);
    let t = task(c, &a, "old");
    let changes = TaskChanges {
        fields: TaskFields {
            title: Some("new".into()),
            cluster_id: Some(Some(ClusterId(5))),
            content_structure: Some(ContentStructure::Listicle),
            ..Default::default()
        },
        status: Some(TaskStatus::InProgress),
    };
    let u = update_task(c, &a.scope(), t.id, &changes, Utc::now()).unwrap();
    assert_eq!(
        (
            u.title.as_str(),
            u.cluster_id,
            u.content_structure,
            u.status
        ),
        (
            "new",
            Some(ClusterId(5)),
            ContentStructure::Listicle,
            TaskStatus::InProgress
        )
    );
    let cleared = TaskChanges {
        fields: TaskFields {
            cluster_id: Some(None),
            ..Default::default()
        },
        status: None,
    };
    let u = update_task(c, &a.scope(), t.id, &cleared, Utc::now()).unwrap();
    assert_eq!(u.cluster_id, None);
    assert_eq!(u.title, "new");
    // an illegal move changes nothing, fields included
    let bad = TaskChanges {
        fields: TaskFields {
            title: Some("should not stick".into()),
            ..Default::default()
        },
        status: Some(TaskStatus::Queued),
    };
    let done = status(c, &a, t.id, TaskStatus::Completed).unwrap();
    assert_eq!(done.status, TaskStatus::Completed);
    let bad = TaskChanges {
        status: Some(TaskStatus::InProgress),
        ..bad
    };
    assert!(matches!(
        update_task(c, &a.scope(), t.id, &bad, Utc::now()),
        Err(Error::InvalidState { .. })
    ));
    assert_eq!(get_task(c, &a.scope(), t.id).unwrap().title, "new");
}

#[test]
fn bulk_update_is_all_or_nothing_and_ignores_other_tenants() {
    let (db, a, b) = setup();
    let c = &mut db.conn();
    let t1 = task(c, &a, "one");
    let t2 = task(c, &a, "two");
    let theirs = task(c, &b, "theirs");
    let ids = [t1.id, t2.id, theirs.id, TaskId(999_999)];
    let n = bulk_update_tasks(
        c,
        &a.scope(),
        &ids,
        &TaskBulkChanges {
            status: Some(TaskStatus::InProgress),
            content_type: Some(ContentType::Page),
            ..Default::default()
        },
        Utc::now(),
    )
    .unwrap();
    assert_eq!(n, 2);
    let theirs_now = get_task(c, &b.scope(), theirs.id).unwrap();
    assert_eq!(theirs_now.status, TaskStatus::Queued, "B's task untouched");
    assert_eq!(theirs_now.content_type, ContentType::Post);

    status(c, &a, t1.id, TaskStatus::Completed).unwrap();
    // t1 completed cannot go to in_progress... and t2 must not change either
    let r = bulk_update_tasks(
        c,
        &a.scope(),
        &[t1.id, t2.id],
        &TaskBulkChanges {
            status: Some(TaskStatus::Failed),
            ..Default::default()
        },
        Utc::now(),
    );
    assert!(
        matches!(&r, Err(Error::InvalidState { from, .. }) if from == "completed"),
        "{r:?}"
    );
    assert_eq!(
        get_task(c, &a.scope(), t2.id).unwrap().status,
        TaskStatus::InProgress
    );

    // nothing to set, or no ids, is a validation error
    assert!(matches!(
        bulk_update_tasks(
            c,
            &a.scope(),
            &[t1.id],
            &TaskBulkChanges::default(),
            Utc::now()
        ),
        Err(Error::Validation(_))
    ));
    assert!(matches!(
        bulk_update_tasks(
            c,
            &a.scope(),
            &[],
            &TaskBulkChanges {
                status: Some(TaskStatus::Queued),
                ..Default::default()
            },
            Utc::now()
        ),
        Err(Error::Validation(_))
    ));
    let too_many: Vec<TaskId> = (0..1001).map(TaskId).collect();
    assert!(matches!(
        bulk_delete_tasks(c, &a.scope(), &too_many),
        Err(Error::Validation(_))
    ));
}

#[test]
fn tenant_b_cannot_read_change_or_delete_a_tasks() {
    let (db, a, b) = setup();
    let c = &mut db.conn();
    let t = task(c, &a, "private");
    let bs = b.scope();
    assert!(matches!(get_task(c, &bs, t.id), Err(Error::NotFound)));
    assert!(matches!(
        update_task(
            c,
            &bs,
            t.id,
            &TaskChanges {
                status: Some(TaskStatus::InProgress),
                ..Default::default()
            },
            Utc::now()
        ),
        Err(Error::NotFound)
    ));
    assert!(matches!(delete_task(c, &bs, t.id), Err(Error::NotFound)));
    assert_eq!(bulk_delete_tasks(c, &bs, &[t.id]).unwrap(), 0);
    let listed = list_tasks(
        c,
        &bs,
        &TaskFilter::default(),
        TASK_DEFAULT_ORDER,
        PageRequest::default(),
    )
    .unwrap();
    assert_eq!(listed.count, 0);
    assert!(get_task(c, &a.scope(), t.id).is_ok(), "still there for A");
    assert_eq!(bulk_delete_tasks(c, &a.scope(), &[t.id]).unwrap(), 1);
    assert!(matches!(
        get_task(c, &a.scope(), t.id),
        Err(Error::NotFound)
    ));
}

#[test]
fn viewers_read_granted_sites_only_and_never_write() {
    let (db, a, _) = setup();
    let c = &mut db.conn();
    let t = task(c, &a, "seen");
    let granted = member(c, &a, "vera", Role::Viewer, true);
    let ungranted = member(c, &a, "ugo", Role::Editor, false);
    assert_eq!(get_task(c, &granted, t.id).unwrap().id, t.id);
    assert!(matches!(
        get_task(c, &ungranted, t.id),
        Err(Error::NotFound)
    ));
    let page = list_tasks(
        c,
        &ungranted,
        &TaskFilter::default(),
        TASK_DEFAULT_ORDER,
        PageRequest::default(),
    )
    .unwrap();
    assert_eq!(page.count, 0);
    assert!(matches!(
        delete_task(c, &granted, t.id),
        Err(Error::Tenancy(tenancy::Error::PermissionDenied))
    ));
    assert!(matches!(
        bulk_delete_tasks(c, &granted, &[t.id]),
        Err(Error::Tenancy(tenancy::Error::PermissionDenied))
    ));
    assert!(matches!(
        set_task_status(c, &granted, t.id, TaskStatus::InProgress, Utc::now()),
        Err(Error::Tenancy(tenancy::Error::PermissionDenied))
    ));
    // an editor without the grant cannot delete what it cannot see
    assert_eq!(bulk_delete_tasks(c, &ungranted, &[t.id]).unwrap(), 0);
    assert_eq!(count(c, "tasks"), 1);
}

#[test]
fn list_filters_search_order_and_options() {
    let (db, a, _) = setup();
    let c = &mut db.conn();
    let cl9 = cluster_row(c, &a, a.sector_ids[0], 9);
    let s = a.scope();
    let alpha = task(c, &a, "Alpha guide");
    let beta = task(c, &a, "beta review");
    let gamma = task(c, &a, "Gamma");
    update_task(
        c,
        &s,
        beta.id,
        &TaskChanges {
            fields: TaskFields {
                content_structure: Some(ContentStructure::Review),
                cluster_id: Some(Some(cl9)),
                keywords: Some("special keyword".into()),
                ..Default::default()
            },
            status: Some(TaskStatus::InProgress),
        },
        Utc::now(),
    )
    .unwrap();
    let order = |field, descending| Order { field, descending };
    let titles = |f: &TaskFilter, o| -> Vec<String> {
        list_tasks(&mut db.conn(), &s, f, o, PageRequest::default())
            .unwrap()
            .items
            .into_iter()
            .map(|t| t.title)
            .collect()
    };
    assert_eq!(
        titles(&TaskFilter::default(), order(TaskOrder::Title, false)),
        ["Alpha guide", "beta review", "Gamma"],
        "case-insensitive title order"
    );
    assert_eq!(
        titles(&TaskFilter::default(), TASK_DEFAULT_ORDER),
        ["Gamma", "beta review", "Alpha guide"],
        "newest first by default"
    );
    let by_kw = TaskFilter {
        search: Some("SPECIAL".into()),
        ..Default::default()
    };
    assert_eq!(titles(&by_kw, TASK_DEFAULT_ORDER), ["beta review"]);
    let like = TaskFilter {
        search: Some("%".into()),
        ..Default::default()
    };
    assert!(titles(&like, TASK_DEFAULT_ORDER).is_empty(), "% is literal");
    let queued = TaskFilter {
        status: Some(TaskStatus::Queued),
        ..Default::default()
    };
    assert_eq!(
        titles(&queued, order(TaskOrder::Title, true)),
        ["Gamma", "Alpha guide"]
    );
    let page = list_tasks(
        c,
        &s,
        &TaskFilter::default(),
        order(TaskOrder::Title, false),
        PageRequest::new(Some(2), Some(2)),
    )
    .unwrap();
    assert_eq!((page.count, page.items.len()), (3, 1));
    assert_eq!(page.items[0].id, gamma.id);

    // options of a field ignore that field's own filter but apply the others
    let opts = task_filter_options(c, &s, &queued).unwrap();
    let values = |name: &str| -> Vec<String> {
        opts.iter()
            .find(|(n, _)| *n == name)
            .unwrap()
            .1
            .iter()
            .map(|o| o.value.clone())
            .collect()
    };
    assert_eq!(values("status"), ["queued", "in_progress"]);
    assert_eq!(values("content_structure"), ["article"]);
    assert_eq!(values("cluster_id"), Vec::<String>::new());
    let opts = task_filter_options(c, &s, &TaskFilter::default()).unwrap();
    let structures: Vec<_> = opts
        .iter()
        .find(|(n, _)| *n == "content_structure")
        .unwrap()
        .1
        .iter()
        .map(|o| (o.value.as_str(), o.label.as_str()))
        .collect();
    assert_eq!(structures, [("article", "Article"), ("review", "Review")]);
    let clusters: Vec<_> = opts
        .iter()
        .find(|(n, _)| *n == "cluster_id")
        .unwrap()
        .1
        .iter()
        .map(|o| o.value.clone())
        .collect();
    assert_eq!(clusters, ["9"]);
    let _ = alpha;
}

fn idea(a: &TenantFixture, id: i64, title: &str) -> NewTaskFromIdea {
    NewTaskFromIdea {
        idea_id: IdeaId(id),
        site_id: a.site_id,
        sector_id: a.sector_ids[0],
        cluster_id: Some(ClusterId(3)),
        title: title.into(),
        description: "from the planner".into(),
        outline: Some(serde_json::json!({"sections": [{"heading": "H", "notes": "n"}]})),
        keywords: "a, b".into(),
        primary_keyword: "a".into(),
        secondary_keywords: vec!["b".into()],
        content_type: ContentType::Post,
        content_structure: ContentStructure::Guide,
        word_count: 1200,
    }
}

#[test]
fn ideas_become_tasks_once() {
    let (db, a, b) = setup();
    let c = &mut db.conn();
    cluster_row(c, &a, a.sector_ids[0], 3);
    for id in [1, 2, 3, 4, 5, 11, 12, 13] {
        idea_row(c, &a, a.sector_ids[0], Some(3), id);
    }
    cluster_row(c, &b, b.sector_ids[0], 23);
    idea_row(c, &b, b.sector_ids[0], Some(23), 21);
    let s = a.scope();
    let first = create_tasks_from_ideas(
        c,
        &s,
        &[
            idea(&a, 1, "One"),
            idea(&a, 2, "Two"),
            idea(&a, 1, "One again"),
        ],
        Utc::now(),
    )
    .unwrap();
    assert_eq!(
        first.iter().map(|t| t.idea_id).collect::<Vec<_>>(),
        [Some(IdeaId(1)), Some(IdeaId(2))]
    );
    let one = &first[0];
    assert_eq!(one.title, "One");
    assert_eq!(one.status, TaskStatus::Queued);
    assert_eq!(one.cluster_id, Some(ClusterId(3)));
    assert_eq!(one.content_structure, ContentStructure::Guide);
    assert_eq!(one.word_count, 1200);
    assert_eq!(one.secondary_keywords.0, ["b"]);
    assert_eq!(one.outline.as_ref().unwrap()["sections"][0]["heading"], "H");

    // a second call makes only the new idea's task
    let second = create_tasks_from_ideas(
        c,
        &s,
        &[idea(&a, 2, "Two"), idea(&a, 3, "Three")],
        Utc::now(),
    )
    .unwrap();
    assert_eq!(second.len(), 1);
    assert_eq!(second[0].idea_id, Some(IdeaId(3)));
    assert!(
        create_tasks_from_ideas(c, &s, &[idea(&a, 1, "One")], Utc::now())
            .unwrap()
            .is_empty()
    );
    assert_eq!(count(c, "tasks"), 3);

    // another account's ideas are its own (ids are global; theirs is 21 in cluster 23)
    let mut bs = idea(&b, 21, "B's one");
    bs.cluster_id = Some(ClusterId(23));
    let theirs = create_tasks_from_ideas(c, &b.scope(), &[bs], Utc::now()).unwrap();
    assert_eq!(theirs.len(), 1);

    // another tenant's site: nothing is created
    let mut foreign = idea(&a, 10, "foreign");
    foreign.site_id = b.site_id;
    foreign.sector_id = b.sector_ids[0];
    assert!(create_tasks_from_ideas(c, &s, &[idea(&a, 11, "ok"), foreign], Utc::now()).is_err());
    // a blank title names the idea's index
    let mut blank = idea(&a, 12, "");
    blank.title = " ".into();
    let r = create_tasks_from_ideas(c, &s, &[idea(&a, 13, "fine"), blank], Utc::now());
    let Err(Error::Validation(e)) = r else {
        panic!("{r:?}")
    };
    assert!(e.fields().contains_key("ideas[1].title"), "{e:?}");
    assert_eq!(count(c, "tasks"), 4);

    // viewers cannot
    let viewer = member(c, &a, "vic", Role::Viewer, true);
    assert!(matches!(
        create_tasks_from_ideas(c, &viewer, &[idea(&a, 20, "v")], Utc::now()),
        Err(Error::Tenancy(tenancy::Error::PermissionDenied))
    ));
}

#[test]
fn deleting_a_task_keeps_its_content() {
    let (db, a, _) = setup();
    let c = &mut db.conn();
    let t = task(c, &a, "with content");
    let item = content::content::create_content(
        c,
        &a.scope(),
        &content::content::NewContent {
            site_id: a.site_id,
            sector_id: a.sector_ids[0],
            task_id: Some(t.id),
            fields: content::content::ContentFields {
                title: Some("written".into()),
                ..Default::default()
            },
        },
        Utc::now(),
    )
    .unwrap();
    assert_eq!(item.content.task_id, Some(t.id));
    delete_task(c, &a.scope(), t.id).unwrap();
    let after = content::content::get_content(c, &a.scope(), item.content.id).unwrap();
    assert_eq!(after.content.task_id, None);
    assert_eq!(after.content.title, "written");
}
