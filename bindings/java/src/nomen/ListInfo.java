/* ListInfo.java: the provenance of one source list of an index. */
package nomen;

/**
 * The provenance of one source list.
 *
 * @param name the list's name in hits ("us-ofac-sdn")
 * @param format its format ("ofac-csv")
 * @param path the path as given to the builder
 * @param date its publication date, null when the file has none
 * @param checksum 16 hex digits
 * @param records records loaded
 * @param skipped records skipped (lenient loading)
 */
public record ListInfo(
        String name,
        String format,
        String path,
        String date,
        String checksum,
        long records,
        long skipped) {}
