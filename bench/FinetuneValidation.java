import dev.autoeditor.config.Config;
import dev.autoeditor.config.ConfigLoader;
import dev.autoeditor.data.ShardDataset;
import dev.autoeditor.data.Split;
import dev.autoeditor.model.TransformerModel;
import dev.autoeditor.train.ModelArtifact;
import dev.autoeditor.train.TrainingWindows;
import dev.autoeditor.train.eval.ModelSummary;
import dev.autoeditor.train.eval.ModelUnderTest;
import dev.autoeditor.train.eval.Persistence;
import dev.autoeditor.train.eval.ThresholdCalibrator;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The summary figures of fine-tuning (docs/finetune.md) on the VALIDATION split of the fine-tuning
 * windows, for choosing finetune.* settings without looking at the test split. Each checkpoint's cut
 * threshold is its calibration's (tuned on that validation split when its training ended); a
 * checkpoint without one (the starting model, calibrated on its own data) is tuned on it here.
 *
 * Usage (a Java single-file program, after `mvn -o -DskipTests package`):
 *   java -cp target/auto-editor.jar bench/FinetuneValidation.java RUN/data/finetune/windows NAME=CHECKPOINT ...
 * e.g. before=RUN/checkpoints/pretrain/best.json after=OUT/best.json scratch=OUT/scratch/best.json.
 * The word {@code persistence} instead of NAME=CHECKPOINT adds the persistence baseline.
 * Prints one line per checkpoint: NAME followed by the figures.
 */
public class FinetuneValidation {
    public static void main(String[] args) {
        Path windows = Path.of(args[0]);
        Config cfg = ConfigLoader.load("default", null, List.of());
        try (TrainingWindows w = TrainingWindows.open(windows); ShardDataset val = ShardDataset.open(windows, Split.VAL)) {
            for (int i = 1; i < args.length; i++) {
                if (args[i].equals("persistence")) {
                    // The reference: every frame repeats the one before (no cut, no motion).
                    System.out.println("VAL persistence " + ModelSummary.measure(new Persistence(val.assetClasses()), 0.5, val, w.spec().normaliser(),
                            cfg.getInt("evaluate.cut_tolerance"), cfg.getInt("evaluate.batch_size"), 0));
                    continue;
                }
                String[] nameAndPath = args[i].split("=", 2);
                ModelArtifact artifact = ModelArtifact.load(Path.of(nameAndPath[1]));
                TransformerModel model = artifact.frameTransformer();
                boolean own = nameAndPath[0].equals("before") || artifact.calibration().isEmpty();
                double threshold = (own ? ThresholdCalibrator.of(cfg, w).calibrate(model) : artifact.calibration().get()).threshold("model");
                Map<String, Object> m = ModelSummary.measure(ModelUnderTest.of(model), threshold, val, artifact.normaliser(),
                        cfg.getInt("evaluate.cut_tolerance"), cfg.getInt("evaluate.batch_size"), 0);
                System.out.println("VAL " + nameAndPath[0] + " threshold=" + threshold + " " + m);
            }
        }
    }
}
