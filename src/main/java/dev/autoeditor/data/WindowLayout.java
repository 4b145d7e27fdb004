package dev.autoeditor.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The binary layout of a window shard. A shard is a 64-byte header followed by fixed-size records,
 * all little-endian; the record count is (file size - 64) / record bytes.
 *
 * <pre>
 * header (64 bytes): magic "AEWSHRD1" | int32 version = 1 | int32 T | int32 K | int32 R | int32 C
 *                    | int32 record_bytes | zeros
 * record (T frames, K = 20 tracks, R = 7 regressions):
 *   offset 0    int32   sequence_id     index into index.json "sequences"
 *   offset 4    int32   start_row       row of the sequence the window starts at (0-based)
 *   offset 8    int64   start_frame     the CSV "frame" of that row
 *   offset 16   int32   valid_frames    real frames; the rest is padding
 *   offset 20   int32   reserved (0)
 *   offset 24   uint8   active[T][K]     1 = visible clip
 *   ...         int8    asset[T][K]      relabelled class in [0, C), -1 where inactive
 *   ...         uint8   valid[T]         1 = real frame, 0 = padding (the mask)
 *   ...         zero padding to a multiple of 4 bytes
 *   ...         float32 regression[T][K][R]  normalised, 0 where inactive or padded
 * </pre>
 */
public record WindowLayout(int length, int assetClasses) {
    public static final byte[] MAGIC = "AEWSHRD1".getBytes(StandardCharsets.US_ASCII);
    public static final int VERSION = 1;
    public static final int HEADER_BYTES = 64;
    public static final int TRACKS = KeyframeRow.TRACKS;
    public static final int REGRESSIONS = KeyframeRow.REGRESSIONS;
    static final int META_BYTES = 24;

    public WindowLayout {
        if (length < 1) throw new IllegalArgumentException("length must be positive");
        if (assetClasses < 2 || assetClasses > 127) throw new IllegalArgumentException("asset classes must lie in [2, 127]");
    }

    public int activeOffset() {
        return META_BYTES;
    }

    public int assetOffset() {
        return activeOffset() + length * TRACKS;
    }

    public int validOffset() {
        return assetOffset() + length * TRACKS;
    }

    public int regressionOffset() {
        int end = validOffset() + length;
        return (end + 3) & ~3;
    }

    public int recordBytes() {
        return regressionOffset() + length * TRACKS * REGRESSIONS * Float.BYTES;
    }

    /** The shard header for this layout. */
    public byte[] header() {
        ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).putInt(VERSION).putInt(length).putInt(TRACKS).putInt(REGRESSIONS).putInt(assetClasses).putInt(recordBytes());
        return b.array();
    }

    /** Checks a shard header against this layout; returns a reason, or null when it matches. */
    public String checkHeader(ByteBuffer header) {
        byte[] magic = new byte[MAGIC.length];
        header.get(0, magic);
        if (!java.util.Arrays.equals(magic, MAGIC)) return "not a window shard (bad magic)";
        ByteBuffer h = header.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int[] expected = {VERSION, length, TRACKS, REGRESSIONS, assetClasses, recordBytes()};
        String[] names = {"version", "length", "tracks", "regressions", "asset classes", "record bytes"};
        for (int i = 0; i < expected.length; i++) {
            int v = h.getInt(MAGIC.length + 4 * i);
            if (v != expected[i]) return "header " + names[i] + " is " + v + ", index.json says " + expected[i];
        }
        return null;
    }

    /** The layout as index.json describes it. */
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("byte_order", "little-endian");
        d.put("header_bytes", HEADER_BYTES);
        d.put("record_bytes", recordBytes());
        List<Map<String, Object>> fields = new ArrayList<>();
        fields.add(field("sequence_id", "int32", List.of(), 0));
        fields.add(field("start_row", "int32", List.of(), 4));
        fields.add(field("start_frame", "int64", List.of(), 8));
        fields.add(field("valid_frames", "int32", List.of(), 16));
        fields.add(field("active", "uint8", List.of(length, TRACKS), activeOffset()));
        fields.add(field("asset", "int8", List.of(length, TRACKS), assetOffset()));
        fields.add(field("valid", "uint8", List.of(length), validOffset()));
        fields.add(field("regression", "float32", List.of(length, TRACKS, REGRESSIONS), regressionOffset()));
        d.put("fields", fields);
        return d;
    }

    private static Map<String, Object> field(String name, String dtype, List<Integer> shape, int offset) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("name", name);
        f.put("dtype", dtype);
        f.put("shape", shape);
        f.put("offset", offset);
        return f;
    }
}
