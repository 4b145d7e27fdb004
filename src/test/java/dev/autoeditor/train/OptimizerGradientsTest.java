package dev.autoeditor.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.autoeditor.config.Config;
import dev.autoeditor.config.ConfigLoader;
import dev.autoeditor.data.WindowBatch;
import dev.autoeditor.model.LossSettings;
import dev.autoeditor.model.ModelConfig;
import dev.autoeditor.model.TransformerModel;
import dev.autoeditor.train.bench.BenchmarkBatch;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.api.OutAndGrad;

/**
 * {@link Optimizer#gradients} runs the gradient function with SameDiff's array cache on (arrays reused
 * within and across steps); it must give exactly what calculateGradientsAndOutputs gives, step after
 * step, or a cached array was handed out while still in use.
 */
class OptimizerGradientsTest {
    @Test
    void cachedGradientsAreBitForBitThoseOfCalculateGradientsAndOutputs() {
        Config cfg = ConfigLoader.load("tiny", null, List.of());
        ModelConfig mc = ModelConfig.from(cfg);
        TrainSettings ts = TrainSettings.from(cfg);
        Run plain = new Run(mc, cfg, ts);
        Run cached = new Run(mc, cfg, ts);
        for (int step = 0; step < 4; step++) {
            WindowBatch batch = BenchmarkBatch.synthetic(4, 12, mc.assetClasses(), 100 + step);
            var feedA = plain.objective.trainingFeed(batch, new SplittableRandom(step));
            var feedB = cached.objective.trainingFeed(batch, new SplittableRandom(step));
            OutAndGrad a = plain.model.sameDiff().calculateGradientsAndOutputs(feedA, plain.objective.lossOutputs(), plain.optimizer.parameters());
            OutAndGrad b = cached.optimizer.gradients(feedB, cached.objective.lossOutputs());
            assertEquals(a.getOutputs().keySet(), b.getOutputs().keySet());
            for (String o : a.getOutputs().keySet()) {
                assertEquals(a.getOutputs().get(o).getDouble(0), b.getOutputs().get(o).getDouble(0), 0.0, "step " + step + " " + o);
            }
            assertEquals(a.getGradients().keySet(), b.getGradients().keySet());
            for (String p : plain.optimizer.parameters()) {
                assertArrayEquals(a.getGradients().get(p).data().asFloat(), b.getGradients().get(p).data().asFloat(), "step " + step + " " + p);
            }
            plain.optimizer.apply(a.getGradients(), plain.optimizer.gradientNorm(a.getGradients()), 1e-3, step);
            cached.optimizer.apply(b.getGradients(), cached.optimizer.gradientNorm(b.getGradients()), 1e-3, step);
        }
        for (String p : plain.optimizer.parameters()) {
            assertArrayEquals(plain.model.parameters().get(p).data().asFloat(), cached.model.parameters().get(p).data().asFloat(), p);
        }
    }

    private static final class Run {
        final TransformerModel model;
        final SupervisedObjective objective;
        final Optimizer optimizer;

        Run(ModelConfig mc, Config cfg, TrainSettings ts) {
            model = TransformerModel.create(mc, 11);
            objective = new SupervisedObjective(mc, LossSettings.from(cfg));
            objective.attach(model);
            optimizer = new Optimizer(model.sameDiff(), Optimizer.Settings.from(ts));
        }
    }
}
