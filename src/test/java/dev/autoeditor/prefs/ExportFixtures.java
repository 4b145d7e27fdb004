package dev.autoeditor.prefs;

import dev.autoeditor.timeline.Clip;
import dev.autoeditor.timeline.Crop;
import dev.autoeditor.timeline.Motion;
import dev.autoeditor.timeline.Param;
import dev.autoeditor.timeline.Project;
import dev.autoeditor.timeline.Rate;
import dev.autoeditor.timeline.Sequence;
import dev.autoeditor.timeline.Source;
import dev.autoeditor.timeline.TrackItem;
import dev.autoeditor.timeline.VideoTrack;
import dev.autoeditor.timeline.xmeml.XmemlWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Premiere XML exports for the import tests, written with the project's XmemlWriter: a context
 * export and two exports that continue it differently, at 25 fps (5 rows a second at 5 fps).
 *
 * <pre>
 * ctx.xml   V1: a.mov 0-4 s, b.mov 4-8 s, c.mov 8-12 s
 * side-a.xml V1: a.mov 0-4 s, b.mov 4-8 s, d.mov (UHD at scale 50: full frame) 8-12 s
 * side-b.xml V1: a.mov 0-4 s, b.mov 4-8 s, a.mov 8-8.2 s, e.mov 8.2-12 s
 * </pre>
 * side-b.xml gives e.mov the xmeml id ctx.xml gives c.mov ({@code file-3}), as Premiere numbers ids
 * per export: the import must match sources by path, not by id.
 */
public final class ExportFixtures {
    static final Rate PAL = new Rate(25, false);

    private ExportFixtures() {}

    static Source.File file(String id, String name, int width, int height) {
        return new Source.File(id, name, "file://localhost/media/" + name, 100_000, PAL, width, height, false);
    }

    static Clip clip(String id, Source.File source, long start, long end, double scale) {
        Motion m = new Motion(Param.constant(scale), Param.constant(0), Param.constant(0));
        return new Clip(id, source.name(), true, start, end, 1000 + start, 1000 + end, source, m, Crop.NONE, Set.of());
    }

    static Project project(String name, String sequence, Clip... clips) {
        List<TrackItem> items = new ArrayList<>(List.of(clips));
        return new Project(name, List.of(new Sequence("sequence-1", sequence, PAL, 1920, 1080, 0, List.of(new VideoTrack(true, items)))));
    }

    /** Writes ctx.xml, side-a.xml and side-b.xml into {@code dir}. */
    public static void write(Path dir) throws IOException {
        Source.File a = file("file-1", "a.mov", 1920, 1080);
        Source.File b = file("file-2", "b.mov", 1920, 1080);
        Source.File c = file("file-3", "c.mov", 1920, 1080);
        Source.File d = file("file-3", "d.mov", 3840, 2160);
        Source.File e = file("file-3", "e.mov", 1920, 1080);
        XmemlWriter w = new XmemlWriter();
        Files.createDirectories(dir);
        w.write(project("ctx", "Sequence 1", clip("c1", a, 0, 100, 100), clip("c2", b, 100, 200, 100), clip("c3", c, 200, 300, 100)),
                dir.resolve("ctx.xml"));
        w.write(project("side-a", "Sequence 1", clip("c1", a, 0, 100, 100), clip("c2", b, 100, 200, 100), clip("c3", d, 200, 300, 50)),
                dir.resolve("side-a.xml"));
        w.write(project("side-b", "Sequence 1", clip("c1", a, 0, 100, 100), clip("c2", b, 100, 200, 100), clip("c3", a, 200, 205, 100),
                clip("c4", e, 205, 300, 100)), dir.resolve("side-b.xml"));
        // An export whose context differs: b.mov replaced by c.mov from 4 s.
        w.write(project("differs", "Sequence 1", clip("c1", a, 0, 100, 100), clip("c2", c, 100, 300, 100)), dir.resolve("differs.xml"));
    }
}
