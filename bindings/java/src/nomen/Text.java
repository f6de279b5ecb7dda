/*
 * Text.java: Java strings to and from the UTF-8 that libnomen reads and
 * writes. String.getBytes would silently turn an unpaired surrogate into
 * '?', screening a different name than the caller gave, so such strings
 * are refused with NOMEN_ERR_UTF8 as the C library refuses bad bytes.
 */
package nomen;

import java.nio.charset.StandardCharsets;

final class Text {
    private Text() {}

    /** UTF-8 of s; null stays null. */
    static byte[] utf8(String op, String what, String s) {
        if (s == null) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)
                    && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new NomenException(
                        NomenException.UTF8, op, what + ": unpaired surrogate at index " + i);
            }
        }
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A NUL-terminated C parameter: null or empty gives null, NUL is refused. */
    static byte[] cParam(String op, String what, String s) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        if (s.indexOf('\0') >= 0) {
            throw new NomenException(NomenException.INVALID_ARG, op, what + " holds a NUL character");
        }
        return utf8(op, what, s);
    }

    static String str(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
