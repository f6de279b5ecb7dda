/* Options.java: matcher options (nomen_options). */
package nomen;

/**
 * Matcher options; start from {@link #defaults()}.
 *
 * @param threshold lowest score reported, in [0, 1]
 * @param limit most hits reported, best first; 0 for no limit
 * @param explain build each hit's explanation (costs time)
 */
public record Options(double threshold, int limit, boolean explain) {
    /** The library's defaults (threshold 0.80, limit 10, no explanations). */
    public static Options defaults() {
        return new Options(Native.defaultOption(0), (int) Native.defaultOption(1), false);
    }

    public Options withThreshold(double threshold) {
        return new Options(threshold, limit, explain);
    }

    public Options withLimit(int limit) {
        return new Options(threshold, limit, explain);
    }

    public Options withExplain(boolean explain) {
        return new Options(threshold, limit, explain);
    }
}
