package dev.autoeditor.timeline.synth;

import dev.autoeditor.config.Config;
import dev.autoeditor.config.ConfigException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What to synthesise: how many projects, the seed, the styles mixed in (project i has style
 * {@code styles[i mod styles.size()]}) and the range of sequence lengths.
 */
public record SynthOptions(int projects, long seed, List<SynthStyle> styles, double minDurationS, double maxDurationS) {
    /** Longest sequence: sources are a few times longer, and media of 11 hours or more reads as a still. */
    public static final double MAX_DURATION_S = 3 * 3600;
    /** The config keys {@link #fromConfig} reads ({@code synth.threads} is not one: the files do not depend on it). */
    public static final List<String> KEYS = List.of("synth.projects", "synth.styles", "synth.min_duration_s", "synth.max_duration_s", "seed");

    public SynthOptions {
        styles = List.copyOf(styles);
        if (projects < 0) throw new ConfigException("synth.projects is " + projects + "; it must be 0 or more");
        if (styles.isEmpty()) throw new ConfigException("synth.styles is empty; list at least one of " + SynthStyle.names());
        if (!(minDurationS >= 5)) {
            throw new ConfigException("synth.min_duration_s is " + minDurationS + "; it must be at least 5 seconds");
        }
        if (!(maxDurationS <= MAX_DURATION_S)) {
            throw new ConfigException("synth.max_duration_s is " + maxDurationS + "; it must be at most "
                    + MAX_DURATION_S + " (3 hours): longer synthetic media would read back as stills");
        }
        if (!(maxDurationS >= minDurationS)) {
            throw new ConfigException("synth.max_duration_s is " + maxDurationS
                    + "; it must be at least synth.min_duration_s (" + minDurationS + ")");
        }
    }

    /** The settings under {@code synth.*} and the master {@code seed}. */
    public static SynthOptions fromConfig(Config config) {
        List<SynthStyle> styles = new ArrayList<>();
        for (Object o : config.getList("synth.styles")) {
            SynthStyle s = SynthStyle.byName(String.valueOf(o));
            if (s == null) {
                throw new ConfigException("config key 'synth.styles' contains '" + o + "'; allowed values: " + SynthStyle.names());
            }
            styles.add(s);
        }
        return new SynthOptions(config.getInt("synth.projects"), config.getLong("seed"), styles,
                config.getDouble("synth.min_duration_s"), config.getDouble("synth.max_duration_s"));
    }

    /**
     * The config keys {@link #finetuneFromConfig} reads: what the fine-tune default data depends on
     * (a phase's input hash covers exactly these).
     */
    public static final List<String> FINETUNE_KEYS = List.of(
            "finetune.synth_projects", "finetune.synth_style", "synth.min_duration_s", "synth.max_duration_s", "seed");

    /**
     * The fine-tune phase's default data: {@code finetune.synth_projects} projects all in the style
     * {@code finetune.synth_style} (the house style by default), with the master {@code seed} and
     * the sequence lengths of {@code synth.*}. It is the same corpus, byte for byte, as
     * {@code auto-editor synth --style house --projects 12 --seed SEED}.
     */
    public static SynthOptions finetuneFromConfig(Config config) {
        String[] names = Arrays.stream(SynthStyle.values()).map(SynthStyle::configName).toArray(String[]::new);
        SynthStyle style = SynthStyle.byName(config.getChoice("finetune.synth_style", names));
        int projects = config.getInt("finetune.synth_projects", 1, 100_000);
        return new SynthOptions(projects, config.getLong("seed"), List.of(style),
                config.getDouble("synth.min_duration_s"), config.getDouble("synth.max_duration_s"));
    }

    public SynthOptions withProjects(int n) {
        return new SynthOptions(n, seed, styles, minDurationS, maxDurationS);
    }

    public SynthOptions withSeed(long s) {
        return new SynthOptions(projects, s, styles, minDurationS, maxDurationS);
    }

    public SynthOptions withStyles(List<SynthStyle> only) {
        return new SynthOptions(projects, seed, only, minDurationS, maxDurationS);
    }

    /** The style of project {@code index} (0-based). */
    public SynthStyle styleOf(int index) {
        return styles.get(index % styles.size());
    }

    /** The file name (without .xml) of project {@code index}: synth-0001-interview for index 0. */
    public String projectName(int index) {
        return String.format(Locale.ROOT, "synth-%04d-%s", index + 1, styleOf(index).configName());
    }
}
