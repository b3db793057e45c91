//! The index schema: field names and how each field is indexed and stored.

use tantivy::schema::{
    DateOptions, DateTimePrecision, IndexRecordOption, Schema, TextFieldIndexing, TextOptions,
    Value, FAST, INDEXED, STORED, STRING,
};
use tantivy::TantivyDocument;

use crate::ingest::fnv::Fnv1a;
use crate::ingest::Record;
use crate::stories::grouper::Assignment;

/// Article identity: exact, stored; a new version replaces the old one.
pub(crate) const ID: &str = "id";
/// Headline: both term families, positions, stored as written.
pub(crate) const TITLE: &str = "title";
/// Article text: both term families, positions, stored as written.
pub(crate) const BODY: &str = "body";
/// Publication date (UTC, day precision kept as given): range filters, sorting.
pub(crate) const DATE: &str = "date";
/// Outlet: exact, fast (filters and counts), stored.
pub(crate) const SOURCE: &str = "source";
/// Section: exact, fast (filters and counts), stored.
pub(crate) const CATEGORY: &str = "category";
/// Link to the original: stored only.
pub(crate) const URL: &str = "url";
/// Hash of the record's fields (fast): a re-run skips unchanged articles.
pub(crate) const CONTENT_HASH: &str = "content_hash";
/// The story (group of near-duplicate copies) an article belongs to:
/// indexed (to list a story's copies) and fast (to collapse and count).
pub(crate) const STORY: &str = "story";
/// The body's near-duplicate signature (fast bytes, see
/// [`crate::stories::signature`]).
pub(crate) const STORY_SIGNATURE: &str = "story_signature";
/// A share of the body's shingles (fast bytes, see
/// [`crate::stories::sample`]); absent from indexes before format 4.
pub(crate) const STORY_SAMPLE: &str = "story_sample";
/// Position in ingest order (fast): `reindex` replays it.
pub(crate) const SEQ: &str = "seq";

/// The fields a free-text query searches by default.
pub(crate) const DEFAULT_SEARCH_FIELDS: &[&str] = &[TITLE, BODY];

/// Builds the schema; `text_tokenizer` is the name of the analysis chain for
/// title and body (see [`crate::analysis`]).
pub(crate) fn build(text_tokenizer: &str) -> Schema {
    let mut builder = Schema::builder();
    let text = TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(text_tokenizer)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
        .set_stored();
    builder.add_text_field(ID, STRING | STORED | FAST);
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
    builder.add_u64_field(STORY, INDEXED | FAST);
    builder.add_bytes_field(STORY_SIGNATURE, FAST);
    builder.add_bytes_field(STORY_SAMPLE, FAST);
    builder.add_u64_field(SEQ, FAST);
    builder.build()
}

/// The field handles of a schema built by [`build`].
#[derive(Clone, Copy, Debug)]
pub(crate) struct Fields {
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
    /// The story fields (absent from indexes before format 3).
    pub stories: Option<StoryFields>,
}

/// The fields that group copies into stories.
#[derive(Clone, Copy, Debug)]
pub(crate) struct StoryFields {
    /// [`STORY`]
    pub story: tantivy::schema::Field,
    /// [`STORY_SIGNATURE`]
    pub signature: tantivy::schema::Field,
    /// [`SEQ`]
    pub seq: tantivy::schema::Field,
    /// [`STORY_SAMPLE`] (absent from indexes before format 4, whose
    /// copies are grouped without it).
    pub sample: Option<tantivy::schema::Field>,
}

