package dev.autoeditor.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autoeditor.cli.CliRunner;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page of a tiny run, rendered by headless Chromium: every section heading is in the DOM, every
 * image decodes in the browser at a non-zero size with at least 3 colours, and the screenshot is
 * not blank. The run is real: the tiny profile's full run, every phase (distill, finetune, rlhf,
 * evaluate and samples included) writing its own files.
 */
class ReportPageTest {
    static final List<String> HEADINGS = List.of("Run at a glance", "Data", "Training", "Evaluation", "Distillation",
            "Fine-tuning", "RLHF", "Generated edits");

    @TempDir
    Path tmp;

    @Test
    void chromiumRendersEverySectionAndEveryImage() throws Exception {
        Path run = TinyRun.copy(tmp.resolve("run"));
        CliRunner.Result r = CliRunner.run("report", "--run-dir", run.toString());
        assertEquals(0, r.code(), r.toString());
        Path page = run.resolve("report/index.html");
        assertTrue(r.out().contains("wrote " + page.toAbsolutePath().normalize()), r.out());
        String html = Files.readString(page);
        // Self-contained: no script, no stylesheet link, nothing fetched from a network.
        assertFalse(html.contains("<script"), "the page must not carry JavaScript");
        assertFalse(html.contains("<link"), "the page must not link resources");
        assertFalse(Pattern.compile("(src|href)=\"(https?:)?//").matcher(html).find(), "the page must not load from the network");

        // The training facts read the real checkpoint layout (format 2: the state under "training").
        var best = new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.resolve("checkpoints/pretrain/best.json").toFile()).path("training");
        assertTrue(html.contains("checkpoints/pretrain/best.json: step " + best.path("step").asInt() + ", validation loss "
                + Html.number(best.path("val_loss").asDouble()) + ", after " + best.path("epochs_done").asInt() + " epochs"), "best checkpoint facts");

        var chromium = Chromium.find(tmp);
        Assumptions.assumeTrue(chromium.isPresent(), "chromium is not installed (Debian: apt-get install chromium; .ci/run installs it): "
                + "the page was written and checked without a browser only");

        String dom = chromium.get().dumpDom(page);
        for (String heading : HEADINGS) {
            assertTrue(dom.contains("<h2>" + heading + "</h2>"), "section heading '" + heading + "' missing from the DOM Chromium built");
        }
        assertTrue(dom.contains("<h3 id=\"training-pretrain\">pretrain</h3>") && dom.contains("<h3 id=\"training-distill\">distill</h3>"), dom.length() + " chars");
        // Each phase's named comparison, as the browser built the tables.
        for (String header : List.of("<th></th><th>teacher</th><th>student</th><th>scratch</th></tr>",
                "<th></th><th>before</th><th>after</th><th>scratch</th></tr>", "<th></th><th>policy</th><th>reference</th></tr>")) {
            assertTrue(dom.contains(header), "comparison table " + header + " missing from the DOM");
        }

        // Every image as Chromium decoded it: a copy of the page (the test's, not the product's) with a
        // script that draws each image on a canvas and writes its size and colour count into the DOM.
        Path probe = run.resolve("report/probe.html");
        Files.writeString(probe, html.replace("</body>", PROBE + "</body>"));
        String probed = chromium.get().dumpDom(probe);
        Matcher m = Pattern.compile("<li class=\"img\">(\\d+) (\\d+) (\\d+) (true|false)</li>").matcher(probed);
        int images = 0;
        List<String> bad = new ArrayList<>();
        while (m.find()) {
            images++;
            int w = Integer.parseInt(m.group(1));
            int h = Integer.parseInt(m.group(2));
            int colours = Integer.parseInt(m.group(3));
            if (w == 0 || h == 0 || colours < 3 || !m.group(4).equals("true")) bad.add("image " + images + ": " + m.group());
        }
        int expected = countMatches(html, "<img ");
        assertTrue(expected >= 15, "expected charts for every section, found " + expected + " images");
        assertEquals(expected, images, "Chromium reported a different number of images than the page holds");
        assertTrue(bad.isEmpty(), "images that did not decode with 3+ colours: " + bad);

        Path shot = chromium.get().screenshot(page, tmp.resolve("shot.png"), 1280, 2400);
        BufferedImage img = ImageIO.read(shot.toFile());
        assertTrue(img.getWidth() > 0 && img.getHeight() > 0);
        double ink = 1 - backgroundShare(img);
        assertTrue(ink > 0.01, "only " + ink * 100 + "% of the screenshot's pixels differ from the background");
    }

    /** Writes, for each image: natural width, natural height, distinct colours (up to 256) and whether it finished loading. */
    private static final String PROBE = """
            <ul id="probe"></ul>
            <script>
            window.addEventListener('load', function () {
              var list = document.getElementById('probe');
              for (var i = 0; i < document.images.length; i++) {
                var img = document.images[i], colours = 0;
                if (img.naturalWidth > 0) {
                  var c = document.createElement('canvas');
                  c.width = img.naturalWidth; c.height = img.naturalHeight;
                  var g = c.getContext('2d'); g.drawImage(img, 0, 0);
                  var d = g.getImageData(0, 0, c.width, c.height).data, seen = {};
                  for (var p = 0; p < d.length && colours < 256; p += 4) {
                    var k = d[p] + ',' + d[p + 1] + ',' + d[p + 2];
                    if (!seen[k]) { seen[k] = 1; colours++; }
                  }
                }
                var li = document.createElement('li'); li.className = 'img';
                li.textContent = img.naturalWidth + ' ' + img.naturalHeight + ' ' + colours + ' ' + img.complete;
                list.appendChild(li);
              }
            });
            </script>
            """;

    /** The share of pixels that have the most common colour (the page's background). */
    static double backgroundShare(BufferedImage img) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) counts.merge(img.getRGB(x, y), 1, Integer::sum);
        }
        int max = counts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        return (double) max / ((long) img.getWidth() * img.getHeight());
    }

    static int countMatches(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) n++;
        return n;
    }
}
