//! The indexer: raw items → parsed in parallel (rayon) → tantivy documents →
//! `IndexWriter`, whose own worker threads run the analysis.
//!
//! Memory stays flat: items are read in batches of [`BATCH`], tantivy's
//! writer queue is bounded, and segments are flushed at the memory budget.
//! Of the ids seen in this run only a 64-bit hash each is kept (8 bytes an
//! article, not the id), to tell replacements apart. Two ids of one run
//! with the same hash (odds about 3 in a million at 10 million articles)
//! would only count the second as replaced; no article is lost, since
//! deletes always name the real id.
//!
//! Each article carries a hash of its fields, so running the same `index`
//! command again (after a crash, say) skips the articles already there with
//! the same content instead of rewriting them; `--commit-every` bounds the
//! work a crash can lose.

pub mod optimize;
pub mod rejects;
pub mod swap;

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;
use tantivy::schema::Value;
use tantivy::{IndexWriter, TantivyDocument, Term};

use self::rejects::Rejects;
pub use self::rejects::RejectsMode;
use crate::error::{Error, Result};
use crate::ingest::{DateFormat, Encoding, FieldMap, IngestError, IngestErrorKind, Input, Record};
use crate::schema::Fields;
use crate::spelling::house::{self, Spelling};
use crate::store::{SourceRun, Store};
use crate::stories::grouper::Grouper;
use crate::stories::signature::{Scratch, Signature};

/// Items parsed per parallel batch.
pub const BATCH: usize = 1024;

/// How an indexing run behaves.
#[derive(Debug, Clone)]
pub struct IndexOptions {
    /// Parsing threads and tantivy writer threads.
    pub threads: usize,
    /// tantivy's writer memory budget, in bytes, shared by its threads.
    pub memory_bytes: usize,
    /// Stop at the first bad record and commit nothing; a date that
    /// cannot be read makes a record bad (otherwise its article is indexed
    /// without a date).
    pub strict: bool,
    /// Longest accepted JSON line (or SGML document), in bytes.
    pub max_line_bytes: u64,
    /// The text encoding of the inputs.
    pub encoding: Encoding,
    /// Which JSON keys hold which field.
    pub fields: FieldMap,
    /// How the inputs write their dates.
    pub dates: DateFormat,
    /// Where to copy rejected records as they were read: a file, or a
    /// folder (see [`rejects`]).
    pub rejects: Option<PathBuf>,
    /// What to do when `rejects` exists already.
    pub rejects_mode: RejectsMode,
    /// Commit after this many added articles (0: only at the end).
    pub commit_every: u64,
}

impl Default for IndexOptions {
    fn default() -> Self {
        IndexOptions {
            threads: default_threads(),
            memory_bytes: 512 << 20,
            strict: false,
            max_line_bytes: 64 << 20,
            encoding: Encoding::Utf8,
            fields: FieldMap::default(),
            dates: DateFormat::default(),
            rejects: None,
            rejects_mode: RejectsMode::New,
            commit_every: 0,
        }
    }
}

/// The number of cores, or 1 when unknown.
pub fn default_threads() -> usize {
    std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)
}

/// What an indexing run did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Summary {
    /// Records added (new or replacing).
    pub indexed: u64,
    /// Of those, records whose id was already in the index or earlier in
    /// the run.
    pub replaced: u64,
    /// Records skipped: the same id with the same content is already there.
    pub unchanged: u64,
    /// Records rejected.
    pub rejected: u64,
    /// Of the records indexed, those indexed without a date because their
    /// date could not be read.
    pub undated: u64,
    /// Commits made (the last one included).
    pub commits: u64,
    /// Input bytes read (compressed size for compressed files).
    pub bytes: u64,
    /// Wall time.
    pub elapsed: Duration,
}

/// The content hash of the live article with this id, if there is one.
fn existing_hash(
    searcher: &tantivy::Searcher,
    fields: &Fields,
    term: &Term,
) -> tantivy::Result<Option<u64>> {
    use tantivy::DocSet;
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(fields.id)?;
        let Some(mut postings) =
            inverted.read_postings(term, tantivy::schema::IndexRecordOption::Basic)?
        else {
            continue;
        };
        let column = segment.fast_fields().u64(crate::schema::CONTENT_HASH)?;
        let mut doc = postings.doc();
        while doc != tantivy::TERMINATED {
            if !segment.is_deleted(doc) {
                return Ok(column.first(doc));
            }
            doc = postings.advance();
        }
    }
    Ok(None)
}

