package dev.autoeditor.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autoeditor.util.UserException;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The timeline picture draws what the keyframe CSV says, where it says it. */
class TimelinePictureTest {
    @TempDir
    Path tmp;

    @Test
    void clipsCutsAndScaleAreDrawnAtTheirTimesAndTracks() throws Exception {
        // 10 frames at 5 fps (2 s): V1 shows source 0 then source 1 from 1.0 s; V2 shows source 2 from 0.4 s to 0.8 s.
        Path csv = FramesCsv.write(tmp.resolve("a.csv"), "p", "s", 5, 0, "0000011111", "--22------");
        TimelineFrames frames = TimelineFrames.read(csv, null);
        assertEquals(10, frames.frames());
        assertEquals(2, frames.highestTrack());
        TimelinePicture picture = new TimelinePicture(600, 18, null);
        List<TimelinePicture.Panel> panels = List.of(new TimelinePicture.Panel("truth", frames));
        BufferedImage img = picture.render(panels);
        TimelinePicture.Geometry geo = picture.geometry(panels);
        assertEquals(0.0, geo.start(), 1e-9);
        assertEquals(2.0, geo.end(), 1e-9);
        int v1 = geo.laneTop(0, 0);
        int v2 = geo.laneTop(0, 1);
        assertTrue(v2 < v1, "V1 is the bottom lane");

        assertEquals(TimelinePicture.colour(0), at(img, geo.x(0.5), v1 + 3), "source 0 on V1 at 0.5 s");
        assertEquals(TimelinePicture.colour(1), at(img, geo.x(1.5), v1 + 3), "source 1 on V1 at 1.5 s");
        assertEquals(TimelinePicture.colour(2), at(img, geo.x(0.6), v2 + 3), "source 2 on V2 at 0.6 s");
        assertNotEquals(TimelinePicture.colour(2), at(img, geo.x(1.5), v2 + 3), "V2 is empty at 1.5 s");

        // Cut ticks: where V1 changes source (1.0 s) and where V2 turns on (0.4 s) and off (0.8 s); none inside a clip.
        assertTrue(tick(img, geo.x(1.0), v1 + 9), "cut tick on V1 at 1.0 s");
        assertTrue(tick(img, geo.x(0.4), v2 + 9) && tick(img, geo.x(0.8), v2 + 9), "cut ticks on V2");
        assertEquals(TimelinePicture.colour(0), at(img, geo.x(0.5), v1 + 9), "no tick inside a clip");

        // Scale: source 0 (100 %) is the lowest scale, so its line runs along the lane's bottom; source 1
        // (110 %) sits halfway between 100 % and source 2's 120 %, so its line crosses the lane's middle.
        int mid = v1 + 2 + (18 - 4) / 2;
        assertTrue(darker(at(img, geo.x(1.5), mid), TimelinePicture.colour(1)), "scale line of source 1 through the lane's middle");
        assertTrue(darker(at(img, geo.x(0.5), v1 + 16), TimelinePicture.colour(0)), "scale line of source 0 at the lane's bottom");
        // Crop: source 2 is cropped, so a white line crosses its bar.
        int white = 0;
        for (int x = (int) geo.x(0.5); x < geo.x(0.7); x++) {
            for (int y = v2; y < v2 + 18; y++) if (brighter(new Color(img.getRGB(x, y)), TimelinePicture.colour(2))) white++;
        }
        assertTrue(white > 10, "crop line (dashed) over the cropped clip: " + white + " light pixels");
        int whiteOnUncropped = 0;
        for (int x = (int) geo.x(1.2); x < geo.x(1.8); x++) {
            for (int y = v1; y < v1 + 18; y++) if (brighter(new Color(img.getRGB(x, y)), TimelinePicture.colour(1))) whiteOnUncropped++;
        }
        assertEquals(0, whiteOnUncropped, "no crop line where nothing is cropped");
    }

    @Test
    void panelsShareOneTimeAxisAndTheirLanes() throws Exception {
        Path truth = FramesCsv.write(tmp.resolve("t.csv"), "p", "s", 5, 10, "0000000000");
        Path generated = FramesCsv.write(tmp.resolve("g.csv"), "p", "s", 5, 11, "---0000011", "0000000000", "1111111111");
        TimelinePicture picture = new TimelinePicture();
        List<TimelinePicture.Panel> panels = List.of(new TimelinePicture.Panel("generated", TimelineFrames.read(generated, null)),
                new TimelinePicture.Panel("truth", TimelineFrames.read(truth, null)));
        TimelinePicture.Geometry geo = picture.geometry(panels);
        assertEquals(10.0, geo.start(), 1e-9);
        assertEquals(13.0, geo.end(), 1e-9, "the axis ends with the later panel's last frame");
        assertEquals(3, geo.lanes(), "both panels get the lanes of the highest track of either");
        BufferedImage img = picture.render(panels);
        // The truth (second panel) ends at 12 s; the generated one starts at 11 s.
        assertEquals(TimelinePicture.colour(0), at(img, geo.x(10.5), geo.laneTop(1, 0) + 3));
        assertNotEquals(TimelinePicture.colour(0), at(img, geo.x(12.5), geo.laneTop(1, 0) + 3));
        assertNotEquals(TimelinePicture.colour(0), at(img, geo.x(10.5), geo.laneTop(0, 0) + 3));
        assertEquals(TimelinePicture.colour(1), at(img, geo.x(12.5), geo.laneTop(0, 2) + 3));

        ChartImage image = picture.titled("sample").image(panels);
        assertTrue(image.description().contains("generated: 10 frames, 2 cuts on 3 tracks"), image.description());
        Path png = tmp.resolve("out/p.png");
        Files.createDirectories(png.getParent());
        picture.write(png, panels);
        BufferedImage back = ImageIO.read(png.toFile());
        assertEquals(img.getWidth(), back.getWidth());
    }

    @Test
    void aMissingSequenceIsNamedWithThoseTheFileHolds() throws Exception {
        FramesCsv w = FramesCsv.create(tmp.resolve("two.csv"));
        w.sequence("p", "first", 5, 0, "00").sequence("p", "second", 5, 0, "11");
        w.close();
        assertEquals("second", TimelineFrames.read(tmp.resolve("two.csv"), "second").sequence());
        UserException e = assertThrows(UserException.class, () -> TimelineFrames.read(tmp.resolve("two.csv"), "third"));
        assertTrue(e.getMessage().contains("no sequence 'third'") && e.getMessage().contains("first, second"), e.getMessage());
    }

    private static Color at(BufferedImage img, double x, int y) {
        return new Color(img.getRGB((int) Math.round(x), y));
    }

    /** A tick 1.6 pixels wide centred on x covers the pixel x falls in, or its neighbour, fully. */
    private static boolean tick(BufferedImage img, double x, int y) {
        return dark(new Color(img.getRGB((int) Math.floor(x), y))) || dark(new Color(img.getRGB((int) Math.floor(x) - 1, y)));
    }

    private static boolean dark(Color c) {
        return c.getRed() < 90 && c.getGreen() < 90 && c.getBlue() < 90;
    }

    private static boolean darker(Color c, Color than) {
        return c.getRed() + c.getGreen() + c.getBlue() + 90 < than.getRed() + than.getGreen() + than.getBlue();
    }

    private static boolean brighter(Color c, Color than) {
        return c.getRed() + c.getGreen() + c.getBlue() > than.getRed() + than.getGreen() + than.getBlue() + 90;
    }
}