impl Fields {
    /// Looks the fields up in `schema`.
    pub(crate) fn of(schema: &Schema) -> Fields {
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
            stories: match (
                schema.get_field(STORY),
                schema.get_field(STORY_SIGNATURE),
                schema.get_field(SEQ),
            ) {
                (Ok(story), Ok(signature), Ok(seq)) => Some(StoryFields {
                    story,
                    signature,
                    seq,
                    sample: schema.get_field(STORY_SAMPLE).ok(),
                }),
                _ => None,
            },
        }
    }

    /// Adds the story fields of `assignment` to `doc` (nothing on an index
    /// without them).
    pub(crate) fn add_story(&self, doc: &mut TantivyDocument, assignment: &Assignment) {
        let Some(fields) = self.stories else { return };
        doc.add_u64(fields.story, assignment.story);
        doc.add_u64(fields.seq, assignment.seq);
        if let Some(stored) = &assignment.stored {
            doc.add_bytes(fields.signature, &stored.to_bytes()[..]);
        }
        if let (Some(field), Some(sample)) = (fields.sample, &assignment.sample) {
            doc.add_bytes(field, &sample.to_bytes()[..]);
        }
    }

    /// Builds the document that indexes `record` (with its
    /// [`content_hash`] when the schema has that field); [`Self::record_of`]
    /// reads it back.
    pub(crate) fn document_of(&self, record: Record) -> TantivyDocument {
        let mut doc = TantivyDocument::new();
        if let Some(field) = self.content_hash {
            doc.add_u64(field, content_hash(&record));
        }
        doc.add_text(self.id, record.id);
        doc.add_text(self.title, record.title);
        doc.add_text(self.body, record.body);
        if let Some(date) = record.date {
            doc.add_date(self.date, date.tantivy());
        }
        if let Some(source) = record.source {
            doc.add_text(self.source, source);
        }
        if let Some(category) = record.category {
            doc.add_text(self.category, category);
        }
        if let Some(url) = record.url {
            doc.add_text(self.url, url);
        }
        doc
    }

    /// Reads a stored document back into a record (the inverse of
    /// [`Self::document_of`]).
    pub(crate) fn record_of(&self, doc: &TantivyDocument) -> Record {
        let text = |field| doc.get_first(field).and_then(|v| v.as_str()).map(str::to_string);
        Record {
            id: text(self.id).unwrap_or_default(),
            title: text(self.title).unwrap_or_default(),
            body: text(self.body).unwrap_or_default(),
            date: doc
                .get_first(self.date)
                .and_then(|v| v.as_datetime())
                .map(crate::ingest::ArticleDate::from_tantivy),
            unread_date: None,
            source: text(self.source),
            category: text(self.category),
            url: text(self.url),
        }
    }
}

/// A hash of every field of the record (FNV-1a, 64 bits; stable across
/// runs and builds).
pub(crate) fn content_hash(record: &Record) -> u64 {
    let mut hash = Fnv1a::new();
    // 0xff never occurs in UTF-8, so it ends each field unambiguously.
    let mut feed = |text: &str| {
        hash.write(text.as_bytes());
        hash.write(&[0xff]);
    };
    feed(&record.id);
    feed(&record.title);
    feed(&record.body);
    feed(&record.date.map(|d| d.unix_seconds().to_string()).unwrap_or_default());
    for optional in [&record.source, &record.category, &record.url] {
        feed(optional.as_deref().unwrap_or(""));
    }
    hash.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_survives_the_document_and_back() {
        let fields = Fields::of(&build("default"));
        let record = Record {
            id: "wam/a1".into(),
            title: "عنوان الخبر".into(),
            body: "نصّ الخبر.".into(),
            date: crate::ingest::date::parse_date("2018-03-01")
                .map(crate::ingest::ArticleDate::from_tantivy),
            unread_date: None,
            source: Some("wam".into()),
            category: None,
            url: Some("https://wam.example/a1".into()),
        };
        let doc = fields.document_of(record.clone());
        let hash = doc.get_first(fields.content_hash.unwrap()).and_then(|v| v.as_u64());
        // Stored in indexes: the same value on every run, build and platform.
        assert_eq!(hash, Some(0x730e_84d4_ec12_27b5));
        assert_eq!(fields.record_of(&doc), record);
    }
}
