package dev.autoeditor.train;

import java.nio.file.Path;

/**
 * Whether and from where to resume: not at all, from the checkpoint folder's last checkpoint, or
 * from a given checkpoint (its .json, or a folder holding last.json).
 */
public record ResumeMode(boolean resume, Path path) {
    public static final ResumeMode NONE = new ResumeMode(false, null);
    public static final ResumeMode LATEST = new ResumeMode(true, null);

    public static ResumeMode from(Path checkpoint) {
        return new ResumeMode(true, checkpoint);
    }
}
