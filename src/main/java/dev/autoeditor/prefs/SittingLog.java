package dev.autoeditor.prefs;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What {@code prefs collect} showed a person and what they answered, one JSON line per event
 * ({@code auto-editor-sitting/1}), kept beside the pair file ({@link #beside}); appended like the
 * pair file (whole lines, one write, forced to disk, a torn last line dropped). It is how a sitting
 * that stopped (q, Ctrl-C, a closed terminal, a crash) continues: the next sitting with the same
 * proposer and judge starts at the first proposal they have not answered. Skips are recorded here
 * and nowhere else: a skipped proposal is not a pair.
 *
 * <pre>{"format":"auto-editor-sitting/1","proposer":"...","judge":"ann","proposal":3,"event":"A","pair":"&lt;sha256&gt;","time":"..."}</pre>
 */
public final class SittingLog {
    public static final String FORMAT = "auto-editor-sitting/1";
    private static final List<String> KEYS = List.of("format", "proposer", "judge", "proposal", "event", "pair", "time");
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final ObjectMapper READER = new ObjectMapper();

    /** What happened to a proposal. */
    public enum Event {
        /** Put on the screen. */
        SHOWN("shown"),
        /** Answered: side A preferred, a pair appended. */
        A("A"),
        /** Answered: side B preferred, a pair appended. */
        B("B"),
        /** Answered: skipped, no pair. */
        SKIP("skip"),
        /** The person stopped the sitting (q) while it was shown. */
        QUIT("quit"),
        /** The sitting was interrupted (Ctrl-C, the input closed) while it was shown. */
        INTERRUPTED("interrupted");

        private final String json;

        Event(String json) {
            this.json = json;
        }

        public String json() {
            return json;
        }

        /** True for A, B and skip: the proposal needs no showing again. */
        public boolean answered() {
            return this == A || this == B || this == SKIP;
        }

        static Event fromJson(String text) {
            for (Event e : values()) if (e.json.equals(text)) return e;
            throw new IllegalArgumentException("event is '" + text + "'; expected shown, A, B, skip, quit or interrupted");
        }
    }

    /** One line: which proposal of which proposer, whose answer, what happened, the pair's content key (A and B), when. */
    public record Entry(String proposer, String judge, long proposal, Event event, String pair, Instant time) {
        public Entry {
            if (proposer == null || judge == null || event == null || time == null) throw new IllegalArgumentException("incomplete sitting log entry");
            if ((pair != null) != (event == Event.A || event == Event.B)) throw new IllegalArgumentException("a pair key goes with A and B only");
            time = time.truncatedTo(ChronoUnit.MILLIS);
        }
    }

    /** The entries of a log, in order, and the lines that were skipped (with their line numbers). */
    public record Lines(List<Entry> entries, List<LineProblem> problems) {
        /** Proposals of {@code proposer} that {@code judge} answered (A, B or skip). */
        public Set<Long> answered(String proposer, String judge) {
            Set<Long> out = new HashSet<>();
            for (Entry e : entries) if (e.event().answered() && e.proposer().equals(proposer) && e.judge().equals(judge)) out.add(e.proposal());
            return out;
        }
    }

    private final Path file;

    public SittingLog(Path file) {
        this.file = file;
    }

    /** The log kept beside a pair file: {@code pairs.jsonl} gives {@code pairs.sittings.jsonl}. */
    public static Path beside(Path pairs) {
        String name = pairs.getFileName().toString();
        String stem = name.endsWith(".jsonl") ? name.substring(0, name.length() - ".jsonl".length()) : name;
        return pairs.resolveSibling(stem + ".sittings.jsonl");
    }

    public Path file() {
        return file;
    }

    public void append(Entry e) throws IOException {
        AppendOnlyLines.append(file, encode(e) + "\n");
    }

    static String encode(Entry e) {
        StringWriter text = new StringWriter(256);
        try (JsonGenerator g = FACTORY.createGenerator(text)) {
            g.writeStartObject();
            g.writeStringField("format", FORMAT);
            g.writeStringField("proposer", e.proposer());
            g.writeStringField("judge", e.judge());
            g.writeNumberField("proposal", e.proposal());
            g.writeStringField("event", e.event().json());
            g.writeStringField("pair", e.pair());
            g.writeStringField("time", e.time().toString());
            g.writeEndObject();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex); // a StringWriter does not fail
        }
        return text.toString();
    }

    /**
     * Reads the log: a missing file has no entries; a line that is not an entry is returned as a
     * problem with its line number (and skipped); a last line without its line end is a torn append.
     */
    public Lines read() throws IOException {
        List<Entry> entries = new ArrayList<>();
        List<LineProblem> problems = new ArrayList<>();
        if (!Files.exists(file)) return new Lines(entries, problems);
        byte[] bytes = Files.readAllBytes(file);
        int start = 0;
        long number = 0;
        while (start < bytes.length) {
            number++;
            int end = start;
            while (end < bytes.length && bytes[end] != '\n') end++;
            if (end == bytes.length) {
                problems.add(new LineProblem(file, number, "no line end: a torn append (the sitting was killed mid-write); dropped,"
                        + " and the next append removes it"));
                break;
            }
            String line;
            try {
                line = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes, start, end - start)).toString().strip();
            } catch (CharacterCodingException e) {
                line = null;
                problems.add(new LineProblem(file, number, "not UTF-8 text; skipped"));
            }
            start = end + 1;
            if (line == null || line.isEmpty()) continue;
            try {
                entries.add(decode(line));
            } catch (IllegalArgumentException e) {
                problems.add(new LineProblem(file, number, e.getMessage() + "; line skipped (format: docs/prefs.md, \"The sitting log\")"));
            }
        }
        return new Lines(entries, problems);
    }

    static Entry decode(String line) {
        JsonNode n;
        try {
            n = READER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (n == null || !n.isObject()) throw new IllegalArgumentException("expected a JSON object");
        for (String k : KEYS) if (!n.has(k)) throw new IllegalArgumentException("missing key '" + k + "'");
        if (n.size() != KEYS.size()) throw new IllegalArgumentException("unknown keys; expected exactly " + KEYS);
        if (!FORMAT.equals(n.get("format").asText())) {
            throw new IllegalArgumentException("format is '" + n.get("format").asText() + "'; this version reads " + FORMAT);
        }
        if (!n.get("proposal").canConvertToLong() || !n.get("proposal").isIntegralNumber() || n.get("proposal").asLong() < 0) {
            throw new IllegalArgumentException("proposal: expected a whole number >= 0, found " + n.get("proposal"));
        }
        for (String k : List.of("proposer", "judge", "event", "time")) {
            if (!n.get(k).isTextual()) throw new IllegalArgumentException(k + ": expected text, found " + n.get(k));
        }
        JsonNode pair = n.get("pair");
        if (!pair.isNull() && !pair.isTextual()) throw new IllegalArgumentException("pair: expected text or null, found " + pair);
        Instant time;
        try {
            time = Instant.parse(n.get("time").asText());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("time: '" + n.get("time").asText() + "' is not an ISO-8601 UTC time");
        }
        return new Entry(n.get("proposer").asText(), n.get("judge").asText(), n.get("proposal").asLong(), Event.fromJson(n.get("event").asText()),
                pair.isNull() ? null : pair.asText(), time);
    }
}
