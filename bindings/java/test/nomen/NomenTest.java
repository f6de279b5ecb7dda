/*
 * NomenTest.java: JUnit 4 tests of the Java binding against the real
 * library and the built-in sample list: loading (files, folders, memory),
 * index files, screening with options and evidence, explanations,
 * provenance, errors and nulls, threads, the shared screening cases
 * (compared with the C library's hit lists printed at test time), and a
 * loop of 100,000 screens that must not grow the native heap.
 */
package nomen;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.junit.function.ThrowingRunnable;

public class NomenTest {
    static Path src;
    static Index sample;

    @BeforeClass
    public static void setUp() {
        String s = System.getenv("NOMEN_SOURCE_DIR");
        src = Paths.get(s != null ? s : "../..").toAbsolutePath().normalize();
        sample = sampleIndex();
    }

    @AfterClass
    public static void tearDown() {
        sample.close();
    }

    static String samplePath() {
        return src.resolve("data").resolve("sample-list.csv").toString();
    }

    static Index sampleIndex() {
        try (Builder b = new Builder()) {
            b.addPath(samplePath(), "generic-csv", null);
            return b.build();
        }
    }

    static void status(int want, ThrowingRunnable r) {
        NomenException e = assertThrows(NomenException.class, r);
        assertEquals(e.getMessage(), want, e.status());
    }

    @Test
    public void versions() {
        assertEquals(2, Nomen.version().chars().filter(c -> c == '.').count());
        assertFalse(Nomen.unicodeVersion().isEmpty());
        assertFalse(Nomen.icuVersion().isEmpty());
        assertEquals(SubjectType.VESSEL, SubjectType.parse("vessel"));
        status(NomenException.NOT_FOUND, () -> SubjectType.parse("spaceship"));
        String utf8 = NomenException.statusName(NomenException.UTF8);
        assertFalse(utf8.isEmpty());
        assertTrue(new NomenException(NomenException.UTF8, "op", "x").getMessage().contains(utf8));
    }

    @Test
    public void loadFileFolderMemory() {
        try (Builder b = new Builder()) {
            b.addPath(samplePath(), null, "sample");
            long nSample = b.recordCount();
            assertTrue(nSample >= 50);
            b.addPath(src.resolve("tests/load/fixtures/ofac_csv").toString());
            long nFolder = b.recordCount() - nSample;
            assertTrue(nFolder > 0);
            b.addString(
                    "mem.csv",
                    "id,name,type\nx1,\"SMITH, Johnathan Quincy\",individual\nx2,ACME WIDGETS LTD,entity\n",
                    "generic-csv",
                    "inline");
            assertEquals(2, b.recordCount() - nSample - nFolder);
            try (Index ix = b.build();
                    Matcher m = new Matcher(ix)) {
                assertEquals(b.recordCount(), ix.recordCount());
                assertTrue(ix.nameCount() >= ix.recordCount());
                List<ListInfo> l = ix.lists();
                assertEquals(3, l.size());
                assertEquals("sample", l.get(0).name());
                assertEquals("generic-csv", l.get(0).format());
                assertEquals(samplePath(), l.get(0).path());
                assertEquals(nSample, l.get(0).records());
                assertEquals("ofac-csv", l.get(1).format());
                assertEquals(nFolder, l.get(1).records());
                assertEquals("inline", l.get(2).name());
                for (ListInfo li : l) {
                    assertTrue(li.checksum(), li.checksum().matches("[0-9a-f]{16}"));
                }
                List<Hit> hits = m.screen("Johnathan Quincy Smith");
                assertFalse(hits.isEmpty());
                assertEquals("x1", hits.get(0).entityId());
                assertEquals("inline", hits.get(0).list());
            }
        }
    }

    @Test
    public void strictAndSkipped() {
        String bad = "id,name,type\nok1,\"DOE, Jane\",individual\nbad1,,individual\n";
        try (Builder b = new Builder();
                Builder s = new Builder()) {
            b.addString("lenient.csv", bad, "generic-csv", null);
            assertEquals(1, b.skippedCount());
            assertTrue(b.skipReport().contains("lenient.csv"));
            s.setStrict(true);
            NomenException e =
                    assertThrows(
                            NomenException.class,
                            () -> s.addString("strict.csv", bad, "generic-csv", null));
            assertEquals(NomenException.PARSE, e.status());
            assertTrue(e.detail(), e.detail().contains("strict.csv"));
        }
    }

