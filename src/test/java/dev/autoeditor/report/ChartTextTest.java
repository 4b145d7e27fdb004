package dev.autoeditor.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Charts render with text on this machine: fontconfig finds a font, and a chart's title puts ink
 * where no title leaves the background. On a machine without fonts, OpenJDK fails here (or draws
 * nothing): .ci/run and the launcher install fontconfig and fonts-dejavu-core for that reason.
 */
class ChartTextTest {
    @Test
    void aChartTitleIsDrawnInAnInstalledFont() throws Exception {
        assertTrue(GraphicsEnvironment.isHeadless(), "charts are drawn headless (java.awt.headless=true)");
        String[] families = GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames();
        assertTrue(families.length > 0, "no font installed: install fontconfig and fonts-dejavu-core");

        double[] x = {1, 2, 3, 4};
        double[] y = {0.4, 0.3, 0.25, 0.2};
        List<Charts.Series> series = List.of(new Charts.Series("loss", x, y));
        BufferedImage titled = decode(Charts.lines("Training loss of pretrain", "step", "loss", series, List.of(), false));
        BufferedImage untitled = decode(Charts.lines("", "step", "loss", series, List.of(), false));
        // The title sits in the top band; untitled, the plot starts lower down, so compare the band above it.
        int titledInk = ink(titled, 0, 18);
        int untitledInk = ink(untitled, 0, 18);
        assertTrue(titledInk > 150, "the title drew only " + titledInk + " dark pixels (fonts in use: " + Arrays.toString(families) + ")");
        assertTrue(untitledInk < titledInk / 10, "without a title the band should be nearly blank, found " + untitledInk + " dark pixels");
        // Axis labels and tick numbers: the left margin has text too.
        assertTrue(ink(titled, 40, titled.getHeight() - 40, 0, 45) > 100, "no tick labels or axis name drawn on the left");
    }

    private static BufferedImage decode(ChartImage c) throws Exception {
        return ImageIO.read(new ByteArrayInputStream(c.png()));
    }

    private static int ink(BufferedImage img, int fromY, int toY) {
        return ink(img, fromY, toY, 0, img.getWidth());
    }

    /** Pixels darker than mid-grey in the given rows and columns. */
    private static int ink(BufferedImage img, int fromY, int toY, int fromX, int toX) {
        int n = 0;
        for (int yy = fromY; yy < toY; yy++) {
            for (int xx = fromX; xx < toX; xx++) {
                int rgb = img.getRGB(xx, yy);
                int sum = ((rgb >> 16) & 255) + ((rgb >> 8) & 255) + (rgb & 255);
                if (sum < 3 * 128) n++;
            }
        }
        return n;
    }
}
