/* Hit.java: one list subject that matched a query. */
package nomen;

import java.util.List;

/**
 * One hit; plain data, valid after the matcher screens again.
 *
 * @param score the score in [0, 1]
 * @param entityId the list's own identifier of the subject ("36136")
 * @param list the source list ("us-ofac-sdn")
 * @param name the subject's primary name
 * @param matchedName the name or alias that matched
 * @param type the subject's type
 * @param programs the designating programmes (unmodifiable)
 * @param explainJson the explanation as the C library writes it; null unless
 *     {@link Options#explain()} was set
 */
public record Hit(
        double score,
        String entityId,
        String list,
        String name,
        String matchedName,
        SubjectType type,
        List<String> programs,
        String explainJson) {
    /** The explanation, parsed; throws when none was asked for. */
    public Explanation explanation() {
        if (explainJson == null) {
            throw new NomenException(
                    NomenException.STATE,
                    "Hit.explanation",
                    "no explanation: set Options.explain before screening");
        }
        return Explanation.parse(explainJson);
    }
}