/// A 64-bit hash of an article id, the same for the same id within a run.
fn id_hash(id: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    // The standard hasher with fixed keys: well mixed for any ids.
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    id.hash(&mut hasher);
    hasher.finish()
}

/// Opens a writer on `store` with the run's threads and memory budget, and
/// removes the files of the index that no commit references.
pub(crate) fn open_writer(
    store: &Store,
    threads: usize,
    memory_bytes: usize,
) -> Result<IndexWriter> {
    // tantivy needs at least 15 MB per writer thread.
    let memory = memory_bytes.max(threads * (16 << 20));
    let writer = store
        .index
        .writer_with_num_threads(threads, memory)
        .map_err(|e| Error::tantivy(store.root(), e))?;
    // Files no commit names are debris of a run that failed (a full disk,
    // a kill): removed before anything is written, as Lucene's writer does
    // when it opens, so the space they hold is there for this run.
    writer.garbage_collect_files().wait().map_err(|e| Error::tantivy_write(store.root(), e))?;
    Ok(writer)
}

/// What an indexing run tells while it works: the command line draws a
/// progress bar from it; a library user may log, or ignore it ([`Silent`]).
pub trait Observer {
    /// Before the first record, with the size of all inputs when known.
    fn started(&mut self, _total_bytes: Option<u64>) {}
    /// After each batch: articles indexed and bytes of input read so far.
    fn progress(&mut self, _articles: u64, _bytes: u64) {}
    /// A record was rejected (and copied to the rejects file, if any).
    fn rejected(&mut self, _error: &IngestError) {}
    /// A record's date could not be read (`error` says which and where):
    /// its article is indexed without a date, and the record copied to
    /// the rejects file, if any, to mend and index again.
    fn undated(&mut self, _error: &IngestError) {}
    /// The run is over, committed or not.
    fn finished(&mut self) {}
}

/// An [`Observer`] that ignores everything.
pub struct Silent;

impl Observer for Silent {}

