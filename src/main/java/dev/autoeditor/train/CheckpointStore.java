package dev.autoeditor.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.autoeditor.data.BatchIterator;
import dev.autoeditor.model.ModelConfig;
import dev.autoeditor.model.TransformerModel;
import dev.autoeditor.util.AtomicFiles;
import dev.autoeditor.util.Hashing;
import dev.autoeditor.util.UserException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * A folder of checkpoints. Each is {@code NAME.json} beside {@code NAME-sSTEP.sd} (SameDiff graph,
 * weights and Adam state). The weights are written first under a temporary name and moved into
 * place, then the JSON (which names them and holds their SHA-256) is moved over the old one: the
 * JSON's move is the commit, so a crash at any moment leaves the previous checkpoint intact.
 * Periodic checkpoints are {@code epoch-NNNN}; only the newest {@code keep_last} are kept.
 */
public final class CheckpointStore {
    public static final String LAST = "last";
    public static final String BEST = "best";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path dir;

    public CheckpointStore(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    public Path jsonOf(String name) {
        return dir.resolve(name + ".json");
    }

    /** Writes checkpoint {@code info.name()} with the model's weights and updater state. */
    public CheckpointInfo save(TransformerModel model, CheckpointInfo info) {
        try {
            Files.createDirectories(dir);
            String weightsName = info.name() + "-s" + info.step() + ".sd";
            Path weights = dir.resolve(weightsName);
            AtomicFiles.write(weights, tmp -> model.save(tmp.toFile(), true));
            CheckpointInfo saved = new CheckpointInfo(info.name(), weightsName, Hashing.sha256(weights), info.epochsDone(),
                    info.step(), info.position(), info.model(), info.bestValLoss(), info.epochsWithoutImprovement(),
                    info.valLoss(), info.rng(), info.config(), info.normaliser(), info.provenance());
            AtomicFiles.writeString(jsonOf(info.name()), JSON.writeValueAsString(toMap(saved)));
            deleteStaleWeights(info.name(), weightsName);
            return saved;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + info.name() + " in " + dir, e);
        }
    }

    /** Keeps the newest {@code keep} epoch-NNNN checkpoints, deleting older ones (JSON first). */
    public void prunePeriodic(int keep) {
        List<Path> periodic = list("epoch-");
        for (int i = 0; i < periodic.size() - keep; i++) {
            String name = stem(periodic.get(i));
            try {
                Files.deleteIfExists(periodic.get(i));
                deleteStaleWeights(name, null);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete old checkpoint " + periodic.get(i), e);
            }
        }
    }

    /** The names of the periodic checkpoints present, oldest first. */
    public List<String> periodicNames() {
        return list("epoch-").stream().map(CheckpointStore::stem).toList();
    }

    /**
     * Reads a checkpoint's JSON and checks its weights' SHA-256. {@code path} is a checkpoint JSON or
     * a folder (its last.json).
     */
    public static CheckpointInfo read(Path path) {
        Path json = Files.isDirectory(path) ? path.resolve(LAST + ".json") : path;
        if (!Files.isRegularFile(json)) {
            throw new UserException("checkpoint " + json + " not found; train first, or pass --resume PATH with a checkpoint's .json");
        }
        CheckpointInfo info;
        try {
            info = fromMap(JSON.readValue(json.toFile(), Map.class));
        } catch (IOException | RuntimeException e) {
            throw new UserException("checkpoint " + json + " is corrupt or not a checkpoint (" + firstLine(e) + "); resume from another checkpoint in " + json.getParent(), e);
        }
        Path weights = json.resolveSibling(info.weightsFile());
        if (!Files.isRegularFile(weights)) {
            throw new UserException("checkpoint " + json + " names weights " + weights.getFileName() + ", which are missing; resume from another checkpoint");
        }
        String sha;
        try {
            sha = Hashing.sha256(weights);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + weights, e);
        }
        if (!sha.equals(info.weightsSha256())) {
            throw new UserException("checkpoint weights " + weights + " are corrupt: SHA-256 " + sha + " differs from "
                    + info.weightsSha256() + " recorded in " + json.getFileName() + "; resume from another checkpoint");
        }
        return info;
    }

    /** Loads the model (and its updater state) a checked checkpoint names. */
    public static TransformerModel loadModel(Path json, CheckpointInfo info) {
        Path weights = (Files.isDirectory(json) ? json : json.getParent()).resolve(info.weightsFile());
        try {
            return new TransformerModel(SameDiff.load(weights.toFile(), true), info.model());
        } catch (RuntimeException e) {
            throw new UserException("checkpoint weights " + weights + " cannot be loaded (" + firstLine(e) + "); resume from another checkpoint", e);
        }
    }

    static Map<String, Object> toMap(CheckpointInfo c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", CheckpointInfo.FORMAT);
        m.put("name", c.name());
        m.put("weights", c.weightsFile());
        m.put("weights_sha256", c.weightsSha256());
        m.put("epochs_done", c.epochsDone());
        m.put("step", c.step());
        m.put("data_position", c.position().toMap());
        m.put("model", c.model().toMap());
        m.put("best_val_loss", finiteOrNull(c.bestValLoss()));
        m.put("epochs_without_improvement", c.epochsWithoutImprovement());
        m.put("val_loss", finiteOrNull(c.valLoss()));
        m.put("rng", c.rng());
        m.put("normaliser", c.normaliser());
        m.put("provenance", c.provenance());
        m.put("config", c.config());
        return m;
    }

    @SuppressWarnings("unchecked")
    static CheckpointInfo fromMap(Map<String, Object> m) {
        if (!CheckpointInfo.FORMAT.equals(m.get("format"))) {
            throw new IllegalArgumentException("format is " + m.get("format") + ", expected " + CheckpointInfo.FORMAT);
        }
        return new CheckpointInfo((String) m.get("name"), (String) m.get("weights"), (String) m.get("weights_sha256"),
                ((Number) m.get("epochs_done")).intValue(), ((Number) m.get("step")).longValue(),
                BatchIterator.Position.fromMap((Map<String, ?>) m.get("data_position")),
                ModelConfig.fromMap((Map<String, ?>) m.get("model")), number(m.get("best_val_loss")),
                ((Number) m.get("epochs_without_improvement")).intValue(), number(m.get("val_loss")),
                (Map<String, Object>) m.get("rng"), (Map<String, Object>) m.get("config"),
                (Map<String, Object>) m.get("normaliser"), (Map<String, Object>) m.get("provenance"));
    }

    private List<Path> list(String prefix) {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return new ArrayList<>(s.filter(p -> p.getFileName().toString().startsWith(prefix) && p.toString().endsWith(".json"))
                    .sorted().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes NAME-s*.sd files other than {@code keep}. */
    private void deleteStaleWeights(String name, String keep) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                String f = p.getFileName().toString();
                if (f.startsWith(name + "-s") && f.endsWith(".sd") && !f.equals(keep)) Files.deleteIfExists(p);
            }
        }
    }

    private static String stem(Path json) {
        String f = json.getFileName().toString();
        return f.substring(0, f.length() - ".json".length());
    }

    private static Object finiteOrNull(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static double number(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private static String firstLine(Throwable e) {
        String msg = String.valueOf(e.getMessage());
        int nl = msg.indexOf('\n');
        return nl < 0 ? msg : msg.substring(0, nl);
    }
}