    @Test
    public void saveLoad() throws IOException {
        Path dir = Files.createTempDirectory("nomen-java");
        Path file = dir.resolve("sample.nomen");
        sample.save(file.toString());
        try (Index lx = Index.load(file.toString());
                Matcher m1 = new Matcher(sample);
                Matcher m2 = new Matcher(lx)) {
            assertEquals(sample.lists(), lx.lists());
            assertEquals(sample.recordCount(), lx.recordCount());
            for (String n : List.of("Chen Quanguo", "Ch'en Ch'üan-kuo", "陳全國", "Carrie Lam")) {
                List<Hit> h1 = m1.screen(n);
                assertFalse(n, h1.isEmpty());
                assertEquals(n, h1, m2.screen(n));
            }
        }
        status(NomenException.IO, () -> Index.load(dir.resolve("none.nomen").toString()));
        byte[] data = Files.readAllBytes(file);
        Path cut = dir.resolve("cut.nomen");
        Files.write(cut, Arrays.copyOf(data, data.length / 2));
        NomenException e = assertThrows(NomenException.class, () -> Index.load(cut.toString()));
        assertTrue(e.getMessage(), e.status() == NomenException.PARSE || e.status() == NomenException.VERSION);
        status(NomenException.IO, () -> sample.save(dir.resolve("no/such/dir/x").toString()));
    }

    @Test
    public void screenOptionsEvidence() {
        try (Matcher m = new Matcher(sample)) {
            Options o = Options.defaults();
            assertTrue(o.threshold() > 0 && o.threshold() < 1);
            assertEquals(10, o.limit());
            assertFalse(o.explain());
            for (String n : List.of("Chen Quanguo", "Ch'en Ch'üan-kuo", "QUANGUO CHEN", "陳全國")) {
                List<Hit> hits = m.screen(n);
                assertFalse(n, hits.isEmpty());
                Hit h = hits.get(0);
                assertEquals("ofac-29220", h.entityId());
                assertEquals("CHEN, Quanguo", h.name());
                assertEquals(SubjectType.INDIVIDUAL, h.type());
                assertEquals(List.of("GLOMAG"), h.programs());
                assertTrue(h.score() >= o.threshold() && h.score() <= 1);
                assertNull(h.explainJson());
                for (int i = 1; i < hits.size(); i++) {
                    assertTrue(hits.get(i).score() <= hits.get(i - 1).score());
                }
            }
            m.setOptions(o.withExplain(true));
            List<Hit> agree =
                    m.screen(
                            Query.of("Chen Quanguo")
                                    .withDob("1955")
                                    .withCountry("CN")
                                    .withType(SubjectType.INDIVIDUAL));
            Explanation ea = agree.get(0).explanation();
            assertEquals("agrees", ea.evidence().dob().effect());
            assertEquals("agrees", ea.evidence().country().effect());
            assertEquals("agrees", ea.evidence().type().effect());
            assertEquals(agree.get(0).score(), ea.score(), 1e-3);
            assertFalse(ea.tokens().isEmpty());
            for (Explanation.TokenPair p : ea.tokens()) {
                assertNotNull(p.query());
                assertNotNull(p.list());
                assertTrue(p.similarity() > 0);
            }
            // Wade-Giles matched syllable by syllable: the syllables decided,
            // and the token pairing (under "token_view" in the JSON) is read.
            Explanation ew = m.screen("Ch'en Ch'üan-kuo").get(0).explanation();
            assertEquals("syllables", ew.view());
            assertEquals(3, ew.syllables().size());
            assertEquals("Ch'en", ew.tokens().get(0).query());
            assertEquals(1, ew.unmatchedQuery().size());
            // Threshold 0, the default limit: an explanation for each hit.
            m.setOptions(o.withExplain(true).withThreshold(0).withLimit(10));
            List<Hit> other = m.screen(Query.of("Chen Quanguo").withDob("1990-02-03").withCountry("FR"));
            assertEquals("ofac-29220", other.get(0).entityId());
            assertEquals("contradicts", other.get(0).explanation().evidence().dob().effect());
            assertTrue(other.get(0).score() < agree.get(0).score());

            m.setOptions(o.withThreshold(0).withLimit(3));
            assertEquals(3, m.screen("Wang").size());
            m.setOptions(o.withThreshold(0.999).withLimit(0));
            for (Hit h : m.screen("Chen Quan")) {
                assertTrue(h.score() >= 0.999);
            }
            status(NomenException.INVALID_ARG, () -> m.setOptions(o.withThreshold(1.5)));
            status(NomenException.INVALID_ARG, () -> m.setOptions(o.withLimit(-1)));
            status(NomenException.STATE, () -> new Hit(1, "x", "l", "n", "n", SubjectType.ANY, List.of(), null).explanation());
        }
    }

