package dev.autoeditor.pipeline;

import java.nio.file.Path;

/**
 * The model a model phase starts from.
 *
 * @param phase      the phase that made it (the last enabled model phase before the one running)
 * @param checkpoint its checkpoint JSON: best.json, else last.json, in that phase's model output
 */
public record ModelSource(String phase, Path checkpoint) {}
