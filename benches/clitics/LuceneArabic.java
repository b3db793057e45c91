// Lucene's ArabicAnalyzer (normalization + light stemmer, no stop words)
// over words read one a line from standard input: prints, one a line,
// the normalized word and its stem separated by a tab. Run with the
// Anserini fat jar (inside the pyserini wheel) on the class path:
//   java -cp anserini-fatjar.jar benches/clitics/LuceneArabic.java < words
// Written for benches/clitics.py; a yardstick, never shipped.
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import org.apache.lucene.analysis.ar.ArabicNormalizer;
import org.apache.lucene.analysis.ar.ArabicStemmer;

public class LuceneArabic {
    public static void main(String[] args) throws Exception {
        ArabicNormalizer normalizer = new ArabicNormalizer();
        ArabicStemmer stemmer = new ArabicStemmer();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        PrintWriter out = new PrintWriter(new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8)));
        String line;
        char[] buffer = new char[256];
        while ((line = in.readLine()) != null) {
            if (line.length() > buffer.length) buffer = new char[line.length() * 2];
            line.getChars(0, line.length(), buffer, 0);
            int normalized = normalizer.normalize(buffer, line.length());
            String norm = new String(buffer, 0, normalized);
            int stemmed = stemmer.stem(buffer, normalized);
            // The stemmer removes a prefix by shifting: the stem is the
            // first `stemmed` chars of the buffer.
            out.print(norm);
            out.print('\t');
            out.println(new String(buffer, 0, stemmed));
        }
        out.flush();
    }
}
