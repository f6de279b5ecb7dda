/*
 * Builder.java: loads lists (files, folders, memory) and builds an Index.
 * One thread at a time; the methods are synchronized so that misuse from
 * two threads serializes instead of corrupting the C builder.
 */
package nomen;

import java.lang.ref.Cleaner;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** Loads lists and builds indexes. Use from one thread at a time. */
public final class Builder implements AutoCloseable {
    private final Handle handle;
    private final Cleaner.Cleanable cleanable;

    /** An empty builder; close it when done. */
    public Builder() {
        Handle[] h = new Handle[1];
        long p = Native.builderNew();
        cleanable = Handle.register(this, p, Native::builderFree, h);
        handle = h[0];
    }

    private long ptr(String op) {
        long p = handle.get();
        if (p == 0) {
            throw new NomenException(NomenException.STATE, op, "builder is closed");
        }
        return p;
    }

    /** Strict: a bad record fails the whole load. Default: skipped and reported. */
    public synchronized Builder setStrict(boolean strict) {
        Native.builderSetStrict(ptr("Builder.setStrict"), strict);
        return this;
    }

    /**
     * Load a list file or a folder holding an official set.
     *
     * @param path the file or folder
     * @param format null to detect it, or "ofac-csv", "generic-csv", ...
     * @param listName null for the list's own short name
     */
    public synchronized Builder addPath(String path, String format, String listName) {
        final String op = "Builder.addPath";
        if (path == null || path.isEmpty()) {
            throw new NomenException(NomenException.INVALID_ARG, op, "path is null or empty");
        }
        Native.builderAddPath(
                ptr(op),
                Text.cParam(op, "path", path),
                Text.cParam(op, "format", format),
                Text.cParam(op, "list name", listName));
        return this;
    }

    /** Load a list file or folder, its format detected, under its own name. */
    public Builder addPath(String path) {
        return addPath(path, null, null);
    }

    /** Load a list held in memory; name is used in messages. data is not kept. */
    public synchronized Builder addMemory(String name, byte[] data, String format, String listName) {
        final String op = "Builder.addMemory";
        Objects.requireNonNull(data, "data");
        if (name == null || name.isEmpty()) {
            throw new NomenException(NomenException.INVALID_ARG, op, "name is null or empty");
        }
        Native.builderAddMemory(
                ptr(op),
                Text.cParam(op, "name", name),
                data,
                Text.cParam(op, "format", format),
                Text.cParam(op, "list name", listName));
        return this;
    }

    /** addMemory for a list held in a String (encoded as UTF-8). */
    public Builder addString(String name, String data, String format, String listName) {
        Objects.requireNonNull(data, "data");
        return addMemory(name, data.getBytes(StandardCharsets.UTF_8), format, listName);
    }

    public synchronized long recordCount() {
        return Native.builderCount(ptr("Builder.recordCount"), false);
    }

    public synchronized long skippedCount() {
        return Native.builderCount(ptr("Builder.skippedCount"), true);
    }

    /** One line per skipped record ("file:line:col: reason"); "" when none. */
    public synchronized String skipReport() {
        return Text.str(Native.builderSkipReport(ptr("Builder.skipReport")));
    }

    /** An immutable index of every list added so far; the builder stays usable. */
    public synchronized Index build() {
        return new Index(Native.indexBuild(ptr("Builder.build")));
    }

    /** Free the builder; later calls throw. Idempotent. */
    @Override
    public synchronized void close() {
        cleanable.clean();
    }
}
