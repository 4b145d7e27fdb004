package dev.autoeditor.train;

import static dev.autoeditor.model.GraphNames.*;

import dev.autoeditor.data.BatchIterator;
import dev.autoeditor.data.WindowBatch;
import dev.autoeditor.data.WindowDataset;
import dev.autoeditor.model.FrameInputs;
import dev.autoeditor.model.TransformerModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The supervised training loop. Everything around it (metrics, progress, divergence, early
 * stopping) is a {@link TrainingListener}; checkpoints are written at the end of each epoch and
 * when train.max_steps stops a run. Every random draw is a function of the seed and the step or
 * epoch, so a run resumed from a checkpoint repeats the uninterrupted run's arithmetic exactly.
 */
public final class Trainer {
    static final List<String> LOSS_OUTPUTS = List.of(LOSS, LOSS_ACTIVE, LOSS_ASSET, LOSS_REGRESSION);

    private final TransformerModel model;
    private final TrainSettings s;
    private final BatchIterator.Options batching;
    private final BatchIterator.Options evaluation;
    private final WindowDataset train;
    private final WindowDataset val;
    private final CheckpointWriter checkpoints;
    private final List<TrainingListener> listeners;
    private final EarlyStopping earlyStopping;
    private final Optimizer optimizer;

    public Trainer(TransformerModel model, TrainSettings settings, BatchIterator.Options batching, BatchIterator.Options evaluation,
                   WindowDataset train, WindowDataset val, CheckpointWriter checkpoints, EarlyStopping earlyStopping,
                   List<TrainingListener> listeners) {
        this.model = model;
        this.s = settings;
        this.batching = batching;
        this.evaluation = evaluation;
        this.train = train;
        this.val = val;
        this.checkpoints = checkpoints;
        this.earlyStopping = earlyStopping;
        this.listeners = new ArrayList<>(listeners);
        this.listeners.add(earlyStopping);
        this.optimizer = new Optimizer(model.sameDiff(), settings);
    }

    public long totalSteps() {
        return (long) s.epochs() * BatchIterator.batchesPerEpoch(train.size(), batching.batchSize(), batching.dropLast());
    }

    /** Trains from {@code start} (position, step and best loss of a checkpoint, or the beginning). */
    public TrainResult fit(Start start) {
        long total = totalSteps();
        var schedule = new LearningRateSchedule(s.lr(), s.warmupSteps(), total, s.minLrRatio());
        long step = start.step();
        double best = start.bestValLoss();
        double lastVal = start.lastValLoss();
        BatchIterator.Position position = start.position();
        listeners.forEach(l -> l.onTrainingStart(start.position().epoch(), start.step(), total));
        if (s.maxSteps() > 0 && step >= s.maxSteps()) return finish(position.epoch(), step, best, lastVal, false);
        for (int epoch = position.epoch(); epoch < s.epochs(); epoch++) {
            long epochStart = System.nanoTime();
            LossParts epochLoss = null;
            int epochWindows = 0;
            try (BatchIterator batches = new BatchIterator(train, batching, epoch == position.epoch() ? position : new BatchIterator.Position(epoch, 0))) {
                while (batches.hasNext()) {
                    long t0 = System.nanoTime();
                    // 1. The next batch; inputs are frames 0..T-2, targets 1..T-1; dropout drawn from (seed, step).
                    WindowBatch batch = batches.next();
                    Map<String, INDArray> feed = FrameInputs.forTraining(batch, model.config(), s.loss(), dropoutRandom(step));
                    // 2. Forward and backward pass: the loss parts and every parameter's gradient.
                    OutAndGrad og = model.sameDiff().calculateGradientsAndOutputs(feed, LOSS_OUTPUTS, optimizer.parameters());
                    LossParts loss = parts(og.getOutputs());
                    // 3. Global gradient norm (before clipping), then clip, decay and Adam step at this step's rate.
                    double gradNorm = optimizer.gradientNorm(og.getGradients());
                    double lr = schedule.at(step);
                    double paramNorm = optimizer.apply(og.getGradients(), gradNorm, lr, step);
                    step++;
                    // 4. Report: metrics files, progress bar, divergence check (throws, saving nothing).
                    StepMetrics m = new StepMetrics(epoch, step, total, loss, lr, gradNorm, paramNorm, batch.size(), (System.nanoTime() - t0) / 1e9);
                    for (TrainingListener l : listeners) l.onStep(m);
                    epochLoss = epochLoss == null ? loss : LossParts.weightedMean(epochLoss, epochWindows, loss, batch.size());
                    epochWindows += batch.size();
                    // 5. Off-heap arrays are freed only by the Java GC; without this, memory grows by hundreds of MB per step.
                    System.gc();
                    // 6. train.max_steps: save where we are (mid-epoch position included) and stop.
                    if (s.maxSteps() > 0 && step >= s.maxSteps() && batches.hasNext()) {
                        checkpoints.save(model, CheckpointStore.LAST, epoch, step, batches.position(), best, earlyStopping.epochsWithoutImprovement(), Double.NaN);
                        return finish(epoch, step, best, lastVal, false);
                    }
                }
            }
            // 7. Validate without dropout, then checkpoint last / best / every N epochs, then ask about early stopping.
            LossParts valLoss = validate();
            lastVal = valLoss.total();
            boolean improved = Double.isFinite(lastVal) && (Double.isNaN(best) || lastVal < best - s.minDelta());
            if (improved) best = lastVal;
            EpochMetrics em = new EpochMetrics(epoch, step, epochLoss == null ? LossParts.NONE : epochLoss, valLoss,
                    schedule.at(Math.max(0, step - 1)), epochWindows, (System.nanoTime() - epochStart) / 1e9, improved);
            for (TrainingListener l : listeners) l.onEpochEnd(em);
            checkpoints.endOfEpoch(model, epoch, step, best, earlyStopping.epochsWithoutImprovement(), lastVal, improved);
            if (listeners.stream().anyMatch(TrainingListener::stopRequested) || (s.maxSteps() > 0 && step >= s.maxSteps())) {
                return finish(epoch + 1, step, best, lastVal, listeners.stream().anyMatch(TrainingListener::stopRequested));
            }
        }
        return finish(s.epochs(), step, best, lastVal, false);
    }

