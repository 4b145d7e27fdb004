package dev.autoeditor.train.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.autoeditor.config.Config;
import dev.autoeditor.data.WindowBatch;
import dev.autoeditor.model.LossSettings;
import dev.autoeditor.model.ModelConfig;
import dev.autoeditor.model.TransformerModel;
import dev.autoeditor.train.LossParts;
import dev.autoeditor.train.NpzArchive;
import dev.autoeditor.train.Optimizer;
import dev.autoeditor.train.SupervisedObjective;
import dev.autoeditor.train.TrainSettings;
import dev.autoeditor.util.AtomicFiles;
import dev.autoeditor.util.Version;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What bench/twin_check.py needs to check that the PyTorch twin (bench/pytorch_step.py) computes the
 * same function as the SameDiff graph: the Java model's initial weights by name ({@code weights.npz}),
 * one fixed synthetic batch ({@code batch.npz}) and, on that batch with dropout off and the twin's loss
 * settings (equal weights, Huber with delta 1), the Java side's parameter count, loss parts and global
 * gradient norm ({@code java.json}). The twin loads the weights into its own modules and must reach the
 * same numbers within float32 rounding.
 */
public final class TwinExport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TwinExport() {}

    /** Writes the three files into {@code outDir} and returns java.json's content. */
    public static Map<String, Object> write(Config cfg, ModelConfig mc, int batchSize, int length, Path outDir) throws IOException {
        Files.createDirectories(outDir);
        TrainSettings settings = TrainSettings.from(cfg.with(mc.toMap()));
        TransformerModel model = TransformerModel.create(mc, settings.seedFor("init"));
        WindowBatch batch = BenchmarkBatch.synthetic(batchSize, length, mc.assetClasses(), cfg.getLong("seed"));
        Map<String, INDArray> weights = new LinkedHashMap<>();
        model.parameters().forEach((name, w) -> weights.put(name, w.dup()));
        NpzArchive.write(outDir.resolve("weights.npz"), weights);
        NpzArchive.write(outDir.resolve("batch.npz"), batchArrays(batch));

        SupervisedObjective objective = new SupervisedObjective(mc, LossSettings.defaults());
        objective.attach(model);
        Optimizer optimizer = new Optimizer(model.sameDiff(), Optimizer.Settings.from(settings));
        OutAndGrad og = optimizer.gradients(objective.validationFeed(batch), objective.lossOutputs());
        LossParts loss = objective.read(og.getOutputs());
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("framework", "dl4j");
        doc.put("dl4j", Version.dl4j());
        doc.put("parameters", model.parameterCount());
        doc.put("batch", batchSize);
        doc.put("length", length);
        doc.putAll(mc.toMap());
        doc.put("loss_settings", "weights 1, 1, 1; Huber delta 1; dropout off");
        Map<String, Object> parts = new LinkedHashMap<>();
        loss.parts().forEach(parts::put);
        doc.put("loss", parts);
        doc.put("gradient_norm", optimizer.gradientNorm(og.getGradients()));
        doc.put("version", Version.version());
        AtomicFiles.writeString(outDir.resolve("java.json"), JSON.writeValueAsString(doc) + "\n");
        return doc;
    }

    /** The batch as float32 arrays (asset classes as floats, -1 where inactive). */
    static Map<String, INDArray> batchArrays(WindowBatch b) {
        int k = WindowBatch.TRACKS;
        int r = WindowBatch.REGRESSIONS;
        float[] asset = new float[b.assetClass().length];
        for (int i = 0; i < asset.length; i++) asset[i] = b.assetClass()[i];
        Map<String, INDArray> m = new LinkedHashMap<>();
        m.put("active", Nd4j.create(b.active().clone(), new long[] {b.size(), b.length(), k}, 'c'));
        m.put("asset", Nd4j.create(asset, new long[] {b.size(), b.length(), k}, 'c'));
        m.put("regression", Nd4j.create(b.regression().clone(), new long[] {b.size(), b.length(), k, r}, 'c'));
        m.put("valid", Nd4j.create(b.valid().clone(), new long[] {b.size(), b.length()}, 'c'));
        return m;
    }
}
