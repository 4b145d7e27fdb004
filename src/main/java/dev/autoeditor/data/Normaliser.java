package dev.autoeditor.data;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.autoeditor.timeline.KeyframeColumns;
import dev.autoeditor.util.AtomicFiles;
import dev.autoeditor.util.UserException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
        return new Normaliser("identity", c, s, Map.of());
    }

    public float normalise(int field, double value) {
        return (float) ((value - center[field]) / scale[field]);
    }

    public double denormalise(int field, double z) {
        return z * scale[field] + center[field];
    }

    public void save(Path file) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("format", "auto-editor-normaliser/1");
        doc.put("method", method);
        doc.put("fields", KeyframeColumns.REGRESSION_FIELDS);
        doc.put("center", center);
        doc.put("scale", scale);
        doc.put("provenance", provenance);
        AtomicFiles.writeString(file, JSON.writeValueAsString(doc));
    }

    @SuppressWarnings("unchecked")
    public static Normaliser load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UserException("normaliser " + file + " not found; run `auto-editor preprocess` first");
        }
        try {
            Map<String, Object> doc = JSON.readValue(file.toFile(), Map.class);
            List<Number> c = (List<Number>) doc.get("center");
            List<Number> s = (List<Number>) doc.get("scale");
            double[] center = c.stream().mapToDouble(Number::doubleValue).toArray();
            double[] scale = s.stream().mapToDouble(Number::doubleValue).toArray();
            Map<String, Object> prov = (Map<String, Object>) doc.getOrDefault("provenance", Map.of());
            return new Normaliser(String.valueOf(doc.get("method")), center, scale, prov);
        } catch (IOException | RuntimeException e) {
            throw new UserException("normaliser " + file + " is unreadable (" + e.getMessage() + "); rerun `auto-editor preprocess`", e);
        }
    }
}
