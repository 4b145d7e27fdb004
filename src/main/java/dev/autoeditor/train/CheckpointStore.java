package dev.autoeditor.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.autoeditor.data.DataSpec;
import dev.autoeditor.model.ModelConfig;
import dev.autoeditor.model.Network;
import dev.autoeditor.util.AtomicFiles;
import dev.autoeditor.util.Hashing;
import dev.autoeditor.util.Provenance;
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
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A folder of checkpoints. Each is {@code NAME.json} (format 2, {@link CheckpointInfo}) beside
 * {@code NAME-sSTEP.npz}, the parameters and the optimizer's moments by name ({@link NpzArchive}). The
 * graph is not saved: it is built again in code from the JSON's kind and architecture, and the arrays
 * are loaded into it by name. The weights are written first under a temporary name and moved into
 * place, then the JSON (which names them and holds their SHA-256) is moved over the old one: the
 * JSON's move is the commit, so a crash at any moment leaves the previous checkpoint intact.
 * Periodic checkpoints are {@code epoch-NNNN}; only the newest {@code keep_last} are kept.
 */
public final class CheckpointStore {
    public static final String LAST = "last";
    public static final String BEST = "best";
    /** Prefixes of the arrays in a weights file: parameters, and the optimizer's moments (PARAM/M, PARAM/V). */
    static final String PARAM = "param/";
    static final String OPTIMIZER = "optimizer/";
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

