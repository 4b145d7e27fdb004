package dev.autoeditor.pipeline;

import java.util.List;

/**
 * One line of {@code auto-editor status}.
 *
 * @param phase the phase's name
 * @param state done, stale, pending (never run), interrupted or failed
 * @param reasons why it is not up to date (empty when done)
 * @param wouldRun whether a plain full-run would run it now
 * @param record what the manifest holds for it, or null
 */
public record PhaseStatus(String phase, String state, List<String> reasons, boolean wouldRun, PhaseRecord record) {}
