/*
 * Cases.java: reads tests/data/screen_cases.tsv, the screening cases shared
 * by the C tests and every binding, and formats hit lists as
 * `tests/cases/test_cases --print` does so that the two compare as text.
 * Used by the JUnit tests and by the bench.
 */
package nomen;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

public final class Cases {
    /** The options every runner of the cases uses (the file's header says so). */
    public static final double THRESHOLD = 0.50;

    public static final int LIMIT = 5;

    /** One line of the file; score as in the file's header. */
    public record Case(int line, Query query, String expect, double score) {}

    private Cases() {}

    public static Path path(Path src) {
        return src.resolve("tests").resolve("data").resolve("screen_cases.tsv");
    }

    /** TAB-separated, six fields, '#' and empty lines ignored, no escapes. */
    public static List<Case> read(Path file) throws IOException {
        List<Case> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int n = 1; n <= lines.size(); n++) {
            String l = lines.get(n - 1);
            if (l.isEmpty() || l.charAt(0) == '#') {
                continue;
            }
            String[] f = l.split("\t", -1);
            if (f.length != 6 || f[0].isEmpty()) {
                throw new IOException(file + ":" + n + ": expected 6 TAB-separated fields");
            }
            Query q =
                    new Query(
                            f[0],
                            f[1].isEmpty() ? null : f[1],
                            f[2].isEmpty() ? null : f[2],
                            f[3].isEmpty() ? SubjectType.ANY : SubjectType.parse(f[3]));
            out.add(new Case(n, q, f[4], Double.parseDouble(f[5])));
        }
        return out;
    }

    /** A --print line: "number TAB query TAB id=score ...", 6 decimals as C's %.6f. */
    public static String line(int number, String query, List<Hit> hits) {
        StringBuilder s = new StringBuilder();
        s.append(number).append('\t').append(query).append('\t');
        for (int i = 0; i < hits.size(); i++) {
            if (i > 0) {
                s.append(' ');
            }
            s.append(hits.get(i).entityId()).append('=').append(sixDecimals(hits.get(i).score()));
        }
        return s.toString();
    }

    /*
     * glibc's %.6f rounds the exact binary value, ties to even. Java's
     * String.format rounds the shortest decimal form instead, which differs
     * in rare cases; BigDecimal(double) is the exact value.
     */
    static String sixDecimals(double v) {
        return new BigDecimal(v).setScale(6, RoundingMode.HALF_EVEN).toPlainString();
    }
}
