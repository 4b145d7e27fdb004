package dev.autoeditor.train.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ProcessMemoryTest {
    @Test
    void parsesTheKilobyteFields() {
        assertEquals(123456, ProcessMemory.parseKb("\t  123456 kB"));
        assertEquals(7, ProcessMemory.parseKb("7"));
    }

    @Test
    void readsThisProcesssResidentMemory() {
        if (!Files.exists(Path.of("/proc/self/status"))) {
            assertEquals(-1, ProcessMemory.peakRssMb());
            return;
        }
        double rss = ProcessMemory.rssMb();
        double peak = ProcessMemory.peakRssMb();
        assertTrue(rss > 10, "a JVM holds more than 10 MB: " + rss);
        assertTrue(peak >= rss, peak + " < " + rss);
    }
}
