package dev.autoeditor.train;

import dev.autoeditor.model.GraphNames;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Adam or AdamW with global-norm clipping, applied by hand to the graph's parameters. The Adam
 * moments live in SameDiff's own updater map, so {@code sd.save(file, true)} stores them with the
 * weights and a loaded checkpoint continues exactly. AdamW decays weights (not biases, norms or the
 * embedding) by {@code lr * weight_decay} before the Adam step; plain Adam adds
 * {@code weight_decay * w} to the gradient (L2).
 */
final class Optimizer {
    private final SameDiff sd;
    private final boolean decoupled;
    private final double weightDecay;
    private final double clip;
    private final List<String> params = new ArrayList<>();

    Optimizer(SameDiff sd, TrainSettings s) {
        this.sd = sd;
        this.decoupled = s.optimizer().equals("adamw");
        this.weightDecay = s.weightDecay();
        this.clip = s.gradClip();
        for (SDVariable v : sd.variables()) {
            if (v.getVariableType() == VariableType.VARIABLE) params.add(v.name());
        }
        if (!sd.isInitializedTraining()) {
            sd.setTrainingConfig(new TrainingConfig(new Adam(s.lr()), List.of(), GraphNames.IN_ACTIVE, GraphNames.TARGET_ACTIVE));
            initializeUpdaters(sd);
        }
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

    List<String> parameters() {
        return params;
    }

    /** Global L2 norm of the gradients, before clipping. */
    double gradientNorm(Map<String, INDArray> grads) {
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
     * Returns the global norm of the weights afterwards (NaN if any is not finite).
     */
    double apply(Map<String, INDArray> grads, double gradNorm, double lr, long step) {
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
            u.getConfig().setLrAndSchedule(lr, null);
            u.applyUpdater(g, (int) step, 0);
            if (decays && decoupled) w.muli(1.0 - lr * weightDecay);
            w.subi(g);
            double n = w.norm2Number().doubleValue();
            paramSq += n * n;
        }
        return Math.sqrt(paramSq);
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
