package dev.autoeditor.pipeline;

import dev.autoeditor.util.UserException;
import java.util.ArrayList;
import java.util.List;

/**
 * Which phases a run considers: all of them, those from one phase on ({@code --from}), or one alone
 * ({@code --only}). {@code force} redoes the considered phases even when they are up to date.
 */
public record Selection(String from, String only, boolean force) {
    public static Selection all() {
        return new Selection(null, null, false);
    }

    /** The names of the considered phases, in order; unknown names are an error listing the phases. */
    List<String> choose(List<Phase> phases) {
        if (from != null && only != null) throw new UserException("use --from or --only, not both");
        List<String> names = new ArrayList<>();
        for (Phase p : phases) names.add(p.name());
        for (String wanted : new String[] {from, only}) {
            if (wanted != null && !names.contains(wanted)) {
                throw new UserException("unknown phase '" + wanted + "'; phases: " + String.join(", ", names));
            }
        }
        if (only != null) return List.of(only);
        if (from != null) return names.subList(names.indexOf(from), names.size());
        return names;
    }
}