    @Test
    public void screenManyMatchesScreen() {
        try (Matcher m = new Matcher(sample)) {
            List<Query> qs =
                    List.of(
                            Query.of("Chen Quanguo").withDob("1955"),
                            Query.of("Nobody Particular"),
                            Query.of("Carrie Lam").withCountry("HK").withType(SubjectType.INDIVIDUAL),
                            Query.of(""),
                            Query.of("陳國基"));
            List<List<Hit>> many = m.screenMany(qs);
            assertEquals(qs.size(), many.size());
            for (int i = 0; i < qs.size(); i++) {
                assertEquals(m.screen(qs.get(i)), many.get(i));
            }
            assertFalse(many.get(0).isEmpty());
            assertFalse(many.get(2).isEmpty());
            // Lists decoded when first read: sized before, immutable, equal to plain lists.
            List<List<Hit>> again = m.screenMany(qs);
            assertEquals(many.get(0).size(), again.get(0).size());
            assertEquals(new ArrayList<>(again.get(0)), again.get(0));
            assertEquals(again.get(0).hashCode(), many.get(0).hashCode());
            assertThrows(UnsupportedOperationException.class, () -> again.get(0).add(again.get(0).get(0)));
            assertThrows(UnsupportedOperationException.class, () -> again.set(0, List.of()));
            assertThrows(IndexOutOfBoundsException.class, () -> again.get(0).get(99));
            assertEquals("ofac-29220", again.get(0).get(0).entityId());
            List<Query> bad = new ArrayList<>(qs);
            bad.set(2, Query.of("Carrie \uD800 Lam"));
            NomenException e = assertThrows(NomenException.class, () -> m.screenMany(bad));
            assertEquals(NomenException.UTF8, e.status());
            assertEquals(2, e.query());
            assertTrue(m.screenMany(List.of()).isEmpty());
            bad.set(2, null);
            status(NomenException.INVALID_ARG, () -> m.screenMany(bad));
        }
    }

