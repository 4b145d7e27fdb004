package dev.autoeditor.timeline.synth;

import dev.autoeditor.timeline.Rate;
import dev.autoeditor.timeline.Source;

/**
 * Makes the sources of one project: camera files, stills and generators, numbered {@code file-1,
 * file-2, ...} in creation order, with paths under a per-project media folder as real exports have.
 */
final class MediaPool {
    /** Stills report about twelve hours of virtual media, as Premiere's exports show. */
    static final long STILL_SECONDS = 12L * 3600;

    private final String project;
    private final Rate rate;
    private int nextFile = 1;

    MediaPool(String project, Rate rate) {
        this.project = project;
        this.rate = rate;
    }

    /** A video file of the given length (frames at the sequence rate) and pixel size. */
    Source.File video(String folder, String name, long durationFrames, int width, int height) {
        return new Source.File(nextId(), name, url(folder, name), durationFrames, rate, width, height, false);
    }

    /** A still image: about twelve hours of virtual media. */
    Source.File still(String folder, String name, int width, int height) {
        long duration = Math.round(STILL_SECONDS * rate.fps());
        return new Source.File(nextId(), name, url(folder, name), duration, rate, width, height, true);
    }

    /** A text generator (titles, lower thirds). */
    static Source.Generator text(String name) {
        return new Source.Generator("Text", name);
    }

    /** A colour matte generator (backgrounds of title cards). */
    static Source.Generator colorMatte() {
        return new Source.Generator("Color", "Color");
    }

    private String nextId() {
        return "file-" + nextFile++;
    }

    /** A file URL as exports write it, spaces percent-encoded. */
    private String url(String folder, String name) {
        return ("file://localhost/Volumes/Media/" + project + "/" + folder + "/" + name).replace(" ", "%20");
    }
}