/// Indexes `inputs` into `store` and commits. Each rejected record is
/// reported to `observer` and copied to the rejects file as it is found.
pub fn index_inputs(
    store: &mut Store,
    inputs: &[Input],
    options: &IndexOptions,
    observer: &mut dyn Observer,
) -> Result<Summary> {
    let started = Instant::now();
    if let Some(target) = &options.rejects {
        rejects::check(target, options.rejects_mode, inputs)?;
    }
    let root = store.root().to_path_buf();
    let tantivy_err = |e| Error::tantivy_write(&root, e);
    let fields = Fields::of(&store.index.schema());
    let mut writer = open_writer(store, options.threads, options.memory_bytes)?;
    if !store.is_live() {
        return Err(Error::ReplacedWhileOpening { path: root.to_path_buf() });
    }
    store.remove_stale()?;
    // The committed index before this run, to tell new ids from replacements.
    let searcher = store.index.reader().map_err(tantivy_err)?.searcher();
    let had_documents = searcher.num_docs() > 0;
    // Copies join the story of their earlier copy (see `stories::grouper`).
    let grouping = fields.stories.is_some();
    let sampled = fields.stories.is_some_and(|f| f.sample.is_some());
    let mut grouper = if grouping {
        Some(Grouper::new(had_documents.then_some(&searcher), sampled).map_err(tantivy_err)?)
    } else {
        None
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.threads)
        .build()
        .map_err(|e| Error::Threads { threads: options.threads, reason: e.to_string() })?;
    let mut rejects = options.rejects.as_deref().map(|t| Rejects::new(t, options.rejects_mode));
    let read = Arc::new(AtomicU64::new(0));
    let total: Option<u64> = inputs.iter().map(Input::total_bytes).sum();
    observer.started(total);
    let mut summary = Summary::default();
    let mut seen: HashSet<u64> = HashSet::new();
    let mut since_commit = 0u64;
    let mut batch = Vec::with_capacity(BATCH);
    let inputs_text: Vec<String> = inputs.iter().map(Input::display).collect();
    let run = |summary: &Summary| SourceRun {
        inputs: inputs_text.clone(),
        indexed: summary.indexed,
        rejected: summary.rejected,
        at: now_rfc3339(),
    };
    for (number, input) in inputs.iter().enumerate() {
        let mut source = input.open(options.max_line_bytes, options.encoding, read.clone())?;
        loop {
            batch.clear();
            let more = source.next_batch(BATCH, &mut batch)?;
            let parsed: Vec<_> = pool.install(|| {
                batch
                    .par_iter()
                    .map_init(Scratch::default, |scratch, item| {
                        let parsed = item.parse(&options.fields, options.encoding, &options.dates);
                        parsed.map(|mut record| {
                            let unread_date = record.unread_date.take();
                            let Prepared { id, hash, doc, signature } =
                                prepare(&fields, record, grouping, scratch);
                            (id, hash, doc, signature, unread_date)
                        })
                    })
                    .collect()
            });
            for (item, result) in batch.iter().zip(parsed) {
                // A date that cannot be read: the record is bad in a strict
                // run; otherwise its article goes in undated, and is said.
                let (result, unread) = match result {
                    Ok((id, hash, doc, signature, Some(value))) => {
                        let error = IngestError {
                            path: item.path.to_path_buf(),
                            line: item.line,
                            unit: item.unit,
                            kind: IngestErrorKind::BadDate {
                                value,
                                format: options.dates.pattern().map(str::to_string),
                            },
                        };
                        if options.strict {
                            (Err(error), None)
                        } else {
                            (Ok((id, hash, doc, signature)), Some(error))
                        }
                    }
                    Ok((id, hash, doc, signature, None)) => (Ok((id, hash, doc, signature)), None),
                    Err(error) => (Err(error), None),
                };
                if let Some(error) = &unread {
                    summary.undated += 1;
                    observer.undated(error);
                    if let Some(rejects) = rejects.as_mut() {
                        rejects.write(inputs, number, item)?;
                    }
                }
                match result {
                    Ok((id, hash, mut doc, signature)) => {
                        let term = Term::from_field_text(fields.id, &id);
                        let id_hash = id_hash(&id);
                        let stored = if had_documents && !seen.contains(&id_hash) {
                            existing_hash(&searcher, &fields, &term).map_err(tantivy_err)?
                        } else {
                            None
                        };
                        if stored == Some(hash) {
                            summary.unchanged += 1;
                            continue;
                        }
                        let existed = stored.is_some() || seen.contains(&id_hash);
                        if existed {
                            writer.delete_term(term);
                            summary.replaced += 1;
                        }
                        seen.insert(id_hash);
                        if let Some(grouper) = grouper.as_mut() {
                            let assignment = grouper.assign(signature.as_ref());
                            fields.add_story(&mut doc, &assignment);
                        }
                        writer.add_document(doc).map_err(tantivy_err)?;
                        summary.indexed += 1;
                        since_commit += 1;
                        if options.commit_every > 0 && since_commit >= options.commit_every {
                            commit_with_run(&mut writer, &run(&summary)).map_err(tantivy_err)?;
                            summary.commits += 1;
                            since_commit = 0;
                        }
                    }
                    Err(error) => {
                        if options.strict {
                            observer.finished();
                            writer.rollback().map_err(tantivy_err)?;
                            return Err(Error::Strict { error, committed: summary.commits > 0 });
                        }
                        summary.rejected += 1;
                        observer.rejected(&error);
                        if let Some(rejects) = rejects.as_mut() {
                            rejects.write(inputs, number, item)?;
                        }
                    }
                }
            }
            observer.progress(summary.indexed, read.load(Ordering::Relaxed));
            if !more {
                break;
            }
        }
    }
    if let Some(rejects) = rejects {
        rejects.finish()?;
    }
    // The run's entry in the history goes with the commit (as its
    // payload), so a process killed right after it still has it: the
    // next open finds it there (see `Manifest::reconcile`).
    let entry = run(&summary);
    commit_with_run(&mut writer, &entry).map_err(tantivy_err)?;
    summary.commits += 1;
    if std::env::var_os(ABORT_AFTER_COMMIT).is_some() {
        // Fault injection for the tests: a kill right after the commit.
        std::process::abort();
    }
    writer.wait_merging_threads().map_err(tantivy_err)?;
    if summary.indexed > 0 || store.manifest.house_spellings.is_empty() {
        store.manifest.house_spellings = house_spellings(store)?;
    }
    observer.finished();
    summary.bytes = read.load(Ordering::Relaxed);
    summary.elapsed = started.elapsed();
    store.manifest.sources.push(entry);
    store.save_manifest()?;
    Ok(summary)
}