    /**
     * Writes checkpoint {@code info.name()}: the network's parameters and, when {@code optimizer} is
     * given, its moments (what an exact resume needs).
     */
    public CheckpointInfo save(Network network, Optimizer optimizer, CheckpointInfo info) {
        try {
            Files.createDirectories(dir);
            String weightsName = info.name() + "-s" + info.step() + ".npz";
            Path weights = dir.resolve(weightsName);
            Map<String, INDArray> arrays = new LinkedHashMap<>();
            network.parameters().forEach((k, v) -> arrays.put(PARAM + k, v));
            if (optimizer != null) optimizer.state().forEach((k, v) -> arrays.put(OPTIMIZER + k, v));
            AtomicFiles.write(weights, tmp -> NpzArchive.write(tmp, arrays));
            CheckpointInfo saved = info.withWeights(weightsName, Hashing.sha256(weights));
            writeJson(saved);
            deleteStaleWeights(info.name(), weightsName);
            return saved;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + info.name() + " in " + dir, e);
        }
    }

    /** Adds the calibration tuned when training ended to checkpoint {@code name} (its JSON is replaced atomically). */
    public CheckpointInfo calibrate(String name, Calibration calibration) {
        CheckpointInfo calibrated = read(jsonOf(name)).withCalibration(calibration);
        try {
            writeJson(calibrated);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + name + " in " + dir, e);
        }
        return calibrated;
    }

    private void writeJson(CheckpointInfo info) throws IOException {
        AtomicFiles.writeString(jsonOf(info.name()), JSON.writeValueAsString(toMap(info)) + "\n");
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

    /** Every checkpoint present: last, best, then the periodic ones. */
    public List<String> names() {
        List<String> out = new ArrayList<>();
        for (String n : List.of(LAST, BEST)) if (Files.isRegularFile(jsonOf(n))) out.add(n);
        out.addAll(periodicNames());
        return out;
    }

    /**
     * Where an interrupted run in this folder resumes: the intact checkpoint (JSON readable, weights
     * present with their recorded SHA-256) with the most steps, last preferred at a tie, then the newest
     * periodic one, then best; and every checkpoint found damaged, by name, with why.
     *
     * @param json    the checkpoint to resume from, or null when none is intact
     * @param damaged name ("last", "epoch-0002") to what is wrong with it
     */
    public record ResumePoint(Path json, long step, Map<String, String> damaged) {}

    public ResumePoint newestIntact() {
        List<String> order = new ArrayList<>();
        if (Files.exists(jsonOf(LAST))) order.add(LAST);
        List<String> periodic = new ArrayList<>(periodicNames());
        java.util.Collections.reverse(periodic);
        order.addAll(periodic);
        if (Files.exists(jsonOf(BEST))) order.add(BEST);
        Path json = null;
        long step = -1;
        Map<String, String> damaged = new LinkedHashMap<>();
        for (String name : order) {
            try {
                long s = read(jsonOf(name)).step();
                if (s > step) {
                    json = jsonOf(name);
                    step = s;
                }
            } catch (UserException e) {
                damaged.put(name, e.getMessage());
            }
        }
        return new ResumePoint(json, step, damaged);
    }

    /**
     * Moves a damaged checkpoint out of the folder's view, nothing deleted: NAME.json and its weights
     * files get the suffix {@code .damaged}, so listing, pruning, calibration and the final model pass
     * it by, and the next save of that name starts clean.
     */
    public void setAside(String name) {
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                String f = p.getFileName().toString();
                if (f.equals(name + ".json") || (f.startsWith(name + "-s") && f.endsWith(".npz"))) {
                    AtomicFiles.move(p, p.resolveSibling(f + ".damaged"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set damaged checkpoint " + name + " aside in " + dir, e);
        }
    }

    /**
     * The checkpoint JSON {@code path} means: the file itself, or in a folder its best.json (else
     * last.json) when {@code preferBest}, its last.json otherwise.
     */
    public static Path resolve(Path path, boolean preferBest) {
        if (!Files.isDirectory(path)) return path;
        Path best = path.resolve(BEST + ".json");
        return preferBest && Files.isRegularFile(best) ? best : path.resolve(LAST + ".json");
    }

    /**
     * Reads a checkpoint's JSON and checks its weights' SHA-256. {@code path} is a checkpoint JSON or
     * a folder (its last.json).
     */
    public static CheckpointInfo read(Path path) {
        Path json = resolve(path, false);
        if (!Files.isRegularFile(json)) {
            throw new UserException("checkpoint " + json + " not found; train first, or name a checkpoint's .json");
        }
        Map<String, Object> doc;
        try {
            doc = JSON.readValue(json.toFile(), Map.class);
        } catch (IOException | RuntimeException e) {
            throw new UserException("checkpoint " + json + " is corrupt or not a checkpoint (" + firstLine(e) + "); use another checkpoint in " + json.getParent(), e);
        }
        Object format = doc.get("format");
        if (!CheckpointInfo.FORMAT.equals(format)) {
            throw new UserException("checkpoint " + json + " is format " + format + "; this version reads " + CheckpointInfo.FORMAT
                    + " only (a model that carries its normaliser and is loaded by name): retrain it, with `auto-editor full-run` "
                    + "in its run directory (the training phases run again by themselves) or `auto-editor pretrain --data WINDOWS --out DIR --force`");
        }
        CheckpointInfo info;
        try {
            info = fromMap(doc, json);
        } catch (UserException e) {
            throw e;
        } catch (dev.autoeditor.config.ConfigException e) {
            // The architecture is checked as settings are: a value no model can have was written by hand.
            throw new UserException("checkpoint " + json + " has model settings no model can have (" + e.getMessage().replace("config key ", "")
                    + "; edited by hand?); restore it from a backup, or use another checkpoint in " + json.getParent(), e);
        } catch (RuntimeException e) {
            throw new UserException("checkpoint " + json + " is corrupt or not a checkpoint (" + firstLine(e) + "); use another checkpoint in " + json.getParent(), e);
        }
        Path weights = json.resolveSibling(info.weightsFile());
        if (!Files.isRegularFile(weights)) {
            throw new UserException("checkpoint " + json + " names weights " + weights.getFileName() + ", which are missing; "
                    + "copy them beside it, or use another checkpoint");
        }
        String sha;
        try {
            sha = Hashing.sha256(weights);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + weights, e);
        }
        if (!sha.equals(info.weightsSha256())) {
            throw new UserException("checkpoint weights " + weights + " are corrupt: SHA-256 " + sha + " differs from "
                    + info.weightsSha256() + " recorded in " + json.getFileName() + "; use another checkpoint");
        }
        return info;
    }

    /** The arrays of a checked checkpoint's weights file: parameters and optimizer moments, by name. */
    public static Weights weights(Path json, CheckpointInfo info) {
        Path file = json.resolveSibling(info.weightsFile());
        Map<String, INDArray> params = new LinkedHashMap<>();
        Map<String, INDArray> optimizer = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, INDArray> e : NpzArchive.read(file).entrySet()) {
                if (e.getKey().startsWith(PARAM)) params.put(e.getKey().substring(PARAM.length()), e.getValue());
                else if (e.getKey().startsWith(OPTIMIZER)) optimizer.put(e.getKey().substring(OPTIMIZER.length()), e.getValue());
                else throw new IOException("unexpected array " + e.getKey());
            }
        } catch (IOException | RuntimeException e) {
            throw new UserException("checkpoint weights " + file + " cannot be read (" + firstLine(e) + "); use another checkpoint", e);
        }
        return new Weights(params, optimizer, "checkpoint " + json);
    }

    static Map<String, Object> toMap(CheckpointInfo c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", CheckpointInfo.FORMAT);
        m.put("kind", c.kind());
        m.put("name", c.name());
        m.put("weights", c.weightsFile());
        m.put("weights_sha256", c.weightsSha256());
        m.put("model", c.model().toMap());
        m.put("normaliser", c.data().normaliser().toDocument());
        m.put("data", c.data().toDocument());
        m.put("calibration", c.calibration() == null ? null : c.calibration().toMap());
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("phase", c.phase());
        training.put("objective", c.objective());
        training.putAll(c.state().toMap());
        training.put("rng", c.rng());
        m.put("training", training);
        m.put("provenance", c.provenance().toMap());
        m.put("config", c.config());
        return m;
    }

    @SuppressWarnings("unchecked")
    static CheckpointInfo fromMap(Map<String, Object> m, Path json) {
        JsonNode tree = JSON.valueToTree(m);
        DataSpec data = DataSpec.fromDocument(tree.get("data"), tree.get("normaliser"), "checkpoint " + json);
        Map<String, Object> training = (Map<String, Object>) m.get("training");
        Object calibration = m.get("calibration");
        return new CheckpointInfo((String) m.get("name"), (String) m.get("kind"), (String) m.get("weights"),
                (String) m.get("weights_sha256"), ModelConfig.fromMap((Map<String, ?>) m.get("model")), data,
                (String) training.get("phase"), (String) training.get("objective"), TrainingState.fromMap(training),
                calibration instanceof Map<?, ?> c ? Calibration.fromMap((Map<String, Object>) c) : null,
                (Map<String, Object>) training.get("rng"), (Map<String, Object>) m.get("config"),
                Provenance.fromMap((Map<String, ?>) m.get("provenance")));
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

    /** Deletes NAME-s*.npz files other than {@code keep}. */
    private void deleteStaleWeights(String name, String keep) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                String f = p.getFileName().toString();
                if (f.startsWith(name + "-s") && f.endsWith(".npz") && !f.equals(keep)) Files.deleteIfExists(p);
            }
        }
    }

    private static String stem(Path json) {
        String f = json.getFileName().toString();
        return f.substring(0, f.length() - ".json".length());
    }

    private static String firstLine(Throwable e) {
        String msg = String.valueOf(e.getMessage());
        int nl = msg.indexOf('\n');
        return nl < 0 ? msg : msg.substring(0, nl);
    }
}
