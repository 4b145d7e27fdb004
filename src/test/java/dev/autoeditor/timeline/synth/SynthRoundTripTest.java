package dev.autoeditor.timeline.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.autoeditor.timeline.Project;
import dev.autoeditor.timeline.xmeml.XmemlReader;
import dev.autoeditor.timeline.xmeml.XmemlWriter;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** A synthetic project written as xmeml reads back as the same project. */
class SynthRoundTripTest {
    @Property(tries = 40)
    void writtenProjectsReadBackEqual(@ForAll long seed, @ForAll @IntRange(min = 0, max = 9999) int index,
                                      @ForAll SynthStyle style) {
        SynthOptions options = new SynthOptions(index + 1, seed, List.of(style), 20, 120);
        Project project = SynthGenerator.project(options, index);
        String xml = new XmemlWriter().toXml(project);
        Project read = new XmemlReader().read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)),
                project.name() + ".xml", project.name());
        assertEquals(project, read);
    }
}
