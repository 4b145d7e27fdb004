package dev.autoeditor.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autoeditor.timeline.KeyframeColumns;
import dev.autoeditor.util.AtomicFiles;
import dev.autoeditor.util.UserException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fitted normalisation of the seven regression fields: z = (x - center) / scale per field. Fitted
 * once on the training split (active entries only), saved as JSON with its provenance, and reused
 * unchanged by window, evaluate and generate.
 *
 * @param method     "standard" (mean, standard deviation) or "robust" (median, interquartile range)
 * @param center     per regression field, in {@link KeyframeColumns#REGRESSION_FIELDS} order
 * @param scale      per regression field, never 0
 * @param provenance input hash, config, version and time of the fit
 */
public record Normaliser(String method, double[] center, double[] scale, Map<String, Object> provenance) {
    public static final String FORMAT = "auto-editor-normaliser/1";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public Normaliser {
        if (center.length != KeyframeColumns.REGRESSIONS || scale.length != KeyframeColumns.REGRESSIONS) {
            throw new IllegalArgumentException("normaliser needs " + KeyframeColumns.REGRESSIONS + " fields");
        }
        for (double s : scale) if (!(s > 0) || !Double.isFinite(s)) throw new IllegalArgumentException("scale must be positive, got " + s);
    }

    /** The identity (center 0, scale 1). */
    public static Normaliser identity() {
        double[] c = new double[KeyframeColumns.REGRESSIONS];
        double[] s = new double[KeyframeColumns.REGRESSIONS];
        java.util.Arrays.fill(s, 1.0);
        return new Normaliser("identity", c, s, new LinkedHashMap<>());
    }

    public float normalise(int field, double value) {
        return (float) ((value - center[field]) / scale[field]);
    }

    public double denormalise(int field, double z) {
        return z * scale[field] + center[field];
    }

    /** The document {@link #save} writes: format, method, fields, center, scale, provenance. Checkpoints embed it as is. */
    public ObjectNode toDocument() {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("format", FORMAT);
        doc.put("method", method);
        ArrayNode fields = doc.putArray("fields");
        KeyframeColumns.REGRESSION_FIELDS.forEach(fields::add);
        ArrayNode c = doc.putArray("center");
        for (double v : center) c.add(v);
        ArrayNode s = doc.putArray("scale");
        for (double v : scale) s.add(v);
        doc.set("provenance", JSON.valueToTree(provenance));
        return doc;
    }

    /**
     * Reads a normaliser document (a normaliser.json, or the "normaliser" of a checkpoint); {@code where}
     * names it in errors (a file, or "checkpoint X").
     */
    @SuppressWarnings("unchecked")
    public static Normaliser fromDocument(JsonNode doc, String where) {
        if (doc == null || !doc.isObject()) {
            throw new UserException(where + " holds no normaliser document; retrain or re-run `auto-editor preprocess`");
        }
        if (!FORMAT.equals(doc.path("format").asText())) {
            throw new UserException(where + ": normaliser format is '" + doc.path("format").asText() + "', expected " + FORMAT
                    + "; re-run `auto-editor preprocess`");
        }
        List<String> fields = new ArrayList<>();
        doc.path("fields").forEach(f -> fields.add(f.asText()));
        if (!fields.equals(KeyframeColumns.REGRESSION_FIELDS)) {
            throw new UserException(where + ": normaliser fields are " + fields + ", this version expects "
                    + KeyframeColumns.REGRESSION_FIELDS + "; re-run `auto-editor preprocess`");
        }
        try {
            double[] center = numbers(doc.path("center"));
            double[] scale = numbers(doc.path("scale"));
            Map<String, Object> prov = doc.path("provenance").isObject()
                    ? JSON.convertValue(doc.path("provenance"), LinkedHashMap.class) : new LinkedHashMap<>();
            return new Normaliser(doc.path("method").asText(), center, scale, prov);
        } catch (IllegalArgumentException e) {
            throw new UserException(where + ": the normaliser is invalid (" + e.getMessage() + "); re-run `auto-editor preprocess`", e);
        }
    }

    private static double[] numbers(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            if (!array.get(i).isNumber()) throw new IllegalArgumentException("'" + array.get(i) + "' is not a number");
            out[i] = array.get(i).asDouble();
        }
        return out;
    }

    /** Equal when method, centres, scales and provenance are (arrays by content, not identity). */
    @Override
    public boolean equals(Object o) {
        return o instanceof Normaliser n && sameStatistics(n) && provenance.equals(n.provenance);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * method.hashCode() + Arrays.hashCode(center)) + Arrays.hashCode(scale);
    }

    @Override
    public String toString() {
        return "Normaliser[" + method + ", center " + Arrays.toString(center) + ", scale " + Arrays.toString(scale) + "]";
    }

    /** True when both normalise identically: same method, centres and scales (provenance aside). */
    public boolean sameStatistics(Normaliser other) {
        return method.equals(other.method) && Arrays.equals(center, other.center) && Arrays.equals(scale, other.scale);
    }

    public void save(Path file) throws IOException {
        AtomicFiles.writeString(file, JSON.writeValueAsString(toDocument()));
    }

    public static Normaliser load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UserException("normaliser " + file + " not found; run `auto-editor preprocess` first");
        }
        JsonNode doc;
        try {
            doc = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UserException("normaliser " + file + " is unreadable (" + e.getMessage() + "); rerun `auto-editor preprocess`", e);
        }
        return fromDocument(doc, "normaliser " + file);
    }
}