/// A record made ready for the writer.
pub(crate) struct Prepared {
    /// The article's id.
    pub(crate) id: String,
    /// Its content hash (0 on an index without the field).
    pub(crate) hash: u64,
    /// Its document, without the story fields (the grouper adds them in
    /// ingest order).
    pub(crate) doc: TantivyDocument,
    /// Its near-duplicate signature, when stories are grouped and its body
    /// has words.
    pub(crate) signature: Option<Signature>,
}

/// Turns `record` into its document (and signature, when `grouping`):
/// the part of indexing each parsing thread does.
pub(crate) fn prepare(
    fields: &Fields,
    record: Record,
    grouping: bool,
    scratch: &mut Scratch,
) -> Prepared {
    let id = record.id.clone();
    let signature = grouping.then(|| Signature::of(&record.title, &record.body, scratch)).flatten();
    let doc = fields.document_of(record);
    let hash =
        fields.content_hash.and_then(|f| doc.get_first(f)).and_then(|v| v.as_u64()).unwrap_or(0);
    Prepared { id, hash, doc, signature }
}

/// Set in the environment, `index` aborts right after its last commit,
/// before the manifest is written: how the tests kill it there.
pub const ABORT_AFTER_COMMIT: &str = "FAHRAS_TEST_ABORT_AFTER_COMMIT";

/// Commits with the run's history entry as the commit's payload.
fn commit_with_run(writer: &mut IndexWriter, run: &SourceRun) -> tantivy::Result<u64> {
    let mut prepared = writer.prepare_commit()?;
    prepared.set_payload(&serde_json::to_string(run).unwrap_or_default());
    prepared.commit()
}

/// The names the committed index spells two ways by outlet (see
/// [`house`]), found in the body.
pub(crate) fn house_spellings(store: &Store) -> Result<Vec<Spelling>> {
    let tantivy_err = |e| Error::tantivy(store.root(), e);
    let searcher = store.index.reader().map_err(tantivy_err)?.searcher();
    let body = Fields::of(&store.index.schema()).body;
    house::find(&searcher, body).map_err(tantivy_err)
}

