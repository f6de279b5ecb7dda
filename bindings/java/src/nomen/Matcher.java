/*
 * Matcher.java: screens queries against an index; one per thread. A screen
 * is one JNI call that returns every hit packed in a byte array (layout in
 * bindings/go/glue.c), decoded here in one pass. The methods are
 * synchronized: a matcher shared by mistake serializes, never corrupts.
 */
package nomen;

import java.io.ByteArrayOutputStream;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.RandomAccess;

/** Screens names against an Index. Create one per thread; close it when done. */
public final class Matcher implements AutoCloseable {
    private final Handle handle;
    private final Cleaner.Cleanable cleanable;

    /** A matcher on ix (it takes its own reference to the index). */
    public Matcher(Index ix) {
        if (ix == null) {
            throw new NomenException(NomenException.INVALID_ARG, "Matcher.new", "index is null");
        }
        long p;
        synchronized (ix) {
            p = Native.matcherNew(ix.ptr("Matcher.new"));
        }
        Handle[] h = new Handle[1];
        cleanable = Handle.register(this, p, Native::matcherFree, h);
        handle = h[0];
    }

    private long ptr(String op) {
        long p = handle.get();
        if (p == 0) {
            throw new NomenException(NomenException.STATE, op, "matcher is closed");
        }
        return p;
    }

    /** Set the threshold, limit and explanations of later screens. */
    public synchronized Matcher setOptions(Options o) {
        final String op = "Matcher.setOptions";
        if (o == null) {
            throw new NomenException(NomenException.INVALID_ARG, op, "options are null");
        }
        if (o.limit() < 0) {
            throw new NomenException(NomenException.INVALID_ARG, op, "negative limit");
        }
        Native.matcherSetOptions(ptr(op), o.threshold(), o.limit(), o.explain());
        return this;
    }

    /** Move to another index (a list update) between two screens. */
    public synchronized Matcher setIndex(Index ix) {
        final String op = "Matcher.setIndex";
        if (ix == null) {
            throw new NomenException(NomenException.INVALID_ARG, op, "index is null");
        }
        long p = ptr(op);
        synchronized (ix) {
            Native.matcherSetIndex(p, ix.ptr(op));
        }
        return this;
    }

    /**
     * Screen one query; hits best first, as an immutable list whose Hit objects are made when
     * it is first read.
     */
    public synchronized List<Hit> screen(Query q) {
        final String op = "Matcher.screen";
        if (q == null || q.name() == null) {
            throw new NomenException(NomenException.INVALID_ARG, op, "query or name is null");
        }
        byte[] packed =
                Native.matcherScreen(
                        ptr(op),
                        Text.utf8(op, "name", q.name()),
                        Text.utf8(op, "date of birth", q.dob()),
                        Text.utf8(op, "country", q.country()),
                        q.type() == null ? 0 : q.type().code);
        return unpack(packed, 1).get(0);
    }

    /** Screen a name alone. */
    public List<Hit> screen(String name) {
        if (name == null) {
            throw new NomenException(NomenException.INVALID_ARG, "Matcher.screen", "name is null");
        }
        return screen(Query.of(name));
    }

    /** Screen a name given as UTF-8 bytes (invalid UTF-8 throws, status UTF8). */
    public synchronized List<Hit> screenUtf8(byte[] name) {
        final String op = "Matcher.screenUtf8";
        if (name == null) {
            throw new NomenException(NomenException.INVALID_ARG, op, "name is null");
        }
        return unpack(Native.matcherScreen(ptr(op), name, null, null, 0), 1).get(0);
    }

    /**
     * Screen a batch in one native call; result i holds the hits of queries[i] (immutable
     * lists, each decoded when first read).
     * On failure the exception's {@link NomenException#query()} says which query failed.
     */
    public synchronized List<List<Hit>> screenMany(List<Query> queries) {
        final String op = "Matcher.screenMany";
        Batch b = new Batch(op, queries);
        if (b.types.length == 0) {
            return List.of();
        }
        return unpack(Native.matcherScreenMany(ptr(op), b.text, b.ends, b.types, 0), b.types.length);
    }

