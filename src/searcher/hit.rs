//! One search result, as printed.

use crate::highlighter::Snippet;

/// A ranked article with its snippet.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Hit {
    /// 1-based rank, counting the `--offset`.
    pub rank: usize,
    /// Article id.
    pub id: String,
    /// BM25 score (0 when sorted by date).
    pub score: f32,
    /// The headline with its matches marked.
    pub title: Snippet,
    /// `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Outlet.
    pub source: Option<String>,
    /// Section.
    pub category: Option<String>,
    /// Link to the original.
    pub url: Option<String>,
    /// The best passage of the body.
    pub snippet: Snippet,
    /// The story the article belongs to (when results are collapsed).
    pub story: Option<u64>,
    /// The other matching articles of its story, set aside (when results
    /// are collapsed), in ingest order.
    pub copies: Vec<Copy>,
}

/// A copy of a hit's story.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Copy {
    /// Article id.
    pub id: String,
    /// Outlet.
    pub source: Option<String>,
}
