/* Query.java: one screening request; only the name is required. */
package nomen;

/**
 * One screening request.
 *
 * @param name the name, as a payment or customer file carries it (required)
 * @param dob date of birth "1955-11-24", "1955-11" or "1955"; null when unknown
 * @param country ISO 3166-1 alpha-2 code or a country name; null when unknown
 * @param type the subject type; null or ANY when unknown
 */
public record Query(String name, String dob, String country, SubjectType type) {
    /** A query of a name alone. */
    public static Query of(String name) {
        return new Query(name, null, null, SubjectType.ANY);
    }

    public Query withDob(String dob) {
        return new Query(name, dob, country, type);
    }

    public Query withCountry(String country) {
        return new Query(name, dob, country, type);
    }

    public Query withType(SubjectType type) {
        return new Query(name, dob, country, type);
    }
}
