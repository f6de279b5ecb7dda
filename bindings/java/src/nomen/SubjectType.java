/* SubjectType.java: the subject types of queries and records (NOMEN_SUBJECT_*). */
package nomen;

/** What a query or a list record is about. */
public enum SubjectType {
    ANY(0, "any"),
    INDIVIDUAL(1, "individual"),
    ENTITY(2, "entity"),
    VESSEL(3, "vessel"),
    AIRCRAFT(4, "aircraft");

    final int code;
    private final String label;

    SubjectType(int code, String label) {
        this.code = code;
        this.label = label;
    }

    /** The C library's name: "individual", "entity", ... */
    public String label() {
        return label;
    }

    /** The type of a C code; ANY for codes this binding does not know. */
    static SubjectType of(int code) {
        for (SubjectType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return ANY;
    }

    /** Read "individual", "entity", "vessel", "aircraft" or "any". */
    public static SubjectType parse(String label) {
        if (label == null) {
            throw new NomenException(NomenException.INVALID_ARG, "SubjectType.parse", "null");
        }
        for (SubjectType t : values()) {
            if (t.label.equals(label)) {
                return t;
            }
        }
        throw new NomenException(
                NomenException.NOT_FOUND, "SubjectType.parse", "unknown subject type " + label);
    }
}
