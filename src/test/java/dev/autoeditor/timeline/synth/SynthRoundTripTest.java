package dev.autoeditor.timeline.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.autoeditor.timeline.Clip;
import dev.autoeditor.timeline.Project;
import dev.autoeditor.timeline.Source;
import dev.autoeditor.timeline.xmeml.XmemlReader;
import dev.autoeditor.timeline.xmeml.XmemlWriter;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** A synthetic project written as xmeml reads back as the same project. */
class SynthRoundTripTest {
    @Test
    void nestedTitleCardsReadBackEqual() {
        SynthOptions montages = new SynthOptions(200, 3, List.of(SynthStyle.MONTAGE), 20, 40);
        int nested = 0;
        for (int i = 0; i < montages.projects() && nested < 3; i++) {
            Project project = SynthGenerator.project(montages, i);
            boolean hasNested = project.sequences().get(0).tracks().stream()
                    .flatMap(t -> t.items().stream())
                    .anyMatch(item -> item instanceof Clip c && c.source() instanceof Source.Nested);
            if (!hasNested) continue;
            nested++;
            assertEquals(project, roundTrip(project));
        }
        assertEquals(3, nested, "montages with a nested title card");
    }

    private static Project roundTrip(Project project) {
        String xml = new XmemlWriter().toXml(project);
        return new XmemlReader().read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)),
                project.name() + ".xml", project.name());
    }

    @Property(tries = 40)
    void writtenProjectsReadBackEqual(@ForAll long seed, @ForAll @IntRange(min = 0, max = 9999) int index,
                                      @ForAll SynthStyle style) {
        SynthOptions options = new SynthOptions(index + 1, seed, List.of(style), 20, 120);
        Project project = SynthGenerator.project(options, index);
        assertEquals(project, roundTrip(project));
    }
}
