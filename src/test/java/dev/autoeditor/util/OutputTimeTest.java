package dev.autoeditor.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class OutputTimeTest {
    private static final Instant NOW = Instant.parse("2024-05-01T12:34:56.789Z");

    @Test
    void nowToTheSecondUnlessSourceDateEpochIsSet() {
        assertEquals("2024-05-01T12:34:56Z", OutputTime.of(null, NOW));
        assertEquals("2024-05-01T12:34:56Z", OutputTime.of("  ", NOW));
        assertEquals("2023-11-14T22:13:20Z", OutputTime.of("1700000000", NOW));
        assertEquals("1970-01-01T00:00:00Z", OutputTime.of("0", NOW));
    }

    @Test
    void aBadValueIsAnErrorThatSaysWhatToSet() {
        for (String bad : new String[] {"yesterday", "-5", "1.5e9"}) {
            UserException e = assertThrows(UserException.class, () -> OutputTime.of(bad, NOW));
            assertTrue(e.getMessage().contains("SOURCE_DATE_EPOCH is '" + bad + "'") && e.getMessage().contains("date +%s"), e.getMessage());
        }
    }
}
