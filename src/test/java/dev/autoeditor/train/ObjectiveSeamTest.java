package dev.autoeditor.train;

import static org.junit.jupiter.api.Assertions.*;

import dev.autoeditor.config.Config;
import dev.autoeditor.data.WindowBatch;
import dev.autoeditor.model.LossSettings;
import dev.autoeditor.model.ModelConfig;
import dev.autoeditor.model.Network;
import dev.autoeditor.model.TransformerModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The seams a new phase builds on: an objective adds a loss part and it becomes a metrics column with
 * no change to the loop; a listener's state travels through checkpoints and comes back on resume.
 */
class ObjectiveSeamTest {
    @TempDir
    Path tmp;

    /** The supervised loss plus one more named part (the asset term again, scaled), which is not minimised. */
    static final class ProbeObjective implements Objective {
        private final SupervisedObjective supervised;

        ProbeObjective(Config cfg) {
            this.supervised = new SupervisedObjective(ModelConfig.from(cfg), LossSettings.from(cfg));
        }

        @Override
        public String name() {
            return "probe";
        }

        @Override
        public void attach(Network network) {
            supervised.attach(network);
            SDVariable asset = network.sameDiff().getVariable("loss_asset");
            asset.mul(2.0).rename("loss_probe");
        }

        @Override
        public Map<String, INDArray> trainingFeed(WindowBatch batch, SplittableRandom dropout) {
            return supervised.trainingFeed(batch, dropout);
        }

        @Override
        public Map<String, INDArray> validationFeed(WindowBatch batch) {
            return supervised.validationFeed(batch);
        }

        @Override
        public List<String> lossOutputs() {
            List<String> out = new ArrayList<>(supervised.lossOutputs());
            out.add("loss_probe");
            return out;
        }
    }

    /** Counts the steps it saw, over resumes, through its checkpointed state. */
    static final class StepCounter implements TrainingListener {
        long seen;
        Map<String, Object> restored;

        @Override
        public void onStep(StepMetrics m) {
            seen++;
        }

        @Override
        public String stateKey() {
            return "step_counter";
        }

        @Override
        public Map<String, Object> state() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("seen", seen);
            return m;
        }

        @Override
        public void restore(Map<String, Object> state) {
            restored = state;
            seen = ((Number) state.get("seen")).longValue();
        }
    }

    @Test
    void anObjectivesPartsAreTheMetricsColumnsAndAListenerKeepsItsStateOverAResume() throws Exception {
        Path dir = tmp.resolve("probe");
        Config first = TrainerTest.config("train.max_steps=3");
        StepCounter before = new StepCounter();
        TrainingRun.phase("probe").config(first).data(TrainerTest.TRAIN, TrainerTest.VAL, TrainerTest.SPEC, Map.of())
                .checkpoints(dir).network(TransformerModel.KIND, ModelConfig.from(first)).objective(new ProbeObjective(first))
                .listener(before).run();
        assertEquals(3, before.seen);

        String stepsHeader = Files.readAllLines(dir.resolve("metrics/steps.csv")).get(0);
        assertTrue(stepsHeader.startsWith("epoch,step,loss,loss_active,loss_asset,loss_regression,loss_probe,lr"), stepsHeader);
        String epochsHeader = Files.readAllLines(dir.resolve("metrics/epochs.csv")).get(0);
        assertTrue(epochsHeader.contains("train_loss_probe") && epochsHeader.contains("val_loss_probe"), epochsHeader);
        String row = Files.readAllLines(dir.resolve("metrics/steps.csv")).get(1);
        String[] cells = row.split(",");
        assertEquals(2 * Double.parseDouble(cells[4]), Double.parseDouble(cells[6]), 1e-5, "loss_probe is twice loss_asset: " + row);
        CheckpointInfo info = CheckpointStore.read(dir);
        assertEquals("probe", info.objective());
        assertEquals(Map.of("seen", 3), info.state().listeners().get("step_counter"));

        Config rest = TrainerTest.config();
        StepCounter after = new StepCounter();
        TrainResult r = TrainingRun.phase("probe").config(rest).data(TrainerTest.TRAIN, TrainerTest.VAL, TrainerTest.SPEC, Map.of())
                .checkpoints(dir).network(TransformerModel.KIND, ModelConfig.from(rest)).objective(new ProbeObjective(rest))
                .listener(after).init(Init.resumeIfPresent(dir)).run();
        assertEquals(4, r.steps());
        assertEquals(Map.of("seen", 3), after.restored, "its state came back before the first step");
        assertEquals(4, after.seen);
    }
}
