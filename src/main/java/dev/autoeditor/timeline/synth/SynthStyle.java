package dev.autoeditor.timeline.synth;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The editing styles of the synthetic corpus; their rules are in docs/synth.md. The first five are
 * mixed into the pretraining corpus ({@code synth.styles}); {@link #HOUSE} is the fine-tune phase's
 * house style, kept out of that mix so fine-tuning has something new to learn.
 */
public enum SynthStyle {
    INTERVIEW("interview", new InterviewStyle()),
    VLOG("vlog", new VlogStyle()),
    SPLIT_SCREEN("split_screen", new SplitScreenStyle()),
    MONTAGE("montage", new MontageStyle()),
    MULTICAM("multicam", new MulticamStyle()),
    HOUSE("house", new HouseStyle());

    private final String configName;
    private final StyleGenerator generator;

    SynthStyle(String configName, StyleGenerator generator) {
        this.configName = configName;
        this.generator = generator;
    }

    /** The name used in config, on the command line and in file names. */
    public String configName() {
        return configName;
    }

    StyleGenerator generator() {
        return generator;
    }

    /** The style named {@code name}, or null. */
    public static SynthStyle byName(String name) {
        for (SynthStyle s : values()) if (s.configName.equals(name)) return s;
        return null;
    }

    /** All names, comma-separated, for error messages. */
    public static String names() {
        return Arrays.stream(values()).map(SynthStyle::configName).collect(Collectors.joining(", "));
    }
}
