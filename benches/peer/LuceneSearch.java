// Lucene 9.5 as the peer of `benches/peer_search.py`: its ArabicAnalyzer
// (as it comes: normalization, stop words, light stemmer) and its default
// ranking, plain BM25 (k1 1.2, b 0.75), over one field holding an article's
// title and body, as Anserini indexes a collection. A yardstick, never
// shipped; run with the Anserini fat jar (inside the pyserini wheel) on the
// class path:
//
//   java -cp anserini-fatjar.jar benches/peer/LuceneSearch.java index DIR FILE.jsonl...
//   java -cp anserini-fatjar.jar benches/peer/LuceneSearch.java search DIR QUERIES N WARMUP REPEAT
//
// `index` builds DIR from JSON Lines with `id`, `title` and `body`, one
// writer thread, and leaves the segments as the writer leaves them (no
// merge to one), as `fahras index` does; it prints one JSON line with the
// articles and the seconds. `search` replays the first N non-empty lines of
// QUERIES (each escaped, so a line is its words, OR-ed as the classic query
// parser does by default): WARMUP untimed passes, then REPEAT timed ones.
// Each run is timed twice: parsing and the top 10 (`IndexSearcher.search(q,
// 10)`, which counts matches exactly up to 1,000 and then prunes), and that
// plus reading the 10 articles' stored fields. It prints one JSON line of
// latencies in microseconds.
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.lucene.analysis.ar.ArabicAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;

public class LuceneSearch {
    public static void main(String[] args) throws Exception {
        if (args.length >= 3 && args[0].equals("index")) {
            index(Paths.get(args[1]), Arrays.copyOfRange(args, 2, args.length));
        } else if (args.length == 6 && args[0].equals("search")) {
            search(Paths.get(args[1]), Paths.get(args[2]), Integer.parseInt(args[3]),
                Integer.parseInt(args[4]), Integer.parseInt(args[5]));
        } else {
            System.err.println("usage: index DIR FILE.jsonl... | search DIR QUERIES N WARMUP REPEAT");
            System.exit(2);
        }
    }

    static void index(Path dir, String[] files) throws Exception {
        long started = System.nanoTime();
        IndexWriterConfig config = new IndexWriterConfig(new ArabicAnalyzer());
        config.setOpenMode(IndexWriterConfig.OpenMode.CREATE);
        config.setRAMBufferSizeMB(256);
        ObjectMapper json = new ObjectMapper();
        long articles = 0;
        try (IndexWriter writer = new IndexWriter(FSDirectory.open(dir), config)) {
            for (String file : files) {
                try (BufferedReader in = Files.newBufferedReader(Paths.get(file), StandardCharsets.UTF_8)) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        if (line.isBlank()) continue;
                        JsonNode article = json.readTree(line);
                        String title = article.path("title").asText("");
                        String body = article.path("body").asText("");
                        Document doc = new Document();
                        doc.add(new StringField("id", article.path("id").asText(""), Field.Store.YES));
                        doc.add(new TextField("contents", title + "\n" + body, Field.Store.NO));
                        doc.add(new StoredField("title", title));
                        doc.add(new StoredField("body", body));
                        writer.addDocument(doc);
                        articles++;
                    }
                }
            }
            writer.commit();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("{\"articles\": %d, \"seconds\": %.3f}%n", articles, seconds);
    }

    static void search(Path dir, Path queries, int limit, int warmup, int repeat) throws Exception {
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(queries, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) lines.add(line.trim());
            if (lines.size() == limit) break;
        }
        try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(dir))) {
            IndexSearcher searcher = new IndexSearcher(reader);
            QueryParser parser = new QueryParser("contents", new ArabicAnalyzer());
            List<Long> searchNs = new ArrayList<>();
            List<Long> fetchNs = new ArrayList<>();
            long empty = 0;
            long hits = 0;
            // What was read, printed, so that the reading is not optimized away.
            long sink = 0;
            for (int pass = 0; pass < warmup + repeat; pass++) {
                boolean timed = pass >= warmup;
                for (String line : lines) {
                    long t0 = System.nanoTime();
                    Query query;
                    try {
                        query = parser.parse(QueryParser.escape(line));
                    } catch (ParseException e) {
                        query = null;
                    }
                    TopDocs top = query == null ? null : searcher.search(query, 10);
                    long t1 = System.nanoTime();
                    int read = 0;
                    if (top != null) {
                        StoredFields stored = searcher.storedFields();
                        for (ScoreDoc hit : top.scoreDocs) {
                            Document doc = stored.document(hit.doc);
                            sink += doc.get("title").length() + doc.get("body").length();
                            read++;
                        }
                    }
                    long t2 = System.nanoTime();
                    if (timed) {
                        searchNs.add(t1 - t0);
                        fetchNs.add(t2 - t0);
                        if (read == 0) empty++;
                        if (pass == warmup) hits += read;
                    }
                }
            }
            System.out.printf(
                "{\"articles\": %d, \"lines\": %d, \"runs\": %d, \"empty\": %d, \"hits\": %d, \"chars_read\": %d, \"search\": %s, \"search_and_fetch\": %s}%n",
                reader.numDocs(), lines.size(), searchNs.size(), empty, hits, sink,
                latency(searchNs), latency(fetchNs));
        }
    }

    /// Mean and percentiles in microseconds, the percentile taken at the
    /// rounded rank (as `fahras bench`).
    static String latency(List<Long> samples) {
        long[] sorted = samples.stream().mapToLong(Long::longValue).sorted().toArray();
        if (sorted.length == 0) return "null";
        double mean = Arrays.stream(sorted).average().orElse(0) / 1e3;
        java.util.function.DoubleUnaryOperator at =
            q -> sorted[(int) Math.round((sorted.length - 1) * q)] / 1e3;
        return String.format(
            "{\"mean_us\": %.1f, \"p50_us\": %.1f, \"p95_us\": %.1f, \"p99_us\": %.1f, \"max_us\": %.1f}",
            mean, at.applyAsDouble(0.5), at.applyAsDouble(0.95), at.applyAsDouble(0.99),
            sorted[sorted.length - 1] / 1e3);
    }
}
