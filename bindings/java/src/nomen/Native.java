/*
 * Native.java: the JNI entry points of libnomen_jni (native/nomen_jni.c).
 * Text crosses as UTF-8 byte arrays (see Text), handles as longs. Only the
 * classes of this package call in, after checking for null and closed
 * handles, so the C side never sees either.
 */
package nomen;

final class Native {
    private Native() {}

    static {
        // -Dnomen.jni=/path/libnomen_jni.so wins; else java.library.path.
        String path = System.getProperty("nomen.jni");
        if (path != null && !path.isEmpty()) {
            System.load(new java.io.File(path).getAbsolutePath());
        } else {
            System.loadLibrary("nomen_jni");
        }
    }

    static native byte[] versionString(int which);

    static native byte[] statusString(int status);

    static native long heapInUse();

    static native long builderNew();

    static native void builderFree(long b);

    static native void builderSetStrict(long b, boolean strict);

    static native void builderAddPath(long b, byte[] path, byte[] format, byte[] listName);

    static native void builderAddMemory(
            long b, byte[] name, byte[] data, byte[] format, byte[] listName);

    static native long builderCount(long b, boolean skipped);

    static native byte[] builderSkipReport(long b);

    static native long indexBuild(long b);

    static native long indexLoad(byte[] path);

    static native void indexSave(long ix, byte[] path);

    static native void indexFree(long ix);

    static native long indexCount(long ix, int what);

    static native byte[] indexList(long ix, int i);

    static native long matcherNew(long ix);

    static native void matcherFree(long m);

    static native void matcherSetIndex(long m, long ix);

    static native void matcherSetOptions(long m, double threshold, long limit, boolean explain);

    static native double defaultOption(int which);

    static native byte[] matcherScreen(long m, byte[] name, byte[] dob, byte[] country, int type);

    static native byte[] matcherScreenMany(
            long m, byte[] text, long[] ends, int[] types, int rounds);
}
