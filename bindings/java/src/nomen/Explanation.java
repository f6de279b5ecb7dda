/* Explanation.java: why a hit scored what it scored, parsed from the C JSON. */
package nomen;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A hit's explanation (see nomen_hit_explain_json in nomen.h).
 *
 * @param score the hit's score
 * @param nameScore the name's score before secondary evidence
 * @param view "tokens" or "syllables": which comparison gave the name score
 * @param tokenScore the token view's score
 * @param syllableScore the syllable view's score; null when not compared so
 * @param matchedName the list name that matched
 * @param nameKind the kind of that name (primary, alias, ...)
 * @param weakAlias whether the list marks it as a weak alias
 * @param tokens the token pairs and how each matched (the token view's pairing;
 *     when the syllable view decided, the C JSON holds it under "token_view",
 *     and it is read from there)
 * @param unmatchedQuery query tokens left without a partner
 * @param unmatchedList list tokens left without a partner
 * @param syllables how syllables met their counterparts (may be empty)
 * @param evidence date of birth, country and type evidence
 * @param json the whole object, as maps and lists
 */
public record Explanation(
        double score,
        double nameScore,
        String view,
        double tokenScore,
        Double syllableScore,
        String matchedName,
        String nameKind,
        boolean weakAlias,
        List<TokenPair> tokens,
        List<String> unmatchedQuery,
        List<String> unmatchedList,
        List<String> syllables,
        Evidence evidence,
        Map<String, Object> json) {

    /** One query token matched to one list token. */
    public record TokenPair(
            String query,
            String list,
            String how,
            double similarity,
            double contribution,
            double weight,
            boolean familyName) {}

    /** One attribute of the query against the list's: effect is "agrees", "contradicts" or "unknown". */
    public record Item(String query, String list, String effect) {}

    /** Secondary evidence; an item is null when the query did not give it. */
    public record Evidence(double factor, Item dob, Item country, Item type) {}

    @SuppressWarnings("unchecked")
    static Explanation parse(String text) {
        Object v = Json.parse(text);
        if (!(v instanceof Map)) {
            throw new NomenException(NomenException.PARSE, "Explanation", "not a JSON object");
        }
        Map<String, Object> o = (Map<String, Object>) v;
        Map<String, Object> tv = o.get("token_view") instanceof Map ? (Map<String, Object>) o.get("token_view") : o;
        List<TokenPair> tokens = new ArrayList<>();
        for (Object t : list(tv, "tokens")) {
            Map<String, Object> p = (Map<String, Object>) t;
            tokens.add(
                    new TokenPair(
                            str(p, "query"),
                            str(p, "list"),
                            str(p, "how"),
                            num(p, "similarity"),
                            num(p, "contribution"),
                            num(p, "weight"),
                            Boolean.TRUE.equals(p.get("family_name"))));
        }
        Map<String, Object> ev = o.get("evidence") instanceof Map ? (Map<String, Object>) o.get("evidence") : Map.of();
        return new Explanation(
                num(o, "score"),
                num(o, "name_score"),
                str(o, "view"),
                num(o, "token_score"),
                o.get("syllable_score") instanceof Double d ? d : null,
                str(o, "matched_name"),
                str(o, "name_kind"),
                Boolean.TRUE.equals(o.get("weak_alias")),
                Collections.unmodifiableList(tokens),
                strings(tv, "unmatched_query"),
                strings(tv, "unmatched_list"),
                strings(o, "syllables"),
                new Evidence(num(ev, "factor"), item(ev, "dob"), item(ev, "country"), item(ev, "type")),
                Collections.unmodifiableMap(o));
    }

    @SuppressWarnings("unchecked")
    private static Item item(Map<String, Object> ev, String key) {
        if (!(ev.get(key) instanceof Map)) {
            return null;
        }
        Map<String, Object> j = (Map<String, Object>) ev.get(key);
        return new Item(str(j, "query"), str(j, "list"), str(j, "effect"));
    }

    private static String str(Map<String, Object> o, String k) {
        return o.get(k) instanceof String s ? s : null;
    }

    private static double num(Map<String, Object> o, String k) {
        return o.get(k) instanceof Double d ? d : Double.NaN;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Map<String, Object> o, String k) {
        return o.get(k) instanceof List ? (List<Object>) o.get(k) : List.of();
    }

    private static List<String> strings(Map<String, Object> o, String k) {
        List<String> out = new ArrayList<>();
        for (Object x : list(o, k)) {
            out.add(String.valueOf(x));
        }
        return Collections.unmodifiableList(out);
    }
}
