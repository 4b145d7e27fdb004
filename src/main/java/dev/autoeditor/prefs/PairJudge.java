package dev.autoeditor.prefs;

import java.util.Locale;

/**
 * Who chose between a pair's two continuations: a person at the terminal ({@code prefs collect}),
 * a file made elsewhere ({@code prefs import}), or a rule-based judge ({@code prefs simulate}); and
 * which one ({@code id}: a person's name, the imported file's name, or the judge's settings).
 */
public record PairJudge(Kind kind, String id) {
    public enum Kind {
        PERSON, IMPORT, RULE;

        /** The name in a pair file: person, import or rule. */
        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The kind a pair file names; IllegalArgumentException for any other text. */
        public static Kind fromJson(String text) {
            for (Kind k : values()) if (k.jsonName().equals(text)) return k;
            throw new IllegalArgumentException("'" + text + "' is not a judge kind; use person, import or rule");
        }
    }

    public PairJudge {
        if (kind == null) throw new IllegalArgumentException("a judge needs a kind (person, import or rule)");
        if (id == null || id.isBlank()) throw new IllegalArgumentException("a judge needs an id (a name, a file or the rule judge's settings)");
    }
}
