package dev.autoeditor.data;

import dev.autoeditor.util.Hashing;
import dev.autoeditor.util.UserException;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The windows of one split, read from memory-mapped shards written by {@code window}. On open every
 * shard's size, header and (unless told not to) SHA-256 are checked against index.json, and a damaged
 * or replaced shard is named in the error. Reads are thread-safe (absolute gets only).
 */
public final class ShardDataset implements WindowDataset {
    private final Path dir;
    private final ShardIndex index;
    private final WindowLayout layout;
    private final MappedByteBuffer[] shards;
    private final FloatBuffer[] floats;
    private final long[] firstWindow;
    private final int size;

    private ShardDataset(Path dir, ShardIndex index, boolean verify) {
        this.dir = dir;
        this.index = index;
        this.layout = index.layout();
        if (index.count() > Integer.MAX_VALUE) throw new UserException(dir + ": more than 2^31 windows in one split is not supported");
        this.size = (int) index.count();
        List<ShardInfo> infos = index.shards();
        this.shards = new MappedByteBuffer[infos.size()];
        this.floats = new FloatBuffer[infos.size()];
        this.firstWindow = new long[infos.size() + 1];
        long total = 0;
        for (int i = 0; i < infos.size(); i++) {
            ShardInfo info = infos.get(i);
            Path file = dir.resolve(info.file());
            shards[i] = map(file, info, verify);
            floats[i] = shards[i].duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
            firstWindow[i] = total;
            total += info.windows();
        }
        firstWindow[infos.size()] = total;
        if (total != index.count()) {
            throw new UserException(dir.resolve(ShardIndex.NAME) + ": shards hold " + total + " windows but count says "
                    + index.count() + "; re-run `auto-editor window --force`");
        }
    }

    /** Opens {@code splitDir} (holding index.json and shards), verifying every shard's SHA-256. */
    public static ShardDataset open(Path splitDir) {
        return open(splitDir, true);
    }

    /** Opens {@code windowsDir/<split>}. */
    public static ShardDataset open(Path windowsDir, Split split) {
        if (Files.isDirectory(windowsDir.resolve(Windower.TEMP)) && !Files.exists(windowsDir.resolve(Windower.SUMMARY))) {
            throw new UserException("windows in " + windowsDir + " are incomplete (`auto-editor window` stopped while replacing them);"
                    + " re-run `auto-editor window --force` to rebuild them");
        }
        return open(windowsDir.resolve(split.id()), true);
    }

    /** Opens a split folder; {@code verify} = false skips the SHA-256 (sizes and headers are still checked). */
    public static ShardDataset open(Path splitDir, boolean verify) {
        return new ShardDataset(splitDir, ShardIndex.load(splitDir), verify);
    }

    private MappedByteBuffer map(Path file, ShardInfo info, boolean verify) {
        String again = "; re-run `auto-editor window --force` to rebuild the shards";
        if (!Files.isRegularFile(file)) throw new UserException("shard " + file + " listed in index.json is missing" + again);
        try {
            long bytes = Files.size(file);
            long expected = WindowLayout.HEADER_BYTES + (long) info.windows() * layout.recordBytes();
            if (bytes != expected || bytes != info.bytes()) {
                throw new UserException("shard " + file + " is " + bytes + " bytes, index.json expects " + expected + again);
            }
            if (verify) {
                String sha = Hashing.sha256(file);
                if (!sha.equals(info.sha256())) {
                    throw new UserException("shard " + file + " fails its checksum (SHA-256 " + sha.substring(0, 12)
                            + "..., index.json says " + info.sha256().substring(0, Math.min(12, info.sha256().length())) + "...)" + again);
                }
            }
            MappedByteBuffer buffer;
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                buffer = ch.map(FileChannel.MapMode.READ_ONLY, 0, bytes);
            }
            buffer.order(ByteOrder.LITTLE_ENDIAN);
            String problem = layout.checkHeader(buffer);
            if (problem != null) throw new UserException("shard " + file + ": " + problem + again);
            return buffer;
        } catch (IOException e) {
            throw new UserException("cannot read shard " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int length() {
        return layout.length();
    }

    @Override
    public int assetClasses() {
        return layout.assetClasses();
    }

    public ShardIndex index() {
        return index;
    }

    public Path dir() {
        return dir;
    }

    @Override
    public void read(int index, WindowBatch batch, int row) {
        if (index < 0 || index >= size) throw new IndexOutOfBoundsException("window " + index + " of " + size);
        if (batch.length() != layout.length()) {
            throw new IllegalArgumentException("batch length " + batch.length() + " differs from the windows' " + layout.length());
        }
        int shard = shardOf(index);
        MappedByteBuffer buf = shards[shard];
        int base = WindowLayout.HEADER_BYTES + (int) (index - firstWindow[shard]) * layout.recordBytes();
        int t = layout.length();
        int cells = t * WindowLayout.TRACKS;
        byte[] bytes = new byte[cells];
        int cellBase = row * cells;
        buf.get(base + layout.activeOffset(), bytes);
        for (int i = 0; i < cells; i++) batch.active()[cellBase + i] = bytes[i];
        buf.get(base + layout.assetOffset(), bytes);
        for (int i = 0; i < cells; i++) batch.assetClass()[cellBase + i] = bytes[i];
        for (int i = 0; i < t; i++) batch.valid()[row * t + i] = buf.get(base + layout.validOffset() + i);
        floats[shard].get((base + layout.regressionOffset()) / Float.BYTES, batch.regression(), cellBase * WindowLayout.REGRESSIONS,
                cells * WindowLayout.REGRESSIONS);
        batch.windowIds()[row] = index;
    }

    /** Where window {@code index} came from. */
    public WindowSource source(int index) {
        int shard = shardOf(index);
        MappedByteBuffer buf = shards[shard];
        int base = WindowLayout.HEADER_BYTES + (int) (index - firstWindow[shard]) * layout.recordBytes();
        int sequenceId = buf.getInt(base);
        ShardIndex.SequenceEntry seq = this.index.sequences().get(sequenceId);
        return new WindowSource(seq.project(), seq.sequence(), buf.getInt(base + 4), buf.getLong(base + 8), buf.getInt(base + 16));
    }

    private int shardOf(int index) {
        int i = Arrays.binarySearch(firstWindow, index);
        if (i >= 0) {
            while (i + 1 < firstWindow.length && firstWindow[i + 1] == index) i++; // skip empty shards
            return Math.min(i, shards.length - 1);
        }
        return -i - 2;
    }

    /** Shards' file names, in order. */
    public List<String> shardFiles() {
        List<String> names = new ArrayList<>();
        for (ShardInfo s : index.shards()) names.add(s.file());
        return names;
    }
}