    /**
     * For benchmarks: screen the queries rounds times from C alone (no Java in
     * the loop) and return the seconds taken, the figure to set beside this
     * binding's.
     */
    public synchronized double timeInC(List<Query> queries, int rounds) {
        final String op = "Matcher.timeInC";
        Batch b = new Batch(op, queries);
        if (rounds <= 0 || b.types.length == 0) {
            throw new NomenException(NomenException.INVALID_ARG, op, "no queries or rounds");
        }
        byte[] r = Native.matcherScreenMany(ptr(op), b.text, b.ends, b.types, rounds);
        return ByteBuffer.wrap(r).order(ByteOrder.LITTLE_ENDIAN).getDouble();
    }

    /** Free the matcher (its index reference too). Idempotent. */
    @Override
    public synchronized void close() {
        cleanable.clean();
    }

    /* Queries packed as the C side reads them (glue.h, nomen_go_screen_many). */
    private static final class Batch {
        final byte[] text;
        final long[] ends;
        final int[] types;

        Batch(String op, List<Query> queries) {
            if (queries == null) {
                throw new NomenException(NomenException.INVALID_ARG, op, "queries are null");
            }
            int n = queries.size();
            ByteArrayOutputStream t = new ByteArrayOutputStream(32 * n + 1);
            ends = new long[3 * n];
            types = new int[n];
            for (int i = 0; i < n; i++) {
                Query q = queries.get(i);
                if (q == null || q.name() == null) {
                    throw new NomenException(
                            NomenException.INVALID_ARG, op, "query or name is null", i);
                }
                String[] f = {q.name(), q.dob(), q.country()};
                for (int k = 0; k < 3; k++) {
                    byte[] u;
                    try {
                        u = Text.utf8(op, "query text", f[k]);
                    } catch (NomenException e) {
                        throw new NomenException(e.status(), op, e.detail(), i);
                    }
                    if (u != null) {
                        t.writeBytes(u);
                    }
                    ends[3 * i + k] = t.size();
                }
                types[i] = q.type() == null ? 0 : q.type().code;
            }
            text = t.toByteArray();
        }
    }

    /**
     * The hit lists of n queries from the packed form (bindings/go/glue.c) and the
     * trailer the JNI side appends: for each query, u32 start and u32 count. A query's Hit
     * objects and their strings are made when its list is first read (LazyHits), so a
     * caller who only asks {@code isEmpty()} or {@code size()} makes none.
     */
    private static List<List<Hit>> unpack(byte[] data, int n) {
        int hitsEnd = data.length - 8 * n;
        ByteBuffer t = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        List<List<Hit>> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int start = t.getInt(hitsEnd + 8 * i), count = t.getInt(hitsEnd + 8 * i + 4);
            int end = i + 1 < n ? t.getInt(hitsEnd + 8 * (i + 1)) : hitsEnd;
            out.add(count == 0 ? List.of() : new LazyHits(data, start, end, count));
        }
        return Collections.unmodifiableList(out);
    }

    /** One query's hits, decoded from the packed bytes on first read; immutable. */
    private static final class LazyHits extends AbstractList<Hit> implements RandomAccess {
        private final byte[] data;
        private final int start, end, count;
        private volatile List<Hit> hits;

        LazyHits(byte[] data, int start, int end, int count) {
            this.data = data;
            this.start = start;
            this.end = end;
            this.count = count;
        }

        private List<Hit> hits() {
            List<Hit> h = hits;
            if (h == null) {
                Hit[] a = new Hit[count];
                ByteBuffer b = ByteBuffer.wrap(data, start, end - start).order(ByteOrder.LITTLE_ENDIAN);
                for (int i = 0; i < count; i++) {
                    SubjectType type = SubjectType.of(b.getInt());
                    double score = b.getDouble();
                    int np = b.getInt();
                    String id = str(b), list = str(b), name = str(b), matched = str(b), explain = str(b);
                    String[] progs = new String[np];
                    for (int k = 0; k < np; k++) {
                        progs[k] = str(b);
                    }
                    a[i] = new Hit(score, id, list, name, matched, type, List.of(progs), explain);
                }
                h = List.of(a);
                hits = h; // List.of is immutable with final fields: safe to publish
            }
            return h;
        }

        @Override
        public Hit get(int i) {
            return hits().get(i);
        }

        @Override
        public int size() {
            return count;
        }
    }

    private static String str(ByteBuffer b) {
        int len = b.getInt();
        if (len == -1) {
            return null;
        }
        String s = new String(b.array(), b.position(), len, StandardCharsets.UTF_8);
        b.position(b.position() + len);
        return s;
    }
}
