package dev.autoeditor.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autoeditor.timeline.KeyframeColumns;
import dev.autoeditor.util.Hashing;
import dev.autoeditor.util.UserException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyframeCsvReaderTest {
    private static String row(String project, String sequence, int frame, String firstActive) {
        StringBuilder sb = new StringBuilder(project + "," + sequence + "," + frame + "," + frame / 5.0);
        for (int k = 0; k < KeyframeColumns.TRACKS; k++) {
            sb.append(k == 0 ? "," + firstActive + ",2,100,0.25,-0.125,0,0,10.5,0" : ",0,-1,0,0,0,0,0,0,0");
        }
        return sb.toString();
    }

    @Test
    void readsValuesAndHashesTheFile(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("k.csv");
        Files.writeString(csv, String.join(",", KeyframeColumns.HEADER) + "\n" + row("p", "\"Seq, one\"", 0, "1") + "\n"
                + row("p", "\"Seq, one\"", 3, "0"));  // no final newline
        KeyframeRow r = new KeyframeRow();
        try (KeyframeCsvReader reader = new KeyframeCsvReader(csv)) {
            assertTrue(reader.next(r));
            assertEquals("Seq, one", r.sequence());
            assertEquals(2, r.line());
            assertTrue(r.active(0));
            assertEquals(2, r.asset(0));
            assertEquals(100, r.regression(0, 0));
            assertEquals(-0.125, r.regression(0, 2));
            assertEquals(10.5, r.regression(0, 5));
            assertTrue(reader.next(r));
            assertEquals(3, r.line());
            assertEquals(3, r.frame());
            assertTrue(!reader.next(r));
            assertEquals(Hashing.sha256(csv), reader.sha256());
            assertEquals(2, reader.rows());
        }
    }

    @Test
    void errorLinesCountBlankLines(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("k.csv");
        Files.writeString(csv, String.join(",", KeyframeColumns.HEADER) + "\n" + row("p", "s", 0, "1") + "\n\n"
                + row("p", "s", 1, "2") + "\n");
        KeyframeRow r = new KeyframeRow();
        try (KeyframeCsvReader reader = new KeyframeCsvReader(csv)) {
            reader.next(r);
            UserException e = assertThrows(UserException.class, () -> reader.next(r));
            assertTrue(e.getMessage().contains("line 4 column v1_active: '2' is not 0 or 1"), e.getMessage());
        }
    }

    @Test
    void framesMustAscendWithinASequence(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("k.csv");
        Files.writeString(csv, String.join(",", KeyframeColumns.HEADER) + "\n" + row("p", "s", 5, "1") + "\n"
                + row("p", "s", 5, "1") + "\n");
        KeyframeRow r = new KeyframeRow();
        try (KeyframeCsvReader reader = new KeyframeCsvReader(csv)) {
            reader.next(r);
            UserException e = assertThrows(UserException.class, () -> reader.next(r));
            assertTrue(e.getMessage().contains("line 3") && e.getMessage().contains("frame 5 does not follow frame 5"), e.getMessage());
        }
    }
}
