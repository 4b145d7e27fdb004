package dev.autoeditor.train;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The weights file: named float32 arrays in NumPy's .npz layout, the same bytes for the same arrays. */
class NpzArchiveTest {
    @TempDir
    Path tmp;

    static Map<String, INDArray> arrays() {
        Map<String, INDArray> m = new LinkedHashMap<>();
        m.put("param/w", Nd4j.create(new float[] {1, -2, 3.5f, Float.MIN_VALUE, -0f, 6}, new long[] {2, 3}, 'c'));
        m.put("param/b", Nd4j.create(new float[] {0.25f, 7}, new long[] {2}, 'c'));
        m.put("optimizer/w/M", Nd4j.rand(DataType.FLOAT, 2, 3, 4));
        m.put("param/one", Nd4j.create(new float[] {4}, new long[] {1}, 'c'));
        // A view (a column of a matrix) is written as its own values, in C order.
        m.put("param/view", Nd4j.create(new float[] {1, 2, 3, 4, 5, 6}, new long[] {3, 2}, 'c').getColumn(1));
        return m;
    }

    @Test
    void arraysComeBackByNameWithTheirShapesAndValues() throws Exception {
        Map<String, INDArray> in = arrays();
        Path file = tmp.resolve("w.npz");
        NpzArchive.write(file, in);
        Map<String, INDArray> out = NpzArchive.read(file);
        assertEquals(List.copyOf(in.keySet()), List.copyOf(out.keySet()), "names, in the order written");
        for (String name : in.keySet()) {
            assertArrayEquals(in.get(name).shape(), out.get(name).shape(), name);
            assertArrayEquals(in.get(name).dup('c').data().asFloat(), out.get(name).data().asFloat(), name);
        }
        assertArrayEquals(new float[] {2, 4, 6}, out.get("param/view").data().asFloat());
    }

    @Test
    void theSameArraysGiveTheSameBytesAndANumpyHeader() throws Exception {
        Map<String, INDArray> in = arrays();
        NpzArchive.write(tmp.resolve("a.npz"), in);
        Thread.sleep(1100); // a timestamp taken from the clock would now differ
        NpzArchive.write(tmp.resolve("b.npz"), in);
        assertEquals(-1, Files.mismatch(tmp.resolve("a.npz"), tmp.resolve("b.npz")));
        try (ZipFile zip = new ZipFile(tmp.resolve("a.npz").toFile())) {
            byte[] npy = zip.getInputStream(zip.getEntry("param/w.npy")).readAllBytes();
            assertEquals((byte) 0x93, npy[0]);
            assertEquals("NUMPY", new String(npy, 1, 5, StandardCharsets.US_ASCII));
            int headerLength = (npy[8] & 0xff) | (npy[9] & 0xff) << 8;
            assertEquals(0, (10 + headerLength) % 64, "data aligned to 64 bytes");
            String header = new String(npy, 10, headerLength, StandardCharsets.US_ASCII);
            assertTrue(header.startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }"), header);
            assertTrue(header.endsWith("\n"));
            assertEquals(10 + headerLength + 6 * 4, npy.length);
        }
    }

    @Test
    void refusesWhatItCannotRepresent() throws Exception {
        Map<String, INDArray> doubles = Map.of("param/x", Nd4j.create(new double[] {1, 2}, new long[] {2}, DataType.DOUBLE));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NpzArchive.write(tmp.resolve("d.npz"), doubles));
        assertTrue(e.getMessage().contains("param/x") && e.getMessage().contains("float32"), e.getMessage());
    }
}
