package dev.autoeditor.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The shard layout as docs/data.md documents it, byte for byte. */
class WindowLayoutTest {
    @Test
    void offsetsAndSizesFollowTheDocumentedLayout() {
        WindowLayout l = new WindowLayout(100, 8);
        assertEquals(24, l.activeOffset());
        assertEquals(24 + 2000, l.assetOffset());
        assertEquals(24 + 4000, l.validOffset());
        assertEquals(4124, l.regressionOffset()); // 4124 is already a multiple of 4
        assertEquals(4124 + 100 * 20 * 7 * 4, l.recordBytes());
        assertEquals(60_124, l.recordBytes());
        WindowLayout odd = new WindowLayout(3, 8);
        assertEquals(24 + 60 + 60 + 3, odd.validOffset() + 3);
        assertEquals(148, odd.regressionOffset()); // 147 padded to 148
    }

    @Test
    void headerIsMagicThenSixLittleEndianInts() {
        ByteBuffer h = ByteBuffer.wrap(new WindowLayout(32, 8).header()).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(64, h.capacity());
        byte[] magic = new byte[8];
        h.get(magic);
        assertEquals("AEWSHRD1", new String(magic, StandardCharsets.US_ASCII));
        assertEquals(1, h.getInt());
        assertEquals(32, h.getInt());
        assertEquals(20, h.getInt());
        assertEquals(7, h.getInt());
        assertEquals(8, h.getInt());
        assertEquals(new WindowLayout(32, 8).recordBytes(), h.getInt());
        while (h.hasRemaining()) assertEquals(0, h.get());
        assertNull(new WindowLayout(32, 8).checkHeader(ByteBuffer.wrap(new WindowLayout(32, 8).header())));
        assertEquals("header length is 32, index.json says 16",
                new WindowLayout(16, 8).checkHeader(ByteBuffer.wrap(new WindowLayout(32, 8).header())));
    }

    @Test
    void aRecordEncodesToTheGoldenBytes() throws Exception {
        WindowLayout l = new WindowLayout(2, 4);
        WindowRecord r = new WindowRecord(l);
        r.clear();
        r.sequenceId = 5;
        r.startRow = 300;
        r.startFrame = 0x0102030405L;
        r.validFrames = 1;
        r.active[0] = 1;          // frame 0, V1
        r.asset[0] = 0;
        r.active[19] = 1;         // frame 0, V20
        r.asset[19] = 3;          // the "other" class
        r.regression[0] = 1.5f;   // frame 0, V1, scale
        r.regression[19 * 7 + 6] = -2f; // frame 0, V20, crop_bottom
        ByteBuffer out = ByteBuffer.allocate(l.recordBytes()).order(ByteOrder.LITTLE_ENDIAN);
        r.encode(out);
        byte[] bytes = out.array();
        // spot checks against the documented offsets
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(5, b.getInt(0));
        assertEquals(300, b.getInt(4));
        assertEquals(0x0102030405L, b.getLong(8));
        assertEquals(1, b.getInt(16));
        assertEquals(1, bytes[24]);
        assertEquals(1, bytes[24 + 19]);
        assertEquals(3, bytes[l.assetOffset() + 19]);
        assertEquals(-1, bytes[l.assetOffset() + 20]); // frame 1 is padding
        assertEquals(1, bytes[l.validOffset()]);
        assertEquals(0, bytes[l.validOffset() + 1]);
        assertEquals(1.5f, b.getFloat(l.regressionOffset()));
        assertEquals(-2f, b.getFloat(l.regressionOffset() + 4 * (19 * 7 + 6)));
        // and the whole record against the golden file
        String golden = Files.readString(Path.of("src/test/resources/data/window-record-T2-C4.hex")).replaceAll("\\s", "");
        assertArrayEquals(HexFormat.of().parseHex(golden), bytes);
    }
}
