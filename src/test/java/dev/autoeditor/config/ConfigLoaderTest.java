package dev.autoeditor.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @Test
    void layersApplyInOrderDefaultsProfileFileSet(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("mine.yaml");
        Files.writeString(file, "window:\n  length: 64\n  stride: 8\n");
        Config c = ConfigLoader.load("tiny", file, List.of("window.stride=4"));
        assertEquals(64, c.getInt("window.length"));   // file beats profile (tiny says 32)
        assertEquals(4, c.getInt("window.stride"));    // --set beats file
        assertEquals(16, c.getInt("model.d_model"));   // profile beats defaults
        assertEquals(42, c.getInt("seed"));            // defaults
    }

    @Test
    void anIntegerBeyondIntRangeIsAnErrorNotAWrappedValue() {
        Config c = ConfigLoader.load("default", null, List.of("convert.threads=4294967297"));
        ConfigException e = assertThrows(ConfigException.class, () -> c.getInt("convert.threads", 0, 4096));
        assertTrue(e.getMessage().contains("'convert.threads' is 4294967297"), e.getMessage());
        assertEquals(4294967297L, c.getLong("convert.threads"));
    }

    @Test
    void unknownKeyInSetNamesTheKeyAndSuggests() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.load("default", null, List.of("window.lenght=5")));
        assertTrue(e.getMessage().contains("'window.lenght'"), e.getMessage());
        assertTrue(e.getMessage().contains("did you mean 'window.length'"), e.getMessage());
    }

    @Test
    void unknownKeyInFileNamesTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "model:\n  depth: 3\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load("default", file, List.of()));
        assertTrue(e.getMessage().contains("model.depth") && e.getMessage().contains("bad.yaml"), e.getMessage());
    }

    @Test
    void wrongTypeNamesKeyAndExpectedType() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.load("default", null, List.of("window.length=long")));
        assertTrue(e.getMessage().contains("window.length") && e.getMessage().contains("integer"), e.getMessage());
    }

    @Test
    void integerWidensToDoubleButNotBack() {
        Config c = ConfigLoader.load("default", null, List.of("train.lr=1"));
        assertEquals(1.0, c.getDouble("train.lr"));
        assertThrows(ConfigException.class, () -> ConfigLoader.load("default", null, List.of("train.epochs=1.5")));
    }

    @Test
    void unknownProfileListsTheKnownOnes() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load("huge", null, List.of()));
        assertTrue(e.getMessage().contains("tiny"), e.getMessage());
    }

    @Test
    void yamlRoundTripKeepsEveryValue() {
        Config c = ConfigLoader.load("full", null, List.of("preprocess.normaliser_method=robust"));
        Config back = ConfigLoader.fromYaml(c.toYaml());
        assertEquals(c.asMap(), back.asMap());
        assertEquals(c.hashOfSections("model"), back.hashOfSections("model"));
    }

    @Test
    void aSavedConfigFromAnOlderVersionReadsOverTodaysDefaults() {
        Config saved = ConfigLoader.fromSaved("seed: 7\nwindow:\n  length: 64\n  drop_last_batch: true\n");
        assertEquals(7, saved.getInt("seed"));
        assertEquals(64, saved.getInt("window.length"));
        assertEquals(false, saved.getBoolean("train.drop_last_batch"), "a key added since takes its default");
        assertEquals(false, saved.has("window.drop_last_batch"), "a key since moved is dropped");
    }

    @Test
    void aRecordingViewReportsEveryKeyReadAndReadsTheSameValues() {
        Config c = ConfigLoader.load("tiny", null, List.of());
        List<String> read = new java.util.ArrayList<>();
        Config view = c.recording(read::add);
        assertEquals(c.getInt("window.length"), view.getInt("window.length"));
        view.getDouble("train.lr", 0, 1);
        view.has("seed");
        view.hashOf(List.of("model.d_model"));
        view.asMap();
        view.keysUnder("synth");
        assertEquals(List.of("window.length", "train.lr", "seed", "model.d_model"), read);
    }
}
