package dev.autoeditor.train.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpTraceTest {
    /** As ProfilingListener writes it: one event per line, the array left open after a trailing comma. */
    private static final String TRACE = """
            [{"name":"matmul","categories":["Op"],"ph":"X","ts":10,"dur":300,"tts":null,"pid":1,"tid":1,"args":{"name":"matmul_1"},"cname":null},
            {"name":"add","categories":["Op"],"ph":"X","ts":320,"dur":40,"tts":null,"pid":1,"tid":1,"args":{"name":"add_1"},"cname":null},
            {"name":"matmul_bp","categories":["Op"],"ph":"X","ts":400,"dur":600,"tts":null,"pid":1,"tid":1,"args":{"name":"matmul_bp_1"},"cname":null},
            {"name":"add","categories":["Op"],"ph":"X","ts":1000,"dur":20,"tts":null,"pid":1,"tid":1,"args":{"name":"add_9"},"cname":null},
            """;

    @Test
    void readsTheOpenArrayAndSplitsForwardFromBackward(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("trace.json");
        Files.writeString(file, TRACE);
        List<OpTrace.Event> events = OpTrace.read(file);
        assertEquals(4, events.size());
        assertEquals(new OpTrace.Event("matmul", "matmul_1", 300), events.get(0));

        // Two profiled steps; matmul_1 and add_1 are the network's ops, the rest the gradient's.
        List<OpTrace.TypeTotal> types = OpTrace.byType(events, Set.of("matmul_1", "add_1"), 2);
        assertEquals(List.of("matmul_bp", "matmul", "add"), types.stream().map(OpTrace.TypeTotal::type).toList());
        OpTrace.TypeTotal add = types.get(2);
        assertEquals(1.0, add.callsPerStep());
        assertEquals(0.02, add.forwardMs(), 1e-9);
        assertEquals(0.01, add.backwardMs(), 1e-9);
        assertEquals(0.3, types.get(0).backwardMs(), 1e-9);
        assertEquals(0.0, types.get(0).forwardMs());
    }

    @Test
    void matrixProductsAreTheMatmulFamily() {
        assertTrue(OpTrace.isMatrixProduct("matmul"));
        assertTrue(OpTrace.isMatrixProduct("matmul_bp"));
        assertTrue(OpTrace.isMatrixProduct("tensormmul"));
        assertFalse(OpTrace.isMatrixProduct("multiply"));
    }
}