    /** Mean loss parts over the validation windows (training loss parts if there is no validation split). */
    public LossParts validate() {
        WindowDataset data = val != null && val.size() > 0 ? val : train;
        LossParts mean = null;
        int windows = 0;
        try (BatchIterator batches = new BatchIterator(data, evaluation, BatchIterator.Position.START)) {
            while (batches.hasNext()) {
                WindowBatch batch = batches.next();
                Map<String, INDArray> out = model.sameDiff().output(FrameInputs.forTraining(batch, model.config(), s.loss(), null),
                        LOSS_OUTPUTS.toArray(new String[0]));
                LossParts loss = parts(out);
                mean = mean == null ? loss : LossParts.weightedMean(mean, windows, loss, batch.size());
                windows += batch.size();
                System.gc();
            }
        }
        return mean == null ? LossParts.NONE : mean;
    }

    private TrainResult finish(int epochsDone, long step, double best, double lastVal, boolean stoppedEarly) {
        Path bestJson = checkpoints.store().jsonOf(CheckpointStore.BEST);
        TrainResult r = new TrainResult(epochsDone, step, best, lastVal, stoppedEarly, checkpoints.store().jsonOf(CheckpointStore.LAST),
                Files.exists(bestJson) ? bestJson : null, model.parameterCount());
        for (TrainingListener l : listeners) l.onTrainingEnd(r);
        return r;
    }

    /** The dropout generator of a step: a function of the seed and the step only, so resume is exact. */
    private SplittableRandom dropoutRandom(long step) {
        return new SplittableRandom(s.seedFor("dropout", step));
    }

    private static LossParts parts(Map<String, INDArray> out) {
        return new LossParts(out.get(LOSS).getDouble(0), out.get(LOSS_ACTIVE).getDouble(0),
                out.get(LOSS_ASSET).getDouble(0), out.get(LOSS_REGRESSION).getDouble(0));
    }

    /** Where a run starts: the data position of the next batch, steps done, best and latest validation loss so far. */
    public record Start(BatchIterator.Position position, long step, double bestValLoss, double lastValLoss) {
        public static final Start BEGINNING = new Start(BatchIterator.Position.START, 0, Double.NaN, Double.NaN);
    }
}
