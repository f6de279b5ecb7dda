/*
 * ScreenExample.java: the Java binding's example. Loads a list, prints the
 * index's provenance, then screens each name on the command line from a
 * thread pool (one shared Index, one Matcher per task) and prints the hits
 * with the token pairs of their explanations.
 *
 *   java -Dnomen.jni=build/bindings/java/libnomen_jni.so \
 *        -cp build/bindings/java/nomen-example.jar:build/bindings/java/nomen.jar \
 *        ScreenExample data/sample-list.csv "Ch'en Ch'üan-kuo" 陳國基
 */
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import nomen.Builder;
import nomen.Explanation;
import nomen.Hit;
import nomen.Index;
import nomen.ListInfo;
import nomen.Matcher;
import nomen.Nomen;
import nomen.NomenException;
import nomen.Options;

public final class ScreenExample {
    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: ScreenExample LIST NAME...");
            System.exit(2);
        }
        try (Builder b = new Builder()) {
            b.addPath(args[0]);
            try (Index ix = b.build()) {
                System.out.printf(
                        "nomen %s (Unicode %s, ICU %s): %d records, %d names%n",
                        Nomen.version(), Nomen.unicodeVersion(), Nomen.icuVersion(),
                        ix.recordCount(), ix.nameCount());
                for (ListInfo l : ix.lists()) {
                    System.out.printf(
                            "  list %s (%s) %s: %d records, checksum %s%n",
                            l.name(), l.format(), l.path(), l.records(), l.checksum());
                }
                ExecutorService pool = Executors.newFixedThreadPool(4);
                List<Future<String>> out = new ArrayList<>();
                for (int i = 1; i < args.length; i++) {
                    String name = args[i];
                    out.add(pool.submit(() -> screen(ix, name)));
                }
                for (Future<String> f : out) {
                    System.out.print(f.get());
                }
                pool.shutdown();
            }
        } catch (NomenException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
    }

    static String screen(Index ix, String name) {
        // One matcher per task here; a long-lived worker keeps one per thread.
        try (Matcher m = new Matcher(ix)) {
            m.setOptions(Options.defaults().withExplain(true));
            List<Hit> hits = m.screen(name);
            StringBuilder s = new StringBuilder(name + ": " + hits.size() + " hit(s)\n");
            for (Hit h : hits) {
                s.append(
                        String.format(
                                "  %.3f %s %s \"%s\" (matched \"%s\") %s%n",
                                h.score(), h.list(), h.entityId(), h.name(), h.matchedName(),
                                h.programs()));
                Explanation e = h.explanation();
                for (Explanation.TokenPair p : e.tokens()) {
                    s.append(String.format(
                            "        %s ~ %s: %s %.2f%n", p.query(), p.list(), p.how(), p.similarity()));
                }
                for (String syl : e.syllables()) {
                    s.append("        ").append(syl).append('\n');
                }
            }
            return s.toString();
        }
    }
}
