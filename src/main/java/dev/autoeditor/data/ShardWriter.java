package dev.autoeditor.data;

import dev.autoeditor.util.DiskSpace;
import dev.autoeditor.util.Hashing;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Appends windows of one split to shard files {@code shard-00000.bin, ...} of at most
 * {@code shardWindows} records each, hashing every shard as it is written.
 */
final class ShardWriter implements AutoCloseable {
    private final Path dir;
    private final WindowLayout layout;
    private final int shardWindows;
    private final ByteBuffer buffer;
    private final List<ShardInfo> shards = new ArrayList<>();
    private OutputStream out;
    private MessageDigest digest;
    private String currentName;
    private int inShard;
    private long count;

    ShardWriter(Path dir, WindowLayout layout, int shardWindows) {
        this.dir = dir;
        this.layout = layout;
        this.shardWindows = shardWindows;
        this.buffer = ByteBuffer.allocate(layout.recordBytes()).order(ByteOrder.LITTLE_ENDIAN);
    }

    void write(WindowRecord record) {
        try {
            if (out == null) open();
            buffer.clear();
            record.encode(buffer);
            out.write(buffer.array(), 0, layout.recordBytes());
            inShard++;
            count++;
            if (inShard == shardWindows) closeShard();
        } catch (IOException e) {
            throw DiskSpace.writeFailure(dir.resolve(currentName), "window shard", e);
        }
    }

    private void open() throws IOException {
        Files.createDirectories(dir);
        currentName = String.format("shard-%05d.bin", shards.size());
        DiskSpace.checkWrite(dir.resolve(currentName));
        digest = Hashing.sha256();
        out = new BufferedOutputStream(new DigestOutputStream(Files.newOutputStream(dir.resolve(currentName)), digest), 1 << 20);
        out.write(layout.header());
        inShard = 0;
    }

    private void closeShard() throws IOException {
        out.close();
        long bytes = WindowLayout.HEADER_BYTES + (long) inShard * layout.recordBytes();
        shards.add(new ShardInfo(currentName, inShard, bytes, HexFormat.of().formatHex(digest.digest())));
        out = null;
    }

    /** Windows written. */
    long count() {
        return count;
    }

    /** Closes the open shard; returns every shard written. */
    List<ShardInfo> finish() {
        try {
            if (out != null) closeShard();
        } catch (IOException e) {
            throw DiskSpace.writeFailure(dir.resolve(currentName), "window shard", e);
        }
        return List.copyOf(shards);
    }

    @Override
    public void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException ignored) {
                // the output folder is temporary and removed on failure
            }
            out = null;
        }
    }
}