    @Test
    public void errorsAndNulls() {
        Builder b = new Builder();
        status(NomenException.IO, () -> b.addPath("/no/such/list.csv"));
        NomenException e = assertThrows(NomenException.class, () -> b.addPath("/no/such/list.csv"));
        assertTrue(e.getMessage().contains("/no/such/list.csv"));
        status(NomenException.FORMAT, () -> b.addPath(samplePath(), "no-such-format", null));
        status(NomenException.INVALID_ARG, () -> b.addPath(null));
        status(NomenException.INVALID_ARG, () -> b.addPath(""));
        status(NomenException.INVALID_ARG, () -> b.addPath("a\0b"));
        status(NomenException.INVALID_ARG, () -> b.addMemory(null, new byte[1], null, null));
        assertThrows(NullPointerException.class, () -> b.addMemory("x", null, null, null));
        b.setStrict(true);
        status(
                NomenException.UTF8,
                () -> b.addMemory("x.csv", new byte[] {'i', 'd', ',', 'n', 'a', 'm', 'e', '\n', 'x', ',', (byte) 0xff, '\n'}, "generic-csv", null));
        status(NomenException.STATE, b::build); // nothing loaded
        b.close();
        b.close();
        status(NomenException.STATE, () -> b.addPath(samplePath()));
        status(NomenException.STATE, b::build);
        status(NomenException.INVALID_ARG, () -> new Matcher(null));
        status(NomenException.INVALID_ARG, () -> Index.load(null));

        Index ix = sampleIndex();
        Matcher m = new Matcher(ix);
        ix.close(); // the matcher keeps its own reference
        assertFalse(m.screen("Chen Quanguo").isEmpty());
        status(NomenException.UTF8, () -> m.screenUtf8(new byte[] {'C', 'h', (byte) 0xe9, 'n'}));
        status(NomenException.UTF8, () -> m.screen("Chen \uDC00Quanguo"));
        status(NomenException.UTF8, () -> m.screen(Query.of("Chen").withDob("\uD800")));
        status(NomenException.LIMIT, () -> m.screen("a".repeat(5000)));
        status(NomenException.INVALID_ARG, () -> m.screen((String) null));
        status(NomenException.INVALID_ARG, () -> m.screen((Query) null));
        status(NomenException.INVALID_ARG, () -> m.screen(new Query(null, null, null, null)));
        status(NomenException.INVALID_ARG, () -> m.screenUtf8(null));
        status(NomenException.INVALID_ARG, () -> m.setOptions(null));
        status(NomenException.INVALID_ARG, () -> m.screenMany(null));
        assertFalse(m.screenUtf8("Chen Quanguo".getBytes(StandardCharsets.UTF_8)).isEmpty());
        // A supplementary-plane character is real UTF-8 (not JNI's modified form).
        m.screen("\uD840\uDC00 Chen");
        m.close();
        m.close();
        status(NomenException.STATE, () -> m.screen("Chen"));
        status(NomenException.STATE, () -> new Matcher(ix));
        status(NomenException.STATE, ix::recordCount);
    }

    /* Eight threads share one index, each with its own matcher, and must see
     * exactly what one matcher sees alone. */
    @Test
    public void threads() throws Exception {
        List<String> names =
                List.of("Chen Quanguo", "Carrie Lam", "Zhang Lei", "Wang Junzheng", "陳國基",
                        "Tsang Kwok-wai", "Hu Yongan", "John Smith", "Xinjiang Public Security Bureau");
        List<List<Hit>> want = new ArrayList<>();
        try (Matcher m = new Matcher(sample)) {
            for (String n : names) {
                want.add(m.screen(n));
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> fs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                final int g = t;
                fs.add(
                        pool.submit(
                                () -> {
                                    int n = 0;
                                    try (Matcher m = new Matcher(sample)) {
                                        for (int r = 0; r < 200; r++) {
                                            int i = (g + r) % names.size();
                                            assertEquals(names.get(i), want.get(i), m.screen(names.get(i)));
                                            n++;
                                        }
                                    }
                                    return n;
                                }));
            }
            for (Future<Integer> f : fs) {
                assertEquals(200, (int) f.get());
            }
        } finally {
            pool.shutdown();
        }
    }

    /* A long loop must not grow the native heap. The measure is the whole
     * process's C heap, so the JVM's own mallocs count too: a JIT
     * compilation that a loaded machine delays into the measured loop adds
     * megabytes once. A leak grows the heap in every round, so a round is
     * repeated (at most three) until one stays under the bound. */
    @Test
    public void noGrowth() {
        int n = 100000;
        List<String> names = List.of("Chen Quanguo", "Lam Cheng Yuet-ngor", "Nobody Atall", "陳全國");
        try (Matcher m = new Matcher(sample)) {
            m.setOptions(Options.defaults().withExplain(true));
            for (int i = 0; i < n / 10; i++) {
                m.screen(names.get(i % names.size()));
            }
            long grown = Long.MAX_VALUE;
            for (int round = 0; round < 3 && grown >= 1 << 20; round++) {
                long h0 = Nomen.nativeHeapInUse();
                for (int i = 0; i < n; i++) {
                    m.screen(names.get(i % names.size()));
                    if (i % 1000 == 0) {
                        assertThrows(
                                NomenException.class, () -> m.screenUtf8(new byte[] {(byte) 0xff}));
                    }
                }
                grown = Nomen.nativeHeapInUse() - h0;
                System.out.println(n + " screens: native heap grew by " + grown + " bytes");
            }
            // 1 MB: ten bytes a screen; an explanation alone is hundreds.
            assertTrue("native heap grew by " + grown + " in each round", grown < 1 << 20);
        }
    }

