package dev.autoeditor.data;

import dev.autoeditor.config.Config;
import dev.autoeditor.config.ConfigException;
import java.util.List;

/**
 * The window.* settings, read and range-checked once, with the number of asset classes the windows
 * are relabelled into ({@code model.asset_classes}: the model's input width depends on it).
 *
 * @param length            frames per window
 * @param stride            frames between window starts, 1 to length
 * @param minSequenceFrames shorter sequences are dropped
 * @param shardWindows      windows per shard file
 * @param assetClasses      relabelled asset classes per window
 */
public record WindowSettings(int length, int stride, int minSequenceFrames, int shardWindows, int assetClasses) {
    /** The config keys {@link #from} reads. */
    public static final List<String> KEYS = List.of(
            "model.asset_classes", "window.length", "window.min_sequence_frames", "window.shard_windows", "window.stride");

    public static WindowSettings from(Config cfg) {
        int length = cfg.getInt("window.length", 1, 100_000);
        int classes = cfg.getInt("model.asset_classes", 2, 127);
        int stride = cfg.getInt("window.stride");
        if (stride > length || stride < 1) {
            throw new ConfigException("config key 'window.stride' is " + stride
                    + "; it must lie between 1 and window.length (" + length + ") so every frame falls in a window");
        }
        int minFrames = cfg.getInt("window.min_sequence_frames", 1, Integer.MAX_VALUE);
        WindowLayout layout = new WindowLayout(length, classes);
        int maxShard = (int) Math.min(Integer.MAX_VALUE, (Integer.MAX_VALUE - WindowLayout.HEADER_BYTES) / (long) layout.recordBytes());
        int shardWindows = cfg.getInt("window.shard_windows", 1, maxShard);
        return new WindowSettings(length, stride, minFrames, shardWindows, classes);
    }

    /** The record layout of these windows. */
    public WindowLayout layout() {
        return new WindowLayout(length, assetClasses);
    }
}
