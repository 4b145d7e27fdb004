package dev.autoeditor.pipeline;

import java.nio.file.Path;

/**
 * A model of the run: the one a model phase starts from ({@link PhaseContext#sourceModel()}), or the
 * run's final model ({@link RunLayout#finalModelOf}).
 *
 * @param phase      the phase that made it
 * @param checkpoint its checkpoint JSON: best.json, else last.json, in that phase's model output
 */
public record ModelSource(String phase, Path checkpoint) {}
