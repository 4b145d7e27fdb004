package dev.autoeditor.timeline.xmeml;

import dev.autoeditor.timeline.Clip;
import dev.autoeditor.timeline.Project;
import dev.autoeditor.timeline.Sequence;
import dev.autoeditor.timeline.TrackItem;
import dev.autoeditor.timeline.Transition;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;

/** The xmeml fixtures under src/test/resources/xmeml, and small accessors for tests. */
public final class Fixtures {
    private Fixtures() {}

    /** Path of a fixture, e.g. {@code path("ntsc.xml")}. */
    public static Path path(String name) {
        URL url = Fixtures.class.getResource("/xmeml/" + name);
        if (url == null) throw new IllegalArgumentException("no fixture " + name);
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Project read(String name) {
        return new XmemlReader().read(path(name));
    }

    public static List<Clip> clips(Sequence s, int trackIndex) {
        return s.tracks().get(trackIndex).items().stream()
                .filter(Clip.class::isInstance).map(Clip.class::cast).toList();
    }

    public static List<Transition> transitions(Sequence s, int trackIndex) {
        return s.tracks().get(trackIndex).items().stream()
                .filter(Transition.class::isInstance).map(Transition.class::cast).toList();
    }

    public static List<TrackItem> items(Sequence s, int trackIndex) {
        return s.tracks().get(trackIndex).items();
    }
}
