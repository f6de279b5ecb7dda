/* Nomen.java: library-wide facts (versions); no state. */
package nomen;

/** Versions of the linked library. */
public final class Nomen {
    private Nomen() {}

    /** The library's version ("0.1.0"). */
    public static String version() {
        return Text.str(Native.versionString(0));
    }

    /** The Unicode version of the ICU the library runs on ("15.0"). */
    public static String unicodeVersion() {
        return Text.str(Native.versionString(1));
    }

    /** The ICU version ("72.1"). */
    public static String icuVersion() {
        return Text.str(Native.versionString(2));
    }

    /** C heap bytes in use (glibc mallinfo2), for leak tests; 0 elsewhere. */
    public static long nativeHeapInUse() {
        return Native.heapInUse();
    }
}