    /* The Cleaner frees what close() was never called on. The JVM mallocs
     * too (JIT, GC tables), so the measure is relative: what 100 live
     * matchers take, against what 1000 forgotten ones leave after GC. */
    @Test
    public void cleaner() throws Exception {
        List<Matcher> live = new ArrayList<>();
        long h0 = Nomen.nativeHeapInUse();
        for (int i = 0; i < 100; i++) {
            live.add(new Matcher(sample));
            live.get(i).screen("Chen Quanguo");
        }
        long each = (Nomen.nativeHeapInUse() - h0) / 100;
        live.forEach(Matcher::close);
        assertTrue("a matcher takes " + each + " bytes", each > 1000);
        h0 = Nomen.nativeHeapInUse();
        for (int i = 0; i < 1000; i++) {
            new Matcher(sample).screen("Chen Quanguo");
        }
        long grown = Nomen.nativeHeapInUse() - h0;
        for (int i = 0; i < 40 && grown > 250 * each; i++) {
            System.gc();
            Thread.sleep(50);
            grown = Nomen.nativeHeapInUse() - h0;
        }
        assertTrue("1000 unclosed matchers (" + each + " bytes each) kept " + grown + " bytes",
                grown < 250 * each);
    }

    /* The shared cases: every expectation holds, and the hit lists are the
     * very ones the C library prints (test_cases --print, run now). */
    @Test
    public void sharedCases() throws Exception {
        List<Cases.Case> cs = Cases.read(Cases.path(src));
        assertFalse(cs.isEmpty());
        List<String> lines = new ArrayList<>();
        try (Matcher m = new Matcher(sample)) {
            m.setOptions(Options.defaults().withThreshold(Cases.THRESHOLD).withLimit(Cases.LIMIT));
            List<Query> qs = new ArrayList<>();
            for (int i = 0; i < cs.size(); i++) {
                Cases.Case c = cs.get(i);
                qs.add(c.query());
                List<Hit> hits = m.screen(c.query());
                String where = "line " + c.line() + ": " + c.query().name();
                if (c.expect().equals("-")) {
                    assertTrue(where, hits.isEmpty() || hits.get(0).score() < c.score());
                } else {
                    assertFalse(where, hits.isEmpty());
                    assertEquals(where, c.expect(), hits.get(0).entityId());
                    assertTrue(where, hits.get(0).score() >= c.score());
                }
                lines.add(Cases.line(i + 1, c.query().name(), hits));
            }
            List<List<Hit>> many = m.screenMany(qs);
            for (int i = 0; i < cs.size(); i++) {
                assertEquals(lines.get(i), Cases.line(i + 1, cs.get(i).query().name(), many.get(i)));
            }
        }
        String bin = System.getenv("NOMEN_TEST_CASES_BIN");
        if (bin == null || bin.isEmpty()) {
            if ("true".equals(System.getenv("CI"))) {
                fail("NOMEN_TEST_CASES_BIN is not set: cannot compare with the C hit lists");
            }
            System.out.println("NOMEN_TEST_CASES_BIN not set (ctest sets it): C comparison skipped");
            return;
        }
        ProcessBuilder pb = new ProcessBuilder(bin, "--print").directory(src.toFile());
        pb.environment().put("NOMEN_SOURCE_DIR", src.toString());
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor());
        List<String> want = Arrays.asList(out.split("\n"));
        assertEquals(want.size(), lines.size());
        for (int i = 0; i < want.size(); i++) {
            assertEquals("case " + (i + 1), want.get(i), lines.get(i));
        }
    }
}
