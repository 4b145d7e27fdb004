package dev.autoeditor.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autoeditor.data.DataSpec;
import dev.autoeditor.data.ShardDataset;
import dev.autoeditor.data.Split;
import dev.autoeditor.data.Windower;
import dev.autoeditor.util.Hashing;
import dev.autoeditor.util.UserException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The window shards a training run reads, opened: the training and validation splits, the
 * {@link DataSpec} they were made with (windows.json), and their hashes for provenance.
 *
 * @param train  the training split
 * @param val    the validation split, or null when the folder has none
 * @param spec   sample rate, window settings, asset classes and normaliser of the windows
 * @param inputs what the run read: the summary's and each split index's SHA-256, and the folder
 */
public record TrainingWindows(ShardDataset train, ShardDataset val, DataSpec spec, Map<String, Object> inputs) implements AutoCloseable {
    /** Opens {@code windowsDir}, written by {@code auto-editor window}. */
    public static TrainingWindows open(Path windowsDir) {
        if (!Files.isDirectory(windowsDir.resolve(Split.TRAIN.id()))) {
            throw new UserException("no training windows in " + windowsDir + " (expected " + windowsDir.resolve(Split.TRAIN.id())
                    + "); run `auto-editor window` first");
        }
        DataSpec spec = DataSpec.load(windowsDir);
        requireWindows(windowsDir, Split.VAL);
        requireWindows(windowsDir, Split.TEST);
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put(Windower.SUMMARY, Hashing.sha256Unchecked(windowsDir.resolve(Windower.SUMMARY)));
        for (Split s : Split.values()) {
            Path index = windowsDir.resolve(s.id()).resolve("index.json");
            if (Files.isRegularFile(index)) inputs.put(s.id() + "/index.json", Hashing.sha256Unchecked(index));
        }
        inputs.put("windows_dir", windowsDir.toAbsolutePath().normalize().toString());
        ShardDataset train = ShardDataset.open(windowsDir, Split.TRAIN);
        try {
            ShardDataset val = Files.isDirectory(windowsDir.resolve(Split.VAL.id())) ? ShardDataset.open(windowsDir, Split.VAL) : null;
            return new TrainingWindows(train, val, spec, inputs);
        } catch (RuntimeException e) {
            train.close();
            throw e;
        }
    }

    /**
     * Refuses a validation or test split without windows: without validation the best checkpoint and
     * early stopping would follow the training loss unseen, and without a test split nothing measures
     * the model. Read from windows.json (split: windows, sequences, short sequences dropped).
     */
    private static void requireWindows(Path windowsDir, Split split) {
        JsonNode counts;
        try {
            counts = new ObjectMapper().readTree(windowsDir.resolve(Windower.SUMMARY).toFile()).path("splits").path(split.id());
        } catch (IOException e) {
            return; // DataSpec.load has read the summary; a split folder of its own is checked on open
        }
        if (counts.path("windows").asLong(1) > 0) return;
        String name = split == Split.VAL ? "validation" : "test";
        String why = split == Split.VAL ? "training chooses its best checkpoint and stops early by the validation loss"
                : "the final model is measured on it";
        long sequences = counts.path("sequences").asLong(0);
        long dropped = counts.path("dropped_short_sequences").asLong(0);
        String fix = sequences + dropped == 0
                ? "no project fell in it: give the run more projects (each split needs at least one), or "
                        + (split == Split.VAL ? "raise preprocess.val_fraction" : "lower preprocess.train_fraction or preprocess.val_fraction"
                                + " (the test split gets what they leave)") + ", then run `auto-editor preprocess` and `auto-editor window` again"
                : "its " + dropped + " sequence(s) were all shorter than window.min_sequence_frames: lower that, or give the run more"
                        + " projects, then run `auto-editor preprocess` and `auto-editor window` again";
        throw new UserException("the " + name + " split of the windows in " + windowsDir.toAbsolutePath().normalize() + " is empty ("
                + why + "); " + fix);
    }

    @Override
    public void close() {
        train.close();
        if (val != null) val.close();
    }
}
