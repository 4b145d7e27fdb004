package dev.autoeditor.train.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The op events of a Chrome trace written by SameDiff's {@code ProfilingListener}, summed by op type
 * and split into forward and backward. The listener writes one complete event ("ph": "X") per executed
 * op: {@code name} is the op type (matmul, add, softmax_bp, ...), {@code args.name} the op's name in the
 * graph, {@code dur} the microseconds from just before to just after its execution. It leaves the JSON
 * array open (Chrome's trace viewer accepts that), so the reader closes it.
 */
public final class OpTrace {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One executed op. */
    public record Event(String type, String name, long micros) {}

    /** Time and calls of one op type, per profiled step. */
    public record TypeTotal(String type, double callsPerStep, double forwardMs, double backwardMs) {
        public double totalMs() {
            return forwardMs + backwardMs;
        }
    }

    private OpTrace() {}

    /** Every op event of the trace file, in the order written. */
    public static List<Event> read(Path trace) throws IOException {
        String text = Files.readString(trace).strip();
        if (text.endsWith(",")) text = text.substring(0, text.length() - 1);
        if (!text.endsWith("]")) text = text + "]";
        List<Event> events = new ArrayList<>();
        for (JsonNode e : JSON.readTree(text)) {
            if (!"X".equals(e.path("ph").asText()) || !e.has("dur")) continue;
            events.add(new Event(e.path("name").asText(), e.path("args").path("name").asText(), e.path("dur").asLong()));
        }
        return events;
    }

    /**
     * Totals by op type, largest first, per step over {@code steps} profiled steps; an op whose graph
     * name is one of {@code forwardOps} (the ops of the network and its loss) counts as forward, any
     * other (the ops SameDiff added for the gradients) as backward.
     */
    public static List<TypeTotal> byType(List<Event> events, Set<String> forwardOps, int steps) {
        Map<String, long[]> sums = new LinkedHashMap<>(); // calls, forward us, backward us
        for (Event e : events) {
            long[] s = sums.computeIfAbsent(e.type(), k -> new long[3]);
            s[0]++;
            s[forwardOps.contains(e.name()) ? 1 : 2] += e.micros();
        }
        List<TypeTotal> out = new ArrayList<>();
        for (Map.Entry<String, long[]> e : sums.entrySet()) {
            long[] s = e.getValue();
            out.add(new TypeTotal(e.getKey(), (double) s[0] / steps, s[1] / 1000.0 / steps, s[2] / 1000.0 / steps));
        }
        out.sort(Comparator.comparingDouble(TypeTotal::totalMs).reversed().thenComparing(TypeTotal::type));
        return out;
    }

    /** Matrix products: SameDiff's matmul and tensormmul ops and their gradient ops. */
    public static boolean isMatrixProduct(String type) {
        return type.contains("matmul") || type.contains("mmul");
    }
}
