package dev.autoeditor.timeline.xmeml;

import dev.autoeditor.timeline.Clip;
import dev.autoeditor.timeline.Crop;
import dev.autoeditor.timeline.Keyframe;
import dev.autoeditor.timeline.Motion;
import dev.autoeditor.timeline.Param;
import dev.autoeditor.timeline.Project;
import dev.autoeditor.timeline.Rate;
import dev.autoeditor.timeline.Sequence;
import dev.autoeditor.timeline.Source;
import dev.autoeditor.timeline.Transition;
import dev.autoeditor.timeline.VideoTrack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The exact bytes of one small written project. To regenerate after a deliberate format change, run
 * with {@code -Dautoeditor.updateGolden=true} and review the diff.
 */
class XmemlWriterGoldenTest {
    private static final Path GOLDEN = Path.of("src/test/resources/xmeml/golden/small-project.xml");

    static Project smallProject() {
        Rate ntsc24 = new Rate(24, true);
        Source.File interview = new Source.File("file-1", "interview & b-roll.mov", "file://localhost/media/interview.mov",
                43_200, ntsc24, 3840, 2160, false);
        Source.File photo = new Source.File("file-2", "photo.png", "file://localhost/media/photo.png",
                1_035_764, ntsc24, 1920, 1080, true);
        Motion pushIn = new Motion(
                new Param(100, List.of(new Keyframe(100, 100, null, new Keyframe.Handle(12.5, 0)),
                        new Keyframe(160, 150, new Keyframe.Handle(-12.5, 0), null))),
                new Param(0, List.of(Keyframe.linear(100, 0), Keyframe.linear(160, 0.125))),
                new Param(0, List.of(Keyframe.linear(100, 0), Keyframe.linear(160, -0.0625))));
        Clip first = new Clip("clipitem-1", "interview & b-roll.mov", true, 0, -1, 100, 196, interview, pushIn,
                Crop.NONE, Set.of());
        Transition dissolve = new Transition(84, 96, Transition.Alignment.CENTER, 6, "Cross Dissolve", "Cross Dissolve");
        Clip second = new Clip("clipitem-2", "photo.png", true, -1, 180, 0, 96, photo,
                new Motion(Param.constant(50), Param.constant(-0.25), Param.constant(0.25)),
                new Crop(Param.constant(10), Param.constant(0), Param.constant(0), Param.constant(5)),
                Set.of(Clip.Unsupported.ROTATION));
        Clip again = new Clip("clipitem-3", "interview & b-roll.mov", false, 180, 240, 400, 460, interview,
                Motion.IDENTITY, Crop.NONE, Set.of(Clip.Unsupported.SPEED));
        Sequence inner = new Sequence("sequence-2", "Inner", new Rate(25, false), 1280, 720, 0,
                List.of(new VideoTrack(true, List.of(new Clip("clipitem-4", "interview & b-roll.mov", true, 0, 50, 0, 50,
                        interview, Motion.IDENTITY, Crop.NONE, Set.of())))));
        Clip nestedClip = new Clip("clipitem-5", "Inner", true, 0, 48, 0, 48,
                new Source.Nested("sequence-2", "Inner", inner), Motion.IDENTITY, Crop.NONE, Set.of());
        Clip matte = new Clip("clipitem-6", "Blue Matte", true, 48, 96, 0, 48, new Source.Generator("Color", "Color"),
                Motion.IDENTITY, Crop.NONE, Set.of());
        Clip camera = new Clip("clipitem-7", "Interview MC", true, 96, 144, 500, 548,
                new Source.Multicam("mc-1", "Interview MC"), Motion.IDENTITY, Crop.NONE, Set.of());
        Sequence main = new Sequence("sequence-1", "Golden \"small\" project", ntsc24, 1920, 1080, 240, List.of(
                new VideoTrack(true, List.of(first, dissolve, second, again)),
                new VideoTrack(false, List.of(nestedClip, matte, camera))));
        return new Project("small-project", List.of(main));
    }

    @Test
    void writtenBytesMatchTheGoldenFile(@TempDir Path dir) throws IOException {
        Path written = dir.resolve("small-project.xml");
        new XmemlWriter().write(smallProject(), written);
        byte[] bytes = Files.readAllBytes(written);
        if (Boolean.getBoolean("autoeditor.updateGolden")) {
            Files.createDirectories(GOLDEN.getParent());
            Files.write(GOLDEN, bytes);
        }
        assertArrayEquals(Files.readAllBytes(GOLDEN), bytes, () -> new String(bytes, StandardCharsets.UTF_8));
        assertFalse(Files.exists(dir.resolve(".small-project.xml.tmp")), "the temporary file is gone");
    }

    @Test
    void theGoldenFileReadsBackAsTheProject() {
        assertEquals(smallProject(), new XmemlReader().read(GOLDEN));
    }
}
