/*
 * Bench.java: the Java binding's throughput beside the C library's for the
 * same queries: the shared screening cases against the sample list, with
 * their options (threshold 0.50, limit 5). Figures: the queries screened
 * from C alone inside this JVM, Matcher.screen one at a time, and
 * Matcher.screenMany over the whole case list; with a test_cases binary,
 * also `test_cases --bench N`. Each is the best of REPS runs, interleaved
 * (the machine may be shared); the JVM is warmed up first.
 *
 *   java -Dnomen.jni=.../libnomen_jni.so -cp nomen-bench.jar:nomen.jar \
 *        Bench SRC_DIR [SCREENS [REPS [TEST_CASES_BIN]]]
 */
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import nomen.Builder;
import nomen.Cases;
import nomen.Hit;
import nomen.Index;
import nomen.Matcher;
import nomen.Options;
import nomen.Query;

public final class Bench {
    public static void main(String[] args) throws Exception {
        Path src = Paths.get(args.length > 0 ? args[0] : "../..").toAbsolutePath().normalize();
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 100000;
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        String cbin = args.length > 3 ? args[3] : null;
        List<Query> qs = new ArrayList<>();
        for (Cases.Case c : Cases.read(Cases.path(src))) {
            qs.add(c.query());
        }
        int rounds = (n + qs.size() - 1) / qs.size();
        long total = (long) rounds * qs.size();
        double cSecs = Double.MAX_VALUE, single = Double.MAX_VALUE, batch = Double.MAX_VALUE;
        double singleRead = Double.MAX_VALUE, batchRead = Double.MAX_VALUE;
        long sink = 0;
        try (Builder b = new Builder()) {
            b.addPath(src.resolve("data/sample-list.csv").toString(), "generic-csv", null);
            try (Index ix = b.build();
                    Matcher m = new Matcher(ix)) {
                m.setOptions(Options.defaults().withThreshold(Cases.THRESHOLD).withLimit(Cases.LIMIT));
                // Warm-up: let the JIT compile the decoding paths.
                for (int i = 0; i < Math.max(20000, n / 5); i++) {
                    for (Hit h : m.screen(qs.get(i % qs.size()))) {
                        sink += h.entityId().length();
                    }
                }
                for (int r = 0; r < Math.max(100, rounds / 5); r++) {
                    for (List<Hit> hits : m.screenMany(qs)) {
                        sink += hits.isEmpty() ? 0 : hits.get(0).entityId().length();
                    }
                }
                for (int rep = 0; rep < reps; rep++) {
                    cSecs = Math.min(cSecs, m.timeInC(qs, rounds));
                    long t0 = System.nanoTime();
                    for (int r = 0; r < rounds; r++) {
                        for (Query q : qs) {
                            m.screen(q);
                        }
                    }
                    single = Math.min(single, (System.nanoTime() - t0) / 1e9);
                    t0 = System.nanoTime();
                    for (int r = 0; r < rounds; r++) {
                        m.screenMany(qs);
                    }
                    batch = Math.min(batch, (System.nanoTime() - t0) / 1e9);
                    // The same, reading every hit (its objects are made when first read).
                    t0 = System.nanoTime();
                    for (int r = 0; r < rounds; r++) {
                        for (Query q : qs) {
                            for (Hit h : m.screen(q)) {
                                sink += h.entityId().length();
                            }
                        }
                    }
                    singleRead = Math.min(singleRead, (System.nanoTime() - t0) / 1e9);
                    t0 = System.nanoTime();
                    for (int r = 0; r < rounds; r++) {
                        for (List<Hit> hits : m.screenMany(qs)) {
                            for (Hit h : hits) {
                                sink += h.entityId().length();
                            }
                        }
                    }
                    batchRead = Math.min(batchRead, (System.nanoTime() - t0) / 1e9);
                }
            }
        }
        System.out.printf(
                "%d queries (shared cases), %d screens per figure, best of %d%n", qs.size(), total, reps);
        System.out.printf("C, in process:     %8.0f screens/s%n", total / cSecs);
        row("Java screen:       ", total, single, cSecs);
        row("Java screenMany:   ", total, batch, cSecs);
        row("Java screen, every hit read:     ", total, singleRead, cSecs);
        row("Java screenMany, every hit read: ", total, batchRead, cSecs);
        if (sink == 42) {
            System.out.println(); // keeps the reads from being optimized away
        }
        if (cbin != null) {
            ProcessBuilder pb = new ProcessBuilder(cbin, "--bench", Long.toString(total));
            pb.directory(src.toFile()).environment().put("NOMEN_SOURCE_DIR", src.toString());
            pb.redirectError(ProcessBuilder.Redirect.INHERIT);
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException(cbin + " --bench failed");
            }
            System.out.println("C, test_cases:     " + out.trim());
        }
    }

    /** One figure: screens per second and the overhead over the C seconds. */
    private static void row(String label, long total, double secs, double cSecs) {
        System.out.printf(
                "%s%8.0f screens/s  overhead %+.1f%%%n", label, total / secs, 100 * (secs - cSecs) / cSecs);
    }
}
