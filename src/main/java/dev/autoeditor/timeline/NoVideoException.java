package dev.autoeditor.timeline;

import dev.autoeditor.util.UserException;

/**
 * A file that is readable xmeml but holds nothing to learn from: no sequence, or no clip on any video
 * track (an audio-only or empty export). Conversion reports it as skipped, not as a failure, so a
 * folder of real exports, which often holds a few such files, still converts completely.
 */
public final class NoVideoException extends UserException {
    public NoVideoException(String message) {
        super(message);
    }
}
