package dev.autoeditor.train;

import dev.autoeditor.model.GraphNames;
import dev.autoeditor.util.UserException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Adam or AdamW with global-norm clipping, applied by hand to a graph's parameters; public so that a
 * loop in another package (PPO's update epochs) reuses it. The Adam moments live in SameDiff's own
 * updater map; {@link #state()} and {@link #restore} read and write them by parameter name, which is
 * how a checkpoint carries them. A new optimizer always starts with zero moments: a warm start gets
 * a fresh one, so bias correction restarts at step 0 with nothing left over from the source's run.
 * AdamW decays weights (not biases, norms or the embedding) by {@code lr * weight_decay} before the
 * Adam step; plain Adam adds {@code weight_decay * w} to the gradient (L2).
 */
public final class Optimizer {
    /**
     * What the optimizer needs from the settings.
     *
     * @param kind        adam or adamw
     * @param lr          the initial learning rate (each step passes its own)
     * @param weightDecay L2 (adam) or decoupled (adamw) weight decay
     * @param gradClip    global-norm clipping threshold, 0 = off
     */
    public record Settings(String kind, double lr, double weightDecay, double gradClip) {
        public static Settings from(TrainSettings s) {
            return new Settings(s.optimizer(), s.lr(), s.weightDecay(), s.gradClip());
        }
    }

    private final SameDiff sd;
    private final boolean decoupled;
    private final double weightDecay;
    private final double clip;
    private final List<String> params = new ArrayList<>();
    private final Map<String, String> gradientNames = new java.util.HashMap<>();
    /** The name under which SameDiff keeps a graph's gradient function. */
    private static final String GRAD_FUNCTION = "grad";
    /** Per-parameter factor on each step's learning rate (absent: 1). */
    private final Map<String, Double> lrScale = new HashMap<>();

    /**
     * An optimizer over every trainable variable of {@code sd}, with zero moments. The loss must already
     * be attached (the backward graph is built here, from the loss variables).
     */
    public Optimizer(SameDiff sd, Settings s) {
        this(sd, s, Set.of());
    }

    /**
     * An optimizer over every trainable variable of {@code sd} but the {@code frozen} ones, with zero
     * moments. A frozen parameter is not among {@link #parameters()}: no gradient is asked for it, it
     * gets no update and no weight decay, and it has no moments in {@link #state()} (so a checkpoint of a
     * run with frozen layers resumes only with the same ones frozen).
     */
    public Optimizer(SameDiff sd, Settings s, Set<String> frozen) {
        if (sd.getLossVariables() == null || sd.getLossVariables().isEmpty()) {
            throw new IllegalStateException("attach an objective's loss before building the optimizer");
        }
        if (sd.isInitializedTraining()) {
            throw new IllegalStateException("this graph already has optimizer state; build the network afresh (ModelKinds.build)");
        }
        this.sd = sd;
        this.decoupled = s.kind().equals("adamw");
        this.weightDecay = s.weightDecay();
        this.clip = s.gradClip();
        Set<String> unknown = new TreeSet<>(frozen);
        for (SDVariable v : sd.variables()) {
            if (v.getVariableType() != VariableType.VARIABLE) continue;
            unknown.remove(v.name());
            if (!frozen.contains(v.name())) params.add(v.name());
        }
        if (!unknown.isEmpty()) throw new IllegalArgumentException("cannot freeze parameters the graph does not have: " + unknown);
        if (params.isEmpty()) throw new IllegalArgumentException("every parameter is frozen: nothing would train");
        sd.setTrainingConfig(new TrainingConfig(new Adam(s.lr()), List.of(), GraphNames.IN_ACTIVE, GraphNames.TARGET_ACTIVE));
        initializeUpdaters(sd);
        if (!sd.hasGradientFunction()) createGradientQuietly(sd);
    }

    /** Builds the backward graph once; M2.1 prints a line per op to System.out while doing so. */
    private static void createGradientQuietly(SameDiff sd) {
        PrintStream out = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            sd.createGradFunction();
        } finally {
            System.setOut(out);
        }
    }

    /**
     * Forward and backward pass: the named {@code outputs} and every parameter's gradient, as
     * {@code SameDiff.calculateGradientsAndOutputs} gives them, but with SameDiff's array cache on.
     * calculateGradientsAndOutputs (M2.1) turns the gradient function's cache off on every call, and then its
     * session releases no intermediate array: each op's output is a fresh native allocation that lives
     * until the next garbage collection (3.6 GB peak resident memory for a reference-size step; 1.45 GB
     * with the cache, docs/performance.md). With the cache on, an array is handed back as soon as its
     * last consumer has run and reused for the next output of the same shape. The arithmetic is the
     * same: OptimizerGradientsTest checks the results bit for bit against calculateGradientsAndOutputs.
     * The returned arrays are meant to be used before the next call (read the losses, apply the step);
     * {@code dup()} what must outlive it, as SameDiff may reuse their memory.
     */
    public OutAndGrad gradients(Map<String, INDArray> feed, List<String> outputs) {
        SameDiff grad = sd.getFunction(GRAD_FUNCTION);
        grad.setEnableCache(true);
        grad.setListeners(sd.getListeners());
        List<String> names = new ArrayList<>(outputs);
        for (String p : params) names.add(gradientName(p));
        Map<String, INDArray> all = grad.output(feed, names.toArray(new String[0]));
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (String o : outputs) out.put(o, all.get(o));
        Map<String, INDArray> grads = new LinkedHashMap<>();
        for (String p : params) grads.put(p, all.get(gradientName(p)));
        return new OutAndGrad(out, grads);
    }

    private String gradientName(String param) {
        return gradientNames.computeIfAbsent(param, p -> sd.getVariable(p).getGradient().name());
    }

    /**
     * Trains {@code parameters} at {@code factor} times each step's learning rate (their weight decay
     * scales with it): discriminative fine-tuning, where new output heads learn faster than the
     * pretrained trunk. Returns this optimizer.
     */
    public Optimizer scaleLearningRate(java.util.Collection<String> parameters, double factor) {
        if (!(factor > 0) || Double.isInfinite(factor)) throw new IllegalArgumentException("learning-rate factor must be positive, got " + factor);
        for (String p : parameters) {
            if (!params.contains(p)) throw new IllegalArgumentException("cannot scale the learning rate of '" + p + "': not a trained parameter");
            lrScale.put(p, factor);
        }
        return this;
    }

    /** The names of the parameters it updates (all but the frozen ones), in graph order. */
    public List<String> parameters() {
        return params;
    }

    /** Global L2 norm of the gradients, before clipping. */
    public double gradientNorm(Map<String, INDArray> grads) {
        double sum = 0;
        for (String p : params) {
            double n = grads.get(p).norm2Number().doubleValue();
            sum += n * n;
        }
        return Math.sqrt(sum);
    }

    /**
     * Clips the gradients to the global norm (when on), applies weight decay and one Adam step at
     * learning rate {@code lr}; {@code step} is the 0-based step (Adam's bias correction).
     * Returns the global norm of the updated weights afterwards (NaN if any is not finite).
     */
    public double apply(Map<String, INDArray> grads, double gradNorm, double lr, long step) {
        double scale = clip > 0 && gradNorm > clip ? clip / gradNorm : 1.0;
        Map<String, GradientUpdater> updaters = sd.getUpdaterMap();
        double paramSq = 0;
        for (String p : params) {
            INDArray w = sd.getArrForVarName(p);
            INDArray g = grads.get(p);
            if (scale != 1.0) g.muli(scale);
            boolean decays = weightDecay > 0 && decays(p);
            if (decays && !decoupled) g.addi(w.mul(weightDecay));
            GradientUpdater<?> u = updaters.get(p);
            double rate = lr * lrScale.getOrDefault(p, 1.0);
            u.getConfig().setLrAndSchedule(rate, null);
            u.applyUpdater(g, (int) step, 0);
            if (decays && decoupled) w.muli(1.0 - rate * weightDecay);
            w.subi(g);
            double n = w.norm2Number().doubleValue();
            paramSq += n * n;
        }
        return Math.sqrt(paramSq);
    }

    /**
     * The moments by name, {@code PARAM/M} and {@code PARAM/V} for Adam (copies, for a checkpoint).
     */
    public Map<String, INDArray> state() {
        Map<String, INDArray> out = new LinkedHashMap<>();
        Map<String, GradientUpdater> updaters = sd.getUpdaterMap();
        for (String p : params) {
            for (Map.Entry<String, INDArray> e : updaterState(updaters, p).entrySet()) out.put(p + "/" + e.getKey(), e.getValue().dup());
        }
        return out;
    }

    /**
     * Sets the moments from {@link #state()}'s names; every parameter's state must be there with its
     * shape, or it fails naming {@code where} (resume is exact or refused).
     */
    public void restore(Map<String, INDArray> state, String where) {
        Set<String> trained = new HashSet<>(params);
        for (String key : state.keySet()) {
            String param = key.substring(0, key.lastIndexOf('/'));
            if (!trained.contains(param)) {
                throw new UserException(where + " holds optimizer state for '" + param + "', which this run does not train (frozen, or "
                        + "not in the graph); it cannot be resumed exactly with other layers frozen: resume with the settings it was "
                        + "trained with (finetune.freeze_layers), or start a new run from its weights with a warm start");
            }
        }
        Map<String, GradientUpdater> updaters = sd.getUpdaterMap();
        for (String p : params) {
            for (Map.Entry<String, INDArray> e : updaterState(updaters, p).entrySet()) {
                String key = p + "/" + e.getKey();
                INDArray saved = state.get(key);
                if (saved == null || !java.util.Arrays.equals(saved.shape(), e.getValue().shape())) {
                    throw new UserException(where + " has no optimizer state '" + key + "' of shape "
                            + java.util.Arrays.toString(e.getValue().shape()) + "; it cannot be resumed exactly (was it trained with "
                            + "other layers frozen? finetune.freeze_layers): resume with the settings it was trained with, or start "
                            + "a new run from its weights with a warm start instead");
                }
                e.getValue().assign(saved);
            }
        }
    }

    private static Map<String, INDArray> updaterState(Map<String, GradientUpdater> updaters, String param) {
        GradientUpdater<?> u = updaters.get(param);
        if (u == null) throw new IllegalStateException("no updater for parameter " + param);
        return new java.util.TreeMap<>(u.getState());
    }

    /** Matrices of linear layers decay; biases, layer-norm gains and the asset embedding do not. */
    private static boolean decays(String param) {
        return param.endsWith("_w");
    }

    /**
     * SameDiff creates its per-parameter updaters (and their state arrays) only inside fit(), in a
     * protected method; calling it directly lets a hand-written loop use the same state that
     * sd.save(file, true) persists.
     */
    private static void initializeUpdaters(SameDiff sd) {
        try {
            Method m = SameDiff.class.getDeclaredMethod("initializeTraining");
            m.setAccessible(true);
            m.invoke(sd);
        } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("this ND4J version does not expose SameDiff.initializeTraining; the trainer needs 1.0.0-M2.1", e);
        }
    }
}
