package dev.autoeditor.train;

import dev.autoeditor.data.DataSpec;
import dev.autoeditor.data.ShardDataset;
import dev.autoeditor.data.Split;
import dev.autoeditor.data.Windower;
import dev.autoeditor.util.Hashing;
import dev.autoeditor.util.UserException;
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

    @Override
    public void close() {
        train.close();
        if (val != null) val.close();
    }
}
