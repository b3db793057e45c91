//! The index schema: field names and how each field is indexed and stored.

use tantivy::schema::{
    DateOptions, DateTimePrecision, IndexRecordOption, Schema, TextFieldIndexing, TextOptions,
    FAST, INDEXED, STORED, STRING,
};

/// Article identity: exact, stored; a new version replaces the old one.
pub const ID: &str = "id";
/// Headline: both term families, positions, stored as written.
pub const TITLE: &str = "title";
/// Article text: both term families, positions, stored as written.
pub const BODY: &str = "body";
/// Publication date (UTC, day precision kept as given): range filters, sorting.
pub const DATE: &str = "date";
/// Outlet: exact, fast (filters and counts), stored.
pub const SOURCE: &str = "source";
/// Section: exact, fast (filters and counts), stored.
pub const CATEGORY: &str = "category";
/// Link to the original: stored only.
pub const URL: &str = "url";
/// Hash of the record's fields (fast): a re-run skips unchanged articles.
pub const CONTENT_HASH: &str = "content_hash";

/// The fields a free-text query searches by default.
pub const DEFAULT_SEARCH_FIELDS: &[&str] = &[TITLE, BODY];
/// The fields a query may name.
pub const QUERY_FIELDS: &[&str] = &[TITLE, BODY, SOURCE, CATEGORY, DATE, ID];

/// Builds the schema; `text_tokenizer` is the name of the analysis chain for
/// title and body (see [`crate::analysis`]).
pub fn build(text_tokenizer: &str) -> Schema {
    let mut builder = Schema::builder();
    let text = TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(text_tokenizer)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
        .set_stored();
    builder.add_text_field(ID, STRING | STORED);
    builder.add_text_field(TITLE, text.clone());
    builder.add_text_field(BODY, text);
    builder.add_date_field(
        DATE,
        DateOptions::from(INDEXED | STORED | FAST).set_precision(DateTimePrecision::Seconds),
    );
    builder.add_text_field(SOURCE, STRING | STORED | FAST);
    builder.add_text_field(CATEGORY, STRING | STORED | FAST);
    builder.add_text_field(URL, STORED);
    builder.add_u64_field(CONTENT_HASH, FAST);
    builder.build()
}

/// The field handles of a schema built by [`build`].
#[derive(Clone, Copy, Debug)]
pub struct Fields {
    /// [`ID`]
    pub id: tantivy::schema::Field,
    /// [`TITLE`]
    pub title: tantivy::schema::Field,
    /// [`BODY`]
    pub body: tantivy::schema::Field,
    /// [`DATE`]
    pub date: tantivy::schema::Field,
    /// [`SOURCE`]
    pub source: tantivy::schema::Field,
    /// [`CATEGORY`]
    pub category: tantivy::schema::Field,
    /// [`URL`]
    pub url: tantivy::schema::Field,
    /// [`CONTENT_HASH`] (absent from format-1 indexes, which `reindex`
    /// reads).
    pub content_hash: Option<tantivy::schema::Field>,
}

impl Fields {
    /// Looks the fields up in `schema`.
    pub fn of(schema: &Schema) -> Fields {
        let get = |name| schema.get_field(name).expect("schema built by schema::build");
        Fields {
            id: get(ID),
            title: get(TITLE),
            body: get(BODY),
            date: get(DATE),
            source: get(SOURCE),
            category: get(CATEGORY),
            url: get(URL),
            content_hash: schema.get_field(CONTENT_HASH).ok(),
        }
    }

    /// Reads a stored document back into a record (the inverse of
    /// [`crate::indexer::to_document`]).
    pub fn record_of(&self, doc: &tantivy::TantivyDocument) -> crate::ingest::Record {
        use tantivy::schema::Value;
        let text = |field| doc.get_first(field).and_then(|v| v.as_str()).map(str::to_string);
        crate::ingest::Record {
            id: text(self.id).unwrap_or_default(),
            title: text(self.title).unwrap_or_default(),
            body: text(self.body).unwrap_or_default(),
            date: doc.get_first(self.date).and_then(|v| v.as_datetime()),
            source: text(self.source),
            category: text(self.category),
            url: text(self.url),
        }
    }
}
