package dev.autoeditor.timeline;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The keyframe table's columns: {@code project,sequence,frame,time_s}, then for each video track
 * k = 1..20 the nine fields {@code v{k}_active ... v{k}_crop_bottom}.
 */
public final class KeyframeColumns {
    public static final int TRACKS = 20;
    public static final List<String> META = List.of("project", "sequence", "frame", "time_s");
    public static final List<String> TRACK_FIELDS = List.of(
            "active", "asset", "scale", "pos_x", "pos_y", "crop_left", "crop_right", "crop_top", "crop_bottom");
    /** The seven regression fields, in order (TRACK_FIELDS minus active and asset). */
    public static final List<String> REGRESSION_FIELDS = TRACK_FIELDS.subList(2, TRACK_FIELDS.size());
    public static final int FIELDS_PER_TRACK = TRACK_FIELDS.size();
    public static final int REGRESSIONS = REGRESSION_FIELDS.size();
    public static final List<String> HEADER = header();

    private KeyframeColumns() {}

    /** Column name of a field of track k (1-based). */
    public static String column(int track, String field) {
        return "v" + track + "_" + field;
    }

    /** Index in {@link #HEADER} of field f (0..8) of track k (1-based). */
    public static int index(int track, int field) {
        return META.size() + (track - 1) * FIELDS_PER_TRACK + field;
    }

    private static List<String> header() {
        List<String> h = new ArrayList<>(META);
        for (int k = 1; k <= TRACKS; k++) for (String f : TRACK_FIELDS) h.add(column(k, f));
        return Collections.unmodifiableList(h);
    }
}
