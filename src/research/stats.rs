//! What an index holds: the figures of `fahras stats`.

use serde_json::{json, Value};
use tantivy::aggregation::agg_req::Aggregations;
use tantivy::aggregation::AggregationCollector;
use tantivy::collector::TopDocs;
use tantivy::query::AllQuery;
use tantivy::{DateTime, Order};

use crate::error::{Error, Result};
use crate::ingest::date::format_day;
use crate::schema;
use crate::searcher::Engine;

/// What the index holds, as `fahras stats --json` prints it and `GET
/// /api/stats` returns it: articles, size, segments, first and last
/// date, articles per source and category, how many articles are
/// copies of another (`stories`), and the manifest (analyzer settings,
/// ingest history).
pub fn stats(engine: &Engine) -> Result<Value> {
    let searcher = engine.searcher();
    let err = |e| Error::tantivy(engine.store().root(), e);
    let date_at = |order| -> Result<Option<String>> {
        let top = TopDocs::with_limit(1).order_by_fast_field::<DateTime>(schema::DATE, order);
        let docs = searcher.search(&AllQuery, &top).map_err(err)?;
        Ok(docs.first().and_then(|(d, _)| *d).map(format_day))
    };
    let (first, last) = (date_at(Order::Asc)?, date_at(Order::Desc)?);
    let request: Aggregations = serde_json::from_value(json!({
        "source": {"terms": {"field": schema::SOURCE, "size": 10000}},
        "category": {"terms": {"field": schema::CATEGORY, "size": 10000}},
    }))
    .expect("valid aggregation request");
    let collector = AggregationCollector::from_aggs(request, Default::default());
    let aggregations = searcher.search(&AllQuery, &collector).map_err(err)?;
    let aggregations = serde_json::to_value(aggregations).unwrap_or(Value::Null);
    let buckets = |name: &str| -> Value {
        let mut out = serde_json::Map::new();
        if let Some(list) = aggregations[name]["buckets"].as_array() {
            for bucket in list {
                if let Some(key) = bucket["key"].as_str() {
                    out.insert(key.to_string(), bucket["doc_count"].clone());
                }
            }
        }
        Value::Object(out)
    };
    let store = engine.store();
    // Copies: articles after the first of their story (null on an index
    // built before stories).
    let stories = match engine.fields().stories {
        Some(_) => {
            serde_json::to_value(crate::research::dups::copy_counts(engine)?).unwrap_or(Value::Null)
        }
        None => Value::Null,
    };
    Ok(json!({
        "index": store.root().display().to_string(),
        "articles": searcher.num_docs(),
        "size_bytes": store.size_bytes(),
        "segments": searcher.segment_readers().len(),
        "first_date": first,
        "last_date": last,
        "sources": buckets("source"),
        "categories": buckets("category"),
        "stories": stories,
        "manifest": store.manifest,
    }))
}
