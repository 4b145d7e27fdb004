package dev.autoeditor.data;

import java.util.Locale;

/** The three disjoint parts of the corpus, by project. */
public enum Split {
    TRAIN, VAL, TEST;

    /** The lower-case name used in files and folders: train, val, test. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Split of(String id) {
        for (Split s : values()) if (s.id().equals(id)) return s;
        throw new IllegalArgumentException("unknown split '" + id + "'; expected train, val or test");
    }
}
