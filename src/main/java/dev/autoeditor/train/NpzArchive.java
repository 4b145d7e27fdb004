package dev.autoeditor.train;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Named float32 arrays in a NumPy {@code .npz} file (a zip of {@code NAME.npy} entries), the weights
 * file of a checkpoint: {@code numpy.load("last-s120.npz")} opens it, and it depends on no serialised
 * SameDiff graph. Written and read here in plain Java rather than through ND4J's native npy code, so the
 * bytes are a function of the arrays alone: entries stored uncompressed, in the order given, with a
 * fixed timestamp, so the same weights always give the same file and the same SHA-256.
 */
public final class NpzArchive {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** Entry timestamp: the zip epoch, in local time so no time zone enters the bytes. */
    private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);

    private NpzArchive() {}

    /** Writes {@code arrays} (float32) to {@code file} in their iteration order. */
    public static void write(Path file, Map<String, INDArray> arrays) throws IOException {
        try (OutputStream raw = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(raw)) {
            zip.setMethod(ZipOutputStream.STORED);
            for (Map.Entry<String, INDArray> e : arrays.entrySet()) {
                byte[] npy = toNpy(e.getKey(), e.getValue());
                ZipEntry entry = new ZipEntry(e.getKey() + ".npy");
                entry.setMethod(ZipEntry.STORED);
                entry.setTimeLocal(ENTRY_TIME);
                entry.setSize(npy.length);
                entry.setCompressedSize(npy.length);
                CRC32 crc = new CRC32();
                crc.update(npy);
                entry.setCrc(crc.getValue());
                zip.putNextEntry(entry);
                zip.write(npy);
                zip.closeEntry();
            }
        }
    }

    /** Reads every array of {@code file}, by name, in file order. */
    public static Map<String, INDArray> read(Path file) throws IOException {
        Map<String, INDArray> out = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String name = entry.getName();
                if (!name.endsWith(".npy")) throw new IOException("entry " + name + " is not an .npy array");
                try (InputStream in = zip.getInputStream(entry)) {
                    out.put(name.substring(0, name.length() - 4), fromNpy(name, in.readAllBytes()));
                }
            }
        }
        return out;
    }

    static byte[] toNpy(String name, INDArray array) {
        if (array.dataType() != DataType.FLOAT) {
            throw new IllegalArgumentException("array " + name + " is " + array.dataType() + "; checkpoints hold float32 only");
        }
        long[] shape = array.shape();
        float[] values = array.dup('c').data().asFloat();
        StringBuilder dims = new StringBuilder();
        for (long d : shape) dims.append(d).append(", ");
        String shapeText = shape.length == 1 ? "(" + shape[0] + ",)" : "(" + (shape.length == 0 ? "" : dims.substring(0, dims.length() - 2)) + ")";
        String header = "{'descr': '<f4', 'fortran_order': False, 'shape': " + shapeText + ", }";
        // Pad with spaces so the data starts on a multiple of 64 bytes (magic 6 + version 2 + length 2 + header + newline).
        int unpadded = 10 + header.length() + 1;
        header = header + " ".repeat((64 - unpadded % 64) % 64) + "\n";
        byte[] head = header.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer buf = ByteBuffer.allocate(10 + head.length + values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buf.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) head.length).put(head);
        for (float v : values) buf.putFloat(v);
        return buf.array();
    }

    static INDArray fromNpy(String name, byte[] bytes) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (byte b : MAGIC) {
            if (!buf.hasRemaining() || buf.get() != b) throw new IOException(name + " is not an .npy array");
        }
        int major = buf.get();
        buf.get();
        int headerLength = major == 1 ? Short.toUnsignedInt(buf.getShort()) : buf.getInt();
        String header = new String(bytes, buf.position(), headerLength, StandardCharsets.US_ASCII);
        buf.position(buf.position() + headerLength);
        if (!header.contains("'descr': '<f4'") || !header.contains("'fortran_order': False")) {
            throw new IOException(name + ": only little-endian float32 in C order is supported, header is " + header.strip());
        }
        int open = header.indexOf('(', header.indexOf("'shape'"));
        int close = header.indexOf(')', open);
        List<Long> dims = new ArrayList<>();
        for (String part : header.substring(open + 1, close).split(",")) if (!part.isBlank()) dims.add(Long.parseLong(part.strip()));
        long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
        long count = 1;
        for (long d : shape) count *= d;
        if (buf.remaining() != count * Float.BYTES) {
            throw new IOException(name + ": " + buf.remaining() + " data bytes for shape " + dims + " (expected " + count * Float.BYTES + ")");
        }
        float[] values = new float[(int) count];
        buf.asFloatBuffer().get(values);
        return shape.length == 0 ? Nd4j.scalar(values[0]) : Nd4j.create(values, shape, 'c');
    }
}
