package dev.autoeditor.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autoeditor.config.Config;
import dev.autoeditor.config.ConfigLoader;
import dev.autoeditor.util.UserException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreprocessorTest {
    static Config config(String... sets) {
        return ConfigLoader.load("tiny", null, List.of(sets));
    }

    @Test
    void exactDuplicatesAreDroppedAndCountedAndReExportsShareASplit(@TempDir Path dir) throws Exception {
        List<KeyframeCsvFixture.ProjectSpec> specs = new ArrayList<>(KeyframeCsvFixture.randomProjects(7, 12, 2, 20, 60));
        KeyframeCsvFixture.ProjectSpec original = specs.get(3);
        // an exact re-export under another name, sorted after the original
        specs.add(new KeyframeCsvFixture.ProjectSpec("project-0003 (re-export)", original.seed(), original.sequenceFrames()));
        // a partial re-export: the same first sequence, plus one of its own
        KeyframeCsvFixture.ProjectSpec partialOf = specs.get(5);
        Path csv = dir.resolve("k.csv");
        KeyframeCsvFixture.write(csv, specs);
        // build the partial re-export by hand: copy project-0005's first sequence's rows under a new name
        List<String> lines = new ArrayList<>(Files.readAllLines(csv));
        List<String> copy = new ArrayList<>();
        for (String l : lines) if (l.startsWith(partialOf.name() + ",Sequence 1,")) copy.add(l.replaceFirst("^project-0005,", "zz-partial,"));
        lines.addAll(copy);
        Files.write(csv, lines);

        PreprocessResult r = Preprocessor.run(csv, dir.resolve("pre"), config());
        assertEquals(1, r.duplicatesDropped());
        assertEquals(Arrays.stream(original.sequenceFrames()).sum(), r.duplicateRows());
        SplitsFile splits = SplitsFile.load(dir.resolve("pre"));
        assertEquals("project-0003", splits.duplicates().get("project-0003 (re-export)"));
        assertFalse(splits.splitOf().containsKey("project-0003 (re-export)"));
        assertEquals(splits.splitOf().get("project-0005"), splits.splitOf().get("zz-partial"), "a shared sequence keeps projects together");
        assertEquals(14 - 1, splits.splitOf().size());
        assertEquals(r.rows(), splits.csvRows());
        assertEquals(dev.autoeditor.util.Hashing.sha256(csv), splits.csvSha256());
        for (Split s : Split.values()) assertTrue(r.projectsPerSplit().get(s) > 0, s + " is empty");
    }

    @Test
    void keepingDuplicatesPutsThemInOneSplit(@TempDir Path dir) throws Exception {
        List<KeyframeCsvFixture.ProjectSpec> specs = new ArrayList<>(KeyframeCsvFixture.randomProjects(8, 10, 2, 20, 40));
        specs.add(new KeyframeCsvFixture.ProjectSpec("zz-copy", specs.get(0).seed(), specs.get(0).sequenceFrames()));
        Path csv = dir.resolve("k.csv");
        KeyframeCsvFixture.write(csv, specs);
        PreprocessResult r = Preprocessor.run(csv, dir.resolve("pre"), config("preprocess.drop_duplicates=false"));
        assertEquals(0, r.duplicatesDropped());
        SplitsFile splits = SplitsFile.load(dir.resolve("pre"));
        assertEquals(splits.splitOf().get("project-0000"), splits.splitOf().get("zz-copy"));
        assertEquals(11, splits.splitOf().size());
    }

    @Test
    void standardNormaliserIsFittedOnActiveTrainingEntriesOnly(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("k.csv");
        KeyframeCsvFixture.write(csv, KeyframeCsvFixture.randomProjects(11, 10, 2, 30, 80));
        PreprocessResult r = Preprocessor.run(csv, dir.resolve("pre"), config());
        SplitsFile splits = SplitsFile.load(dir.resolve("pre"));
        // the expected statistics, computed directly from the rows (two-pass, in doubles)
        List<double[]> values = new ArrayList<>();
        for (int f = 0; f < 7; f++) values.add(new double[0]);
        List<List<Double>> collected = new ArrayList<>();
        for (int f = 0; f < 7; f++) collected.add(new ArrayList<>());
        KeyframeRow row = new KeyframeRow();
        try (KeyframeCsvReader reader = new KeyframeCsvReader(csv)) {
            while (reader.next(row)) {
                if (splits.splitOf().get(row.project()) != Split.TRAIN) continue;
                for (int k = 0; k < 20; k++) {
                    if (!row.active(k)) continue;
                    for (int f = 0; f < 7; f++) collected.get(f).add(row.regression(k, f));
                }
            }
        }
        Normaliser loaded = Normaliser.load(dir.resolve("pre").resolve(Preprocessor.NORMALISER));
        assertEquals("standard", loaded.method());
        for (int f = 0; f < 7; f++) {
            double[] v = collected.get(f).stream().mapToDouble(Double::doubleValue).toArray();
            double mean = Arrays.stream(v).average().orElseThrow();
            double sd = Math.sqrt(Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum() / v.length);
            assertEquals(mean, loaded.center()[f], 1e-9 * Math.max(1, Math.abs(mean)), "center of field " + f);
            assertEquals(sd, loaded.scale()[f], 1e-9 * Math.max(1, sd), "scale of field " + f);
            assertEquals(r.normaliser().center()[f], loaded.center()[f]);
        }
        // inactive zeros would drag the scale's mean far below 60; active scales lie in [60, 150] plus drift
        assertTrue(loaded.center()[0] > 50, "center of scale " + loaded.center()[0]);
        JsonNode prov = new ObjectMapper().readTree(dir.resolve("pre/normaliser.json").toFile()).path("provenance");
        assertEquals(r.csvSha256(), prov.path("inputs").path("keyframes_csv").path("sha256").asText());
        assertTrue(prov.path("notes").path("fitted_on").asText().startsWith("train split"), prov.toString());
        assertEquals(7, prov.path("notes").path("statistics").size());
        assertEquals(42, prov.path("seed").asInt());
        assertFalse(prov.path("version").asText().isEmpty());
    }

    @Test
    void robustNormaliserUsesMedianAndInterquartileRange(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("k.csv");
        KeyframeCsvFixture.write(csv, KeyframeCsvFixture.randomProjects(12, 8, 1, 30, 60));
        Preprocessor.run(csv, dir.resolve("pre"), config("preprocess.normaliser_method=robust"));
        SplitsFile splits = SplitsFile.load(dir.resolve("pre"));
        List<Double> scales = new ArrayList<>();
        KeyframeRow row = new KeyframeRow();
        try (KeyframeCsvReader reader = new KeyframeCsvReader(csv)) {
            while (reader.next(row)) {
                if (splits.splitOf().get(row.project()) != Split.TRAIN) continue;
                for (int k = 0; k < 20; k++) if (row.active(k)) scales.add(row.regression(k, 0));
            }
        }
        double[] sorted = scales.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        Normaliser n = Normaliser.load(dir.resolve("pre/normaliser.json"));
        assertEquals("robust", n.method());
        // fewer values than the reservoir holds: the quantiles are exact
        assertEquals(NormaliserFitter.quantile(sorted, 0.5), n.center()[0], 1e-12);
        assertEquals(NormaliserFitter.quantile(sorted, 0.75) - NormaliserFitter.quantile(sorted, 0.25), n.scale()[0], 1e-12);
        for (double s : n.scale()) assertTrue(s > 0);
    }

    @Test
    void robustReservoirIsSeededAndCloseToTheTrueQuantiles() {
        java.util.Random r = new java.util.Random(3);
        NormaliserFitter a = new NormaliserFitter("robust", 5000, 42);
        NormaliserFitter b = new NormaliserFitter("robust", 5000, 42);
        double[] all = new double[200_000];
        for (int i = 0; i < all.length; i++) {
            all[i] = r.nextGaussian() * 10 + 5;
            for (int f = 0; f < 7; f++) {
                a.add(f, all[i]);
                b.add(f, all[i]);
            }
        }
        Normaliser na = a.fit(new java.util.LinkedHashMap<>());
        Normaliser nb = b.fit(new java.util.LinkedHashMap<>());
        assertTrue(Arrays.equals(na.center(), nb.center()) && Arrays.equals(na.scale(), nb.scale()), "same seed, same fit");
        Arrays.sort(all);
        // a 5000-value sample estimates the median within a few standard errors (about 0.18 here)
        assertEquals(NormaliserFitter.quantile(all, 0.5), na.center()[0], 0.6);
        assertEquals(NormaliserFitter.quantile(all, 0.75) - NormaliserFitter.quantile(all, 0.25), na.scale()[0], 1.0);
    }

    @Test
    void sameSeedSameSplitsAnotherSeedOtherSplits(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("k.csv");
        KeyframeCsvFixture.write(csv, KeyframeCsvFixture.randomProjects(5, 30, 1, 10, 20));
        Preprocessor.run(csv, dir.resolve("a"), config());
        Preprocessor.run(csv, dir.resolve("b"), config());
        Preprocessor.run(csv, dir.resolve("c"), config("seed=7"));
        SplitsFile a = SplitsFile.load(dir.resolve("a"));
        assertEquals(a.splitOf(), SplitsFile.load(dir.resolve("b")).splitOf());
        assertNotEquals(a.splitOf(), SplitsFile.load(dir.resolve("c")).splitOf());
        assertEquals(24, a.projects(Split.TRAIN).size());
        assertEquals(3, a.projects(Split.VAL).size());
        assertEquals(3, a.projects(Split.TEST).size());
        assertEquals(Files.readString(dir.resolve("a/normaliser.json")).replaceAll("\"time\" : \"[^\"]*\"", ""),
                Files.readString(dir.resolve("b/normaliser.json")).replaceAll("\"time\" : \"[^\"]*\"", ""));
    }

    @Test
    void existingOutputNeedsForce(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("k.csv");
        KeyframeCsvFixture.write(csv, KeyframeCsvFixture.randomProjects(5, 4, 1, 10, 20));
        Preprocessor.run(csv, dir.resolve("pre"), config());
        UserException e = assertThrows(UserException.class, () -> Preprocessor.run(csv, dir.resolve("pre"), config()));
        assertTrue(e.getMessage().contains("--force"), e.getMessage());
        Preprocessor.run(csv, dir.resolve("pre"), config(), true);
    }

    @Test
    void fractionsOutOfRangeNameTheKey(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("k.csv");
        KeyframeCsvFixture.write(csv, KeyframeCsvFixture.randomProjects(5, 4, 1, 10, 20));
        Exception e = assertThrows(RuntimeException.class,
                () -> Preprocessor.run(csv, dir.resolve("pre"), config("preprocess.train_fraction=0.9", "preprocess.val_fraction=0.2")));
        assertTrue(e.getMessage().contains("preprocess.val_fraction"), e.getMessage());
    }
}
