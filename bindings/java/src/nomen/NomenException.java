/*
 * NomenException.java: every failure of the binding: the C status code, the
 * operation and the C library's message ("sdn.csv:12:3: ..."). It is
 * unchecked, like IllegalArgumentException, since most statuses are caller
 * errors; catch it where lists are loaded and names screened.
 */
package nomen;

import java.nio.charset.StandardCharsets;

/** A nomen failure: {@link #status()} is one of the constants below. */
public class NomenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The status codes of nomen.h (never renumbered). */
    public static final int NOMEM = 1,
            INVALID_ARG = 2,
            UTF8 = 3,
            IO = 4,
            PARSE = 5,
            FORMAT = 6,
            ICU = 7,
            LIMIT = 8,
            VERSION = 9,
            STATE = 10,
            NOT_FOUND = 11,
            ENCODING = 12,
            INTERNAL = 13;

    private final int status;
    private final String op;
    private final String detail;
    private final int query;

    public NomenException(int status, String op, String detail) {
        this(status, op, detail, -1);
    }

    public NomenException(int status, String op, String detail, int query) {
        super(format(status, op, detail, query));
        this.status = status;
        this.op = op;
        this.detail = detail == null ? "" : detail;
        this.query = query;
    }

    /* Called from C, with the message as UTF-8 bytes. */
    NomenException(int status, String op, byte[] detail, int query) {
        this(status, op, new String(detail, StandardCharsets.UTF_8), query);
    }

    private static String format(int status, String op, String detail, int query) {
        StringBuilder s = new StringBuilder("nomen: ").append(op).append(": ");
        s.append(statusName(status));
        if (detail != null && !detail.isEmpty()) {
            s.append(": ").append(detail);
        }
        if (query >= 0) {
            s.append(" (query ").append(query).append(')');
        }
        return s.toString();
    }

    /** The C library's description of a status ("invalid UTF-8", ...). */
    public static String statusName(int status) {
        return Text.str(Native.statusString(status));
    }

    /** The status code (NOMEM, INVALID_ARG, UTF8, ...). */
    public int status() {
        return status;
    }

    /** The operation that failed ("Builder.addPath"). */
    public String operation() {
        return op;
    }

    /** The C library's message for the failure; may be empty. */
    public String detail() {
        return detail;
    }

    /** Matcher.screenMany: the number of the query that failed; else -1. */
    public int query() {
        return query;
    }
}
