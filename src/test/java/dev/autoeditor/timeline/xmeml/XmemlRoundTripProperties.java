package dev.autoeditor.timeline.xmeml;

import dev.autoeditor.timeline.Keyframe;
import dev.autoeditor.timeline.Project;
import dev.autoeditor.timeline.TimelineArbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Reading what the writer wrote gives back an equal project, and the bytes are deterministic. */
class XmemlRoundTripProperties {
    private final XmemlWriter writer = new XmemlWriter();
    private final XmemlReader reader = new XmemlReader();

    @Provide
    Arbitrary<Project> projects() {
        return TimelineArbitraries.projects();
    }

    @Property(tries = 300)
    void writtenProjectsReadBackEqual(@ForAll("projects") Project project) {
        String xml = writer.toXml(project);
        Project back = reader.read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)),
                "generated.xml", project.name());
        assertEquals(project, back, xml);
        assertEquals(xml, writer.toXml(back), "writing the read project gives the same bytes");
    }

    @Provide
    Arbitrary<Project> wideProjects() {
        return TimelineArbitraries.projects(24);
    }

    /** Sequences with up to 24 video tracks keep every track, in order. */
    @Property(tries = 25)
    void manyTracksReadBackEqual(@ForAll("wideProjects") Project project) {
        String xml = writer.toXml(project);
        assertEquals(project, reader.read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)),
                "generated.xml", project.name()));
    }

    /** Handles at any angle survive the polar form FCP7 writes, to rounding. */
    @Property(tries = 500)
    void handlesRoundTripThroughPolarForm(@ForAll @DoubleRange(min = -500, max = 500) double dt,
                                          @ForAll @DoubleRange(min = -500, max = 500) double dv) {
        double angle = Math.atan2(dv, dt);
        boolean nearFlat = Math.abs(angle) < FcpBezier.FLAT_TOLERANCE
                || Math.abs(Math.abs(angle) - Math.PI) < FcpBezier.FLAT_TOLERANCE;
        Assume.that(Math.hypot(dt, dv) > 1e-6 && (dv == 0 || !nearFlat));
        Keyframe.Handle h = new Keyframe.Handle(dt, dv);
        double[] polar = FcpBezier.toPolar(h);
        Keyframe.Handle back = FcpBezier.fromPolar(Double.parseDouble(XmlOut.number(polar[0])),
                Double.parseDouble(XmlOut.number(polar[1])));
        double tolerance = 1e-12 * Math.hypot(dt, dv);
        assertEquals(dt, back.dt(), tolerance);
        assertEquals(dv, back.dv(), tolerance);
    }

    /** FCP7 writes pi as 3.14159: such handles are read as exactly flat. */
    @Property(tries = 100)
    void roundedPiIsFlat(@ForAll @DoubleRange(min = 0.25, max = 200) double length) {
        assertEquals(new Keyframe.Handle(-length, 0), FcpBezier.fromPolar(length, -3.14159));
        assertEquals(new Keyframe.Handle(-length, 0), FcpBezier.fromPolar(length, 3.14159));
        assertEquals(new Keyframe.Handle(length, 0), FcpBezier.fromPolar(length, 0));
    }
}