/// The current time as RFC 3339 (UTC, seconds).
pub(crate) fn now_rfc3339() -> String {
    let now = time::OffsetDateTime::now_utc()
        .replace_nanosecond(0)
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    now.format(&time::format_description::well_known::Rfc3339).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::analysis::IndexAnalyzer;
    use crate::searcher::{Engine, SearchRequest};

    /// Indexes the JSON Lines `lines` into the index at `root` (created
    /// when absent), one thread, as `fahras index` does.
    fn run(root: &Path, lines: &[&str]) -> Summary {
        let file = root.with_extension("jsonl");
        std::fs::write(&file, lines.join("\n")).unwrap();
        let (mut store, _) = Store::open_or_create(root, IndexAnalyzer::Fahras).unwrap();
        let options = IndexOptions { threads: 1, memory_bytes: 16 << 20, ..Default::default() };
        let inputs = [Input::from_arg(&file).unwrap()];
        index_inputs(&mut store, &inputs, &options, &mut Silent).unwrap()
    }

    fn counts(summary: &Summary) -> (u64, u64, u64, u64) {
        (summary.indexed, summary.replaced, summary.unchanged, summary.rejected)
    }

    fn ids(engine: &Engine, query: &str) -> Vec<String> {
        let request = SearchRequest { collapse: false, ..SearchRequest::new(query) };
        let mut ids: Vec<String> =
            engine.search(&request).unwrap().hits.into_iter().map(|h| h.id).collect();
        ids.sort();
        ids
    }

    const A1: &str = r#"{"id":"a1","title":"أسعار النفط","body":"ارتفعت أسعار النفط اليوم."}"#;
    const A2: &str = r#"{"id":"a2","title":"المنتخب","body":"فاز المنتخب في المباراة."}"#;
    const A3: &str = r#"{"id":"a3","title":"مكتبة","body":"افتتحت المدينة مكتبة جديدة."}"#;

    #[test]
    fn a_second_run_replaces_changed_articles_and_skips_unchanged_ones() {
        let folder = tempfile::tempdir().unwrap();
        let root = folder.path().join("news.idx");
        assert_eq!(counts(&run(&root, &[A1, A2, A3])), (3, 0, 0, 0));
        let a2 = r#"{"id":"a2","title":"المنتخب","body":"خسر المنتخب أمام الضيوف."}"#;
        let a4 = r#"{"id":"a4","title":"الذهب","body":"تراجع سعر الذهب."}"#;
        assert_eq!(counts(&run(&root, &[A1, a2, a4])), (2, 1, 1, 0));
        let engine = Engine::open(&root).unwrap();
        assert_eq!(engine.searcher().num_docs(), 4);
        assert_eq!(ids(&engine, "المنتخب"), ["a2"]);
        assert_eq!(ids(&engine, "خسر"), ["a2"]);
        assert!(ids(&engine, "فاز").is_empty(), "the old version is gone");
        assert_eq!(engine.store().manifest.sources.len(), 2);
    }

    #[test]
    fn an_id_twice_in_one_run_keeps_its_last_version() {
        let folder = tempfile::tempdir().unwrap();
        let root = folder.path().join("news.idx");
        let again = r#"{"id":"a1","title":"أسعار الذهب","body":"تراجعت أسعار الذهب اليوم."}"#;
        assert_eq!(counts(&run(&root, &[A1, A2, again])), (3, 1, 0, 0));
        let engine = Engine::open(&root).unwrap();
        assert_eq!(engine.searcher().num_docs(), 2);
        assert_eq!(engine.get("a1").unwrap().unwrap().title, "أسعار الذهب");
        assert!(ids(&engine, "النفط").is_empty());
    }

    #[test]
    fn a_bad_record_is_rejected_and_the_others_indexed() {
        let folder = tempfile::tempdir().unwrap();
        let root = folder.path().join("news.idx");
        let no_body = r#"{"id":"a9","title":"بلا نص"}"#;
        assert_eq!(counts(&run(&root, &[A1, no_body, A3])), (2, 0, 0, 1));
        let engine = Engine::open(&root).unwrap();
        assert_eq!(engine.get("a9").unwrap(), None);
        assert_eq!(ids(&engine, "*"), ["a1", "a3"]);
    }

    #[test]
    fn a_copy_indexed_in_a_later_run_joins_the_story_of_the_first() {
        let story = "قال وزير الخارجية في مؤتمر صحفي عقده اليوم في العاصمة إن المحادثات مع \
                     الوفد الزائر تناولت التعاون في مجالات الطاقة والنقل والتعليم وأضاف أن \
                     الجانبين اتفقا على تشكيل لجنة مشتركة تجتمع كل ثلاثة أشهر";
        let folder = tempfile::tempdir().unwrap();
        let root = folder.path().join("news.idx");
        let line = |id: &str, body: &str| {
            format!(r#"{{"id":"{id}","title":"محادثات","body":"{body}","source":"{id}"}}"#)
        };
        run(&root, &[&line("wam", story), A2]);
        run(&root, &[&line("spa", &format!("عمان - وكالات: {story}"))]);
        let engine = Engine::open(&root).unwrap();
        let results = engine.search(&SearchRequest::new("المحادثات")).unwrap();
        assert_eq!((results.total, results.stories), (2, Some(1)));
        assert_eq!(results.hits.len(), 1);
        assert_eq!(results.hits[0].copies.len(), 1);
    }
}
