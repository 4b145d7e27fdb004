package dev.autoeditor.prefs;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autoeditor.timeline.table.NumberText;
import dev.autoeditor.timeline.table.SamplingRate;
import dev.autoeditor.util.Hashing;
import dev.autoeditor.util.UserException;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;

/**
 * One pair as one line of JSON ({@code auto-editor-pair/1}), keys always in the order of
 * docs/prefs.md, numbers in the keyframe CSV's format ({@link NumberText}), so the same pair always
 * gives the same bytes. Reading is strict: a missing or unknown key, a duplicate key, a wrong type or
 * a value out of range is a {@link PairFormatException} naming the field.
 */
public final class PairJson {
    private static final JsonFactory FACTORY = new JsonFactory();
    /** Fast double parsing (Jackson's FastDoubleParser; same results as Double.parseDouble): rows are mostly numbers. */
    private static final ObjectMapper READER = new ObjectMapper(JsonFactory.builder().enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER).build())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final List<String> PAIR_KEYS = List.of("format", "context", "continuations", "judge", "tie", "time");
    private static final List<String> CONTEXT_KEYS = List.of("export", "sequence", "start_s", "end_s", "fps", "source_sizes", "rows");
    private static final List<String> SIDE_KEYS = List.of("model", "export", "rows");
    private static final List<String> MODEL_KEYS = List.of("sha256", "seed", "temperature");
    private static final List<String> EXPORT_KEYS = List.of("name", "sequence", "sha256");
    private static final List<String> JUDGE_KEYS = List.of("kind", "id");

    private PairJson() {}

    /** The pair as one line of JSON, without the line end. */
    public static String encode(Pair pair) {
        StringWriter text = new StringWriter(4096);
        try (JsonGenerator g = FACTORY.createGenerator(text)) {
            g.writeStartObject();
            g.writeStringField("format", Pair.FORMAT);
            writeContext(g, pair.context());
            g.writeArrayFieldStart("continuations");
            writeSide(g, pair.preferred());
            writeSide(g, pair.other());
            g.writeEndArray();
            g.writeObjectFieldStart("judge");
            g.writeStringField("kind", pair.judge().kind().jsonName());
            g.writeStringField("id", pair.judge().id());
            g.writeEndObject();
            g.writeBooleanField("tie", pair.tie());
            g.writeStringField("time", pair.time().toString());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return text.toString();
    }

    /**
     * SHA-256 of the pair without its time: the same context, continuations, judge and verdict give
     * the same key, so importing a file twice adds nothing the second time.
     */
    public static String contentKey(Pair pair) {
        Pair timeless = new Pair(pair.context(), pair.preferred(), pair.other(), pair.judge(), pair.tie(), Instant.EPOCH);
        return Hashing.sha256(encode(timeless));
    }

    private static void writeContext(JsonGenerator g, PairContext c) throws IOException {
        g.writeObjectFieldStart("context");
        g.writeStringField("export", c.export());
        g.writeStringField("sequence", c.sequence());
        g.writeFieldName("start_s");
        g.writeNumber(NumberText.format(c.startS()));
        g.writeFieldName("end_s");
        g.writeNumber(NumberText.format(c.endS()));
        g.writeStringField("fps", c.frames().fps().toString());
        g.writeArrayFieldStart("source_sizes");
        for (SourceSizes.Size s : c.frames().sizes().entries()) {
            if (s == null) {
                g.writeNull();
                continue;
            }
            g.writeStartArray();
            g.writeNumber(NumberText.format(s.width()));
            g.writeNumber(NumberText.format(s.height()));
            g.writeEndArray();
        }
        g.writeEndArray();
        writeRows(g, c.frames());
        g.writeEndObject();
    }

    private static void writeSide(JsonGenerator g, PairSide side) throws IOException {
        g.writeStartObject();
        g.writeFieldName("model");
        if (side.model() == null) {
            g.writeNull();
        } else {
            g.writeStartObject();
            g.writeStringField("sha256", side.model().sha256());
            g.writeNumberField("seed", side.model().seed());
            g.writeFieldName("temperature");
            g.writeNumber(NumberText.format(side.model().temperature()));
            g.writeEndObject();
        }
        g.writeFieldName("export");
        if (side.export() == null) {
            g.writeNull();
        } else {
            g.writeStartObject();
            g.writeStringField("name", side.export().name());
            g.writeStringField("sequence", side.export().sequence());
            g.writeStringField("sha256", side.export().sha256());
            g.writeEndObject();
        }
        writeRows(g, side.frames());
        g.writeEndObject();
    }

    private static void writeRows(JsonGenerator g, Edit frames) throws IOException {
        g.writeArrayFieldStart("rows");
        for (int i = 0; i < frames.rows(); i++) {
            g.writeStartArray();
            for (double v : frames.trimmedRow(i)) g.writeNumber(NumberText.format(v));
            g.writeEndArray();
        }
        g.writeEndArray();
    }

    /** Reads one line; a PairFormatException names the field that breaks the schema. */
    public static Pair decode(String line) {
        JsonNode root;
        try {
            root = READER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new PairFormatException("not valid JSON (" + e.getOriginalMessage() + " at column " + e.getLocation().getColumnNr() + ")");
        }
        if (root == null || !root.isObject()) throw new PairFormatException("expected a JSON object, found " + describe(root));
        keys(root, "", PAIR_KEYS);
        String format = text(root, "format", "");
        if (!format.equals(Pair.FORMAT)) {
            throw new PairFormatException("format is '" + format + "'; this version reads " + Pair.FORMAT);
        }
        PairContext context = context(object(root, "context", ""));
        JsonNode sides = root.get("continuations");
        if (!sides.isArray() || sides.size() != 2) {
            throw new PairFormatException("continuations: expected an array of 2 continuations, found " + describe(sides));
        }
        PairSide preferred = side(sides.get(0), "continuations[0]", context.frames());
        PairSide other = side(sides.get(1), "continuations[1]", context.frames());
        JsonNode judgeNode = object(root, "judge", "");
        keys(judgeNode, "judge.", JUDGE_KEYS);
        PairJudge judge = build("judge", () -> new PairJudge(
                PairJudge.Kind.fromJson(text(judgeNode, "kind", "judge.")), text(judgeNode, "id", "judge.")));
        JsonNode tie = root.get("tie");
        if (!tie.isBoolean()) throw new PairFormatException("tie: expected true or false, found " + describe(tie));
        String timeText = text(root, "time", "");
        Instant time;
        try {
            time = Instant.parse(timeText);
        } catch (DateTimeParseException e) {
            throw new PairFormatException("time: '" + timeText + "' is not an ISO-8601 UTC time such as 2024-05-01T12:00:00Z");
        }
        return build("pair", () -> new Pair(context, preferred, other, judge, tie.booleanValue(), time));
    }

    private static PairContext context(JsonNode node) {
        keys(node, "context.", CONTEXT_KEYS);
        String fpsText = text(node, "fps", "context.");
        SamplingRate fps;
        try {
            fps = SamplingRate.parse(fpsText, "context.fps");
        } catch (UserException e) {
            throw new PairFormatException(e.getMessage());
        }
        if (fps.isNative()) throw new PairFormatException("context.fps is 'native'; a pair states its rate, e.g. 5 or 30000/1001");
        SourceSizes sizes = sizes(node.get("source_sizes"));
        Edit frames = rows(node.get("rows"), "context.rows", fps, sizes);
        double start = number(node, "start_s", "context.");
        double end = number(node, "end_s", "context.");
        return build("context", () -> new PairContext(text(node, "export", "context."), text(node, "sequence", "context."),
                start, end, frames));
    }

    private static SourceSizes sizes(JsonNode node) {
        if (!node.isArray()) throw new PairFormatException("context.source_sizes: expected an array, found " + describe(node));
        List<SourceSizes.Size> sizes = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode s = node.get(i);
            String where = "context.source_sizes[" + i + "]";
            if (s.isNull()) {
                sizes.add(null);
                continue;
            }
            if (!s.isArray() || s.size() != 2 || !s.get(0).isNumber() || !s.get(1).isNumber()) {
                throw new PairFormatException(where + ": expected [width, height] as multiples of the frame, or null, found " + describe(s));
            }
            sizes.add(build(where, () -> new SourceSizes.Size(s.get(0).doubleValue(), s.get(1).doubleValue())));
        }
        return SourceSizes.of(sizes);
    }

    private static PairSide side(JsonNode node, String where, Edit context) {
        if (node == null || !node.isObject()) throw new PairFormatException(where + ": expected an object, found " + describe(node));
        keys(node, where + ".", SIDE_KEYS);
        JsonNode m = node.get("model");
        ModelRef model = null;
        if (!m.isNull()) {
            if (!m.isObject()) throw new PairFormatException(where + ".model: expected an object or null, found " + describe(m));
            keys(m, where + ".model.", MODEL_KEYS);
            JsonNode seed = m.get("seed");
            if (!seed.isIntegralNumber() || !seed.canConvertToLong()) {
                throw new PairFormatException(where + ".model.seed: expected a whole number, found " + describe(seed));
            }
            double temperature = number(m, "temperature", where + ".model.");
            model = build(where + ".model", () -> new ModelRef(text(m, "sha256", where + ".model."), seed.longValue(), temperature));
        }
        JsonNode x = node.get("export");
        ExportRef export = null;
        if (!x.isNull()) {
            if (!x.isObject()) throw new PairFormatException(where + ".export: expected an object or null, found " + describe(x));
            keys(x, where + ".export.", EXPORT_KEYS);
            export = build(where + ".export", () -> new ExportRef(text(x, "name", where + ".export."),
                    text(x, "sequence", where + ".export."), text(x, "sha256", where + ".export.")));
        }
        Edit frames = rows(node.get("rows"), where + ".rows", context.fps(), context.sizes());
        ModelRef fm = model;
        ExportRef fx = export;
        return build(where, () -> new PairSide(fm, fx, frames));
    }

    private static Edit rows(JsonNode node, String where, SamplingRate fps, SourceSizes sizes) {
        if (!node.isArray()) throw new PairFormatException(where + ": expected an array of rows, found " + describe(node));
        List<double[]> rows = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            JsonNode r = node.get(i);
            if (!r.isArray()) throw new PairFormatException(where + "[" + i + "]: expected an array of numbers, found " + describe(r));
            double[] row = new double[r.size()];
            for (int j = 0; j < row.length; j++) {
                JsonNode v = r.get(j);
                if (!v.isNumber()) {
                    throw new PairFormatException(where + "[" + i + "][" + j + "]: expected a number, found " + describe(v));
                }
                row[j] = v.doubleValue();
            }
            rows.add(row);
        }
        return build(where, () -> Edit.of(fps, rows, sizes));
    }

    private static void keys(JsonNode node, String prefix, List<String> expected) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!expected.contains(k)) {
                throw new PairFormatException(prefix + k + ": unknown key; " + Pair.FORMAT + " has " + String.join(", ", expected) + " here");
            }
        }
        for (String k : expected) {
            if (!node.has(k)) throw new PairFormatException(prefix + k + ": missing");
        }
    }

    private static JsonNode object(JsonNode parent, String key, String prefix) {
        JsonNode n = parent.get(key);
        if (!n.isObject()) throw new PairFormatException(prefix + key + ": expected an object, found " + describe(n));
        return n;
    }

    private static String text(JsonNode parent, String key, String prefix) {
        JsonNode n = parent.get(key);
        if (n == null || !n.isTextual()) throw new PairFormatException(prefix + key + ": expected a string, found " + describe(n));
        return n.textValue();
    }

    private static double number(JsonNode parent, String key, String prefix) {
        JsonNode n = parent.get(key);
        if (n == null || !n.isNumber()) throw new PairFormatException(prefix + key + ": expected a number, found " + describe(n));
        return n.doubleValue();
    }

    private static String describe(JsonNode n) {
        if (n == null || n.isMissingNode()) return "nothing";
        String t = n.toString();
        return t.length() > 60 ? t.substring(0, 57) + "..." : t;
    }

    /** Runs a record's constructor, turning its IllegalArgumentException into a PairFormatException at {@code where}. */
    private static <T> T build(String where, Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (IllegalArgumentException e) {
            throw new PairFormatException(where + ": " + e.getMessage(), e);
        }
    }
}
