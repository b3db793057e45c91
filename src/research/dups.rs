//! The stories of an index with more than one copy: `fahras dups`.

use std::collections::HashMap;

use serde::Serialize;
use tantivy::{DocAddress, TantivyDocument};

use crate::error::{Error, Result};
use crate::schema;
use crate::searcher::Engine;

/// One story and its copies.
#[derive(Debug, Clone, Serialize)]
#[non_exhaustive]
pub struct Story {
    /// The story id (as `search --json` gives it).
    pub story: String,
    /// Articles in the story.
    pub size: usize,
    /// The story's first article (the earliest dated, then the first
    /// indexed, as `--stories` counts it), whose title stands for it.
    pub title: String,
    /// Every article's id, the first article first, then in that order.
    pub ids: Vec<String>,
    /// Articles per source, most first (no source: `(none)`).
    pub sources: Vec<(String, usize)>,
    /// The earliest date among the copies.
    pub first_date: Option<String>,
    /// The latest.
    pub last_date: Option<String>,
}

/// A story id as text (the ingest position of its first article).
pub fn story_text(story: u64) -> String {
    story.to_string()
}

/// How many articles are copies: those in a story with an earlier article.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct CopyCounts {
    /// Articles in all.
    pub articles: u64,
    /// Stories (an article with no copy is a story of one).
    pub stories: u64,
    /// Articles that are not the first of their story.
    pub copies: u64,
    /// Stories with two articles or more.
    pub stories_with_copies: u64,
}

/// Every story of at least `min_size` articles, largest first (then in
/// ingest order). An index built before stories (format 2) has none.
pub fn stories(engine: &Engine, min_size: usize) -> Result<Vec<Story>> {
    let groups = story_members(engine)?;
    let mut groups: Vec<(u64, Vec<(u64, DocAddress)>)> =
        groups.into_iter().filter(|(_, members)| members.len() >= min_size.max(1)).collect();
    let searcher = engine.searcher();
    let fields = engine.fields();
    let err = |e| Error::tantivy(engine.store().root(), e);
    // Earliest dated first (undated last), then in ingest order.
    let dates: Vec<_> = searcher
        .segment_readers()
        .iter()
        .map(|s| s.fast_fields().date(schema::DATE).ok())
        .collect();
    let date_of = |address: &DocAddress| {
        dates[address.segment_ord as usize]
            .as_ref()
            .and_then(|c| c.first(address.doc_id))
            .map_or(i64::MAX, |d| d.into_timestamp_secs())
    };
    for (_, members) in &mut groups {
        members.sort_unstable_by_key(|(seq, address)| (date_of(address), *seq));
    }
    // Largest first, then the oldest story (ids are ingest positions).
    groups.sort_unstable_by_key(|(story, members)| (std::cmp::Reverse(members.len()), *story));
    let mut out = Vec::with_capacity(groups.len());
    for (story, members) in groups {
        let mut ids = Vec::with_capacity(members.len());
        let mut title = String::new();
        let mut sources: HashMap<String, usize> = HashMap::new();
        let mut dates = Vec::new();
        for (i, (_, address)) in members.iter().enumerate() {
            let doc: TantivyDocument = searcher.doc(*address).map_err(err)?;
            let record = fields.record_of(&doc);
            if i == 0 {
                title = record.title;
            }
            ids.push(record.id);
            *sources.entry(record.source.unwrap_or_else(|| "(none)".into())).or_default() += 1;
            dates.extend(record.date);
        }
        let mut sources: Vec<(String, usize)> = sources.into_iter().collect();
        sources.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        out.push(Story {
            story: story_text(story),
            size: members.len(),
            title,
            ids,
            sources,
            first_date: dates.iter().min().map(|d| d.day()),
            last_date: dates.iter().max().map(|d| d.day()),
        });
    }
    Ok(out)
}

/// How many of the index's articles are copies.
pub fn copy_counts(engine: &Engine) -> Result<CopyCounts> {
    let groups = story_members(engine)?;
    let articles: u64 = groups.values().map(|m| m.len() as u64).sum();
    Ok(CopyCounts {
        articles,
        stories: groups.len() as u64,
        copies: articles - groups.len() as u64,
        stories_with_copies: groups.values().filter(|m| m.len() > 1).count() as u64,
    })
}

/// Each story's live articles, as (ingest position, address).
fn story_members(engine: &Engine) -> Result<HashMap<u64, Vec<(u64, DocAddress)>>> {
    let searcher = engine.searcher();
    let err = |e| Error::tantivy(engine.store().root(), e);
    let mut groups: HashMap<u64, Vec<(u64, DocAddress)>> = HashMap::new();
    if engine.fields().stories.is_none() {
        return Ok(groups);
    }
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        let fast = segment.fast_fields();
        let story = fast.u64(schema::STORY).map_err(err)?;
        let seq = fast.u64(schema::SEQ).map_err(err)?;
        for doc in segment.doc_ids_alive() {
            if let (Some(s), Some(q)) = (story.first(doc), seq.first(doc)) {
                groups.entry(s).or_default().push((q, DocAddress::new(ord as u32, doc)));
            }
        }
    }
    Ok(groups)
}
