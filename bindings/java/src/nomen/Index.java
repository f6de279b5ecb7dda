/*
 * Index.java: an immutable compiled index, shared by any number of threads.
 * The C index is reference counted: each Matcher holds its own reference,
 * so closing the Index while matchers still screen is safe.
 */
package nomen;

import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** An immutable index: share it between threads, one Matcher per thread. */
public final class Index implements AutoCloseable {
    private final Handle handle;
    private final Cleaner.Cleanable cleanable;

    Index(long ptr) {
        Handle[] h = new Handle[1];
        cleanable = Handle.register(this, ptr, Native::indexFree, h);
        handle = h[0];
    }

    /** Map an index file written by {@link #save}. */
    public static Index load(String path) {
        final String op = "Index.load";
        if (path == null || path.isEmpty()) {
            throw new NomenException(NomenException.INVALID_ARG, op, "path is null or empty");
        }
        return new Index(Native.indexLoad(Text.cParam(op, "path", path)));
    }

    /*
     * Callers hold this index's lock from ptr() to the end of the native
     * call; close() takes the same lock, so it never frees the index midway.
     */
    long ptr(String op) {
        long p = handle.get();
        if (p == 0) {
            throw new NomenException(NomenException.STATE, op, "index is closed");
        }
        return p;
    }

    /** Write the index to a file that {@link #load} reads back. */
    public void save(String path) {
        final String op = "Index.save";
        if (path == null || path.isEmpty()) {
            throw new NomenException(NomenException.INVALID_ARG, op, "path is null or empty");
        }
        byte[] p = Text.cParam(op, "path", path);
        synchronized (this) {
            Native.indexSave(ptr(op), p);
        }
    }

    public synchronized long recordCount() {
        return Native.indexCount(ptr("Index.recordCount"), 0);
    }

    public synchronized long nameCount() {
        return Native.indexCount(ptr("Index.nameCount"), 1);
    }

    /** The provenance of every source list. */
    public synchronized List<ListInfo> lists() {
        long p = ptr("Index.lists");
        int n = (int) Native.indexCount(p, 2);
        List<ListInfo> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ByteBuffer b = ByteBuffer.wrap(Native.indexList(p, i)).order(ByteOrder.LITTLE_ENDIAN);
            String[] s = new String[5];
            for (int k = 0; k < 5; k++) {
                int len = b.getInt();
                if (len != -1) {
                    s[k] = new String(b.array(), b.position(), len, StandardCharsets.UTF_8);
                    b.position(b.position() + len);
                }
            }
            out.add(new ListInfo(s[0], s[1], s[2], s[3], s[4], b.getLong(), b.getLong()));
        }
        return Collections.unmodifiableList(out);
    }

    /** Drop this reference; matchers keep theirs. Idempotent. */
    @Override
    public synchronized void close() {
        cleanable.clean();
    }
}
