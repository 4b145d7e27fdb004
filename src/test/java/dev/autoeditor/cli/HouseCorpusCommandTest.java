package dev.autoeditor.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autoeditor.config.ConfigLoader;
import dev.autoeditor.timeline.synth.SynthCorpus;
import dev.autoeditor.timeline.synth.SynthOptions;
import dev.autoeditor.timeline.table.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The fine-tune default data: {@code synth --style house}, the same corpus from the API, and a clean conversion. */
class HouseCorpusCommandTest {
    static final long SEED = 1234;

    @TempDir
    Path tmp;

    private static List<String> xmlFiles(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".xml")).sorted().toList();
        }
    }

    private static CliRunner.Result synth(Path out, long seed, int threads) {
        return CliRunner.run("synth", "--style", "house", "--projects", "12", "--seed", String.valueOf(seed),
                "--out", out.toString(), "--profile", "tiny", "--set", "synth.threads=" + threads);
    }

    @Test
    void twelveHouseProjectsSameSeedSameBytesAndTheApiWritesTheSameCorpus() throws Exception {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        CliRunner.Result first = synth(a, SEED, 1);
        assertEquals(0, first.code(), first.toString());
        assertTrue(first.out().contains("12 projects in") && first.out().contains("(12 house)"), first.out());
        assertEquals(0, synth(b, SEED, 2).code());
        List<String> expected = IntStream.rangeClosed(1, 12).mapToObj(i -> String.format(Locale.ROOT, "synth-%04d-house.xml", i)).toList();
        assertEquals(expected, xmlFiles(a));
        for (String name : expected) assertArrayEquals(Files.readAllBytes(a.resolve(name)), Files.readAllBytes(b.resolve(name)), name);
        JsonNode manifest = new ObjectMapper().readTree(a.resolve(SynthCorpus.MANIFEST).toFile());
        assertEquals("[\"house\"]", manifest.get("styles").toString());
        assertEquals(12, manifest.get("files").size());

        // The phase's call: the default fine-tune data from the config is exactly that corpus.
        Path api = tmp.resolve("api");
        SynthOptions options = SynthOptions.finetuneFromConfig(ConfigLoader.load("tiny", null, List.of("seed=" + SEED, "finetune.synth_projects=12")));
        SynthCorpus.write(api, options, true);
        assertEquals(expected, xmlFiles(api));
        for (String name : expected) assertArrayEquals(Files.readAllBytes(a.resolve(name)), Files.readAllBytes(api.resolve(name)), name);

        Path other = tmp.resolve("other");
        assertEquals(0, synth(other, SEED + 1, 0).code());
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(a.resolve(expected.get(0))),
                Files.readAllBytes(other.resolve(expected.get(0)))), "another seed, another corpus");
    }

    @Test
    void convertsWithoutWarningsAndTheTableShowsThePushIn() throws Exception {
        Path corpus = tmp.resolve("house");
        assertEquals(0, synth(corpus, SEED, 0).code());
        Path csv = tmp.resolve("house.csv");
        Logger logger = (Logger) LoggerFactory.getLogger("dev.autoeditor");
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        logger.addAppender(log);
        CliRunner.Result r;
        try {
            r = CliRunner.run("convert", "--input", corpus.toString(), "--output", csv.toString());
        } finally {
            logger.detachAppender(log);
        }
        assertEquals(ExitCodes.OK, r.code(), r.toString());
        assertTrue(r.out().contains("converted 12 of 12 file(s): 12 sequence(s)"), r.out());
        assertFalse(r.out().contains("note:") || r.out().contains("clip(s) with"), "no notes or unsupported effects:\n" + r.out());
        assertTrue(r.err().isBlank(), r.err());
        List<ILoggingEvent> warnings = log.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN)).toList();
        assertTrue(warnings.isEmpty(), warnings.toString());

        // In the CSV convert wrote: V1 always on in the 4:3 window; scale rises within every A/B shot.
        List<CSVRecord> rows = Fixtures.records(csv);
        int rising = 0;
        int held = 0;
        int cuts = 0;
        List<Double> shotStartScales = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            CSVRecord row = rows.get(i);
            assertEquals("1", row.get("v1_active"), "V1 on at " + row);
            assertEquals(12.5, Double.parseDouble(row.get("v1_crop_left")), 1e-9);
            assertEquals(12.5, Double.parseDouble(row.get("v1_crop_right")), 1e-9);
            assertEquals(0.0, Double.parseDouble(row.get("v1_crop_top")), 1e-9);
            if (i == 0 || !rows.get(i - 1).get("sequence").equals(row.get("sequence"))
                    || !rows.get(i - 1).get("project").equals(row.get("project"))) {
                shotStartScales.add(Double.parseDouble(row.get("v1_scale")));
                continue;
            }
            CSVRecord prev = rows.get(i - 1);
            double before = Double.parseDouble(prev.get("v1_scale"));
            double now = Double.parseDouble(row.get("v1_scale"));
            if (!prev.get("v1_asset").equals(row.get("v1_asset"))) {
                cuts++;
                shotStartScales.add(now);
            } else if (now > before) {
                rising++;
            } else {
                assertEquals(before, now, 1e-9, "scale never falls within a shot: " + prev + " then " + row);
                held++;
            }
        }
        for (double s : shotStartScales) assertTrue(s >= 110 && s <= 110.2, "every shot starts at the house zoom, got " + s);
        assertTrue(cuts >= 12 * 3, cuts + " cuts in 12 sequences of 20-40 s");
        // Only C cutaways hold still: fewer held steps than rising ones.
        assertTrue(rising > 3 * held && rising > 500, rising + " rising steps, " + held + " held");
    }
}
