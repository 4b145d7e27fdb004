package dev.autoeditor.pipeline;

import java.util.List;
import java.util.Locale;

/**
 * One line of {@code auto-editor status}.
 *
 * @param phase the phase's name
 * @param state what the manifest and the current settings say of it
 * @param reasons why it is not up to date (empty when done); for a disabled phase, the switch
 * @param wouldRun whether a plain full-run would run it now
 * @param record what the manifest holds for it, or null
 */
public record PhaseStatus(String phase, State state, List<String> reasons, boolean wouldRun, PhaseRecord record) {
    /** Printed in lower case. */
    public enum State {
        /** Done with unchanged inputs and intact outputs. */
        DONE,
        /** Done, but its inputs or outputs changed since. */
        STALE,
        /** Never run. */
        PENDING,
        /** Started and not finished. */
        INTERRUPTED,
        FAILED,
        /** Switched off by the settings. */
        DISABLED;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
