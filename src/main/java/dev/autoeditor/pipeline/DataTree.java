package dev.autoeditor.pipeline;

import dev.autoeditor.config.Config;
import java.util.List;

/**
 * One dataset's folders in a run directory, so the same data phases can prepare more than one
 * corpus: the main (pretraining) tree under {@code data/}, and the fine-tuning tree under
 * {@code data/finetune/}. A tree other than the main one belongs to the model phase of the same
 * name and exists only when that phase is enabled ({@code finetune.enabled}).
 *
 * @param name       "main", or the model phase the tree feeds ("finetune")
 * @param root       the tree's folder, relative to the run directory
 * @param sourcesKey the config key listing its datasets (same shape as download.data)
 */
public record DataTree(String name, String root, String sourcesKey) {
    public static final DataTree MAIN = new DataTree("main", "data", "download.data");
    public static final DataTree FINETUNE = new DataTree("finetune", "data/finetune", "finetune.data");

    /** Every tree, main first. */
    public static List<DataTree> all() {
        return List.of(MAIN, FINETUNE);
    }

    public boolean isMain() {
        return name.equals(MAIN.name);
    }

    /** The name of a data phase working on this tree: {@code convert} on the main tree, {@code finetune-convert} here. */
    public String phaseName(String baseName) {
        return isMain() ? baseName : name + "-" + baseName;
    }

    /** The main tree always; another when its model phase is enabled ({@code NAME.enabled}). */
    public boolean enabled(Config config) {
        return isMain() || config.getBoolean(name + ".enabled");
    }

    /** Downloaded or synthetic xmeml, one folder per source. */
    public String raw() {
        return root + "/raw";
    }

    /** The per-frame keyframe table. */
    public String keyframes() {
        return root + "/keyframes.csv";
    }

    /** The keyframe table's provenance sidecar. */
    public String keyframesProvenance() {
        return keyframes() + ".provenance.json";
    }

    /** splits.json and normaliser.json. */
    public String preprocessed() {
        return root + "/preprocessed";
    }

    /** The window shards per split. */
    public String windows() {
        return root + "/windows";
    }
}
