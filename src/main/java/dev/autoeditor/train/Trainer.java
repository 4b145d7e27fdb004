package dev.autoeditor.train;

import dev.autoeditor.data.BatchIterator;
import dev.autoeditor.data.WindowBatch;
import dev.autoeditor.data.WindowDataset;
import dev.autoeditor.model.Network;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The training loop, for any network and {@link Objective}. Everything around it (metrics, progress,
 * divergence, early stopping) is a {@link TrainingListener}; checkpoints are written at the end of
 * each epoch and when train.max_steps stops a run. Every random draw is a function of the seed and
 * the step or epoch, so a run resumed from a checkpoint repeats the uninterrupted run's arithmetic
 * exactly. {@link TrainingRun} assembles one.
 */
public final class Trainer {
    /**
     * The windows trained and validated on, and how they are batched.
     *
     * @param val validation windows; null or empty to validate on the training windows
     */
    public record Data(WindowDataset train, WindowDataset val, BatchIterator.Options batching, BatchIterator.Options evaluation) {}

    private final Network model;
    private final Objective objective;
    private final Optimizer optimizer;
    private final TrainSettings s;
    private final Data data;
    private final CheckpointWriter checkpoints;
    private final List<TrainingListener> listeners;

    public Trainer(Network model, Objective objective, Optimizer optimizer, TrainSettings settings, Data data,
                   CheckpointWriter checkpoints, List<TrainingListener> listeners) {
        this.model = model;
        this.objective = objective;
        this.optimizer = optimizer;
        this.s = settings;
        this.data = data;
        this.checkpoints = checkpoints;
        this.listeners = List.copyOf(listeners);
    }

    public long totalSteps() {
        return (long) s.epochs() * BatchIterator.batchesPerEpoch(data.train().size(), data.batching().batchSize(), data.batching().dropLast());
    }

    /** Trains from {@code start} (a checkpoint's training state, or {@link TrainingState#BEGINNING}). */
    public TrainResult fit(TrainingState start) {
        long total = totalSteps();
        var schedule = new LearningRateSchedule(s.lr(), s.warmupSteps(), total, s.minLrRatio());
        long step = start.step();
        double best = start.bestValLoss();
        double lastVal = start.valLoss();
        BatchIterator.Position position = start.position();
        listeners.forEach(l -> l.onTrainingStart(position.epoch(), start.step(), total));
        if (stopRequested() || (s.maxSteps() > 0 && step >= s.maxSteps())) return finish(start.epochsDone(), step, best, lastVal, stopRequested());
        for (int epoch = position.epoch(); epoch < s.epochs(); epoch++) {
            long epochStart = System.nanoTime();
            LossParts epochLoss = null;
            int epochWindows = 0;
            try (BatchIterator batches = new BatchIterator(data.train(), data.batching(),
                    epoch == position.epoch() ? position : new BatchIterator.Position(epoch, 0))) {
                while (batches.hasNext()) {
                    long t0 = System.nanoTime();
                    // 1. The next batch, and the objective's graph inputs for it; dropout drawn from (seed, step).
                    WindowBatch batch = batches.next();
                    Map<String, INDArray> feed = objective.trainingFeed(batch, dropoutRandom(step));
                    // 2. Forward and backward pass: the named loss parts and every parameter's gradient.
                    OutAndGrad og = optimizer.gradients(feed, objective.lossOutputs());
                    LossParts loss = objective.read(og.getOutputs());
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
                        checkpoints.save(model, CheckpointStore.LAST, state(epoch, step, batches.position(), best, Double.NaN));
                        return finish(epoch, step, best, lastVal, false);
                    }
                }
            }
            // 7. Validate without dropout, then the listeners, then checkpoint last / best / every N epochs.
            LossParts valLoss = validate();
            lastVal = valLoss.total();
            boolean improved = Double.isFinite(lastVal) && (Double.isNaN(best) || lastVal < best - s.minDelta());
            if (improved) best = lastVal;
            EpochMetrics em = new EpochMetrics(epoch, step, epochLoss == null ? LossParts.none(objective.lossOutputs()) : epochLoss, valLoss,
                    schedule.at(Math.max(0, step - 1)), epochWindows, (System.nanoTime() - epochStart) / 1e9, improved);
            for (TrainingListener l : listeners) l.onEpochEnd(em);
            checkpoints.endOfEpoch(model, state(epoch + 1, step, new BatchIterator.Position(epoch + 1, 0), best, lastVal), improved);
            // 8. Early stopping (or another listener), or train.max_steps at an epoch's end.
            if (stopRequested() || (s.maxSteps() > 0 && step >= s.maxSteps())) return finish(epoch + 1, step, best, lastVal, stopRequested());
        }
        return finish(s.epochs(), step, best, lastVal, false);
    }

    /** Mean loss parts over the validation windows (training windows if there is no validation split). */
    public LossParts validate() {
        WindowDataset windows = data.val() != null && data.val().size() > 0 ? data.val() : data.train();
        return meanLoss(model, objective, windows, data.evaluation());
    }

    /**
     * The objective's loss parts averaged over every window of {@code windows}, without dropout: the
     * validation loss of any network the objective is attached to (a fine-tune's starting model too).
     */
    public static LossParts meanLoss(Network network, Objective objective, WindowDataset windows, BatchIterator.Options batching) {
        LossParts mean = null;
        int count = 0;
        try (BatchIterator batches = new BatchIterator(windows, batching, BatchIterator.Position.START)) {
            while (batches.hasNext()) {
                WindowBatch batch = batches.next();
                Map<String, INDArray> out = network.sameDiff().output(objective.validationFeed(batch), objective.lossOutputs().toArray(new String[0]));
                LossParts loss = objective.read(out);
                mean = mean == null ? loss : LossParts.weightedMean(mean, count, loss, batch.size());
                count += batch.size();
                System.gc();
            }
        }
        return mean == null ? LossParts.none(objective.lossOutputs()) : mean;
    }

    private boolean stopRequested() {
        return listeners.stream().anyMatch(TrainingListener::stopRequested);
    }

    /** The training state to checkpoint: {@code epochsDone} counts finished epochs, listener state as it is now. */
    private TrainingState state(int epochsDone, long step, BatchIterator.Position position, double best, double valLoss) {
        Map<String, Map<String, Object>> states = new LinkedHashMap<>();
        for (TrainingListener l : listeners) {
            Map<String, Object> st = l.state();
            if (!st.isEmpty()) states.put(l.stateKey(), st);
        }
        return new TrainingState(epochsDone, step, position, best, valLoss, states);
    }

    private TrainResult finish(int epochsDone, long step, double best, double lastVal, boolean stoppedEarly) {
        Path bestJson = checkpoints.store().jsonOf(CheckpointStore.BEST);
        TrainResult r = new TrainResult(epochsDone, step, best, lastVal, stoppedEarly, checkpoints.store().jsonOf(CheckpointStore.LAST),
                Files.exists(bestJson) ? bestJson : null, model.parameterCount());
        for (TrainingListener l : listeners) l.onTrainingEnd(r);
        return r;
    }

    private SplittableRandom dropoutRandom(long step) {
        return dropoutRandom(s, step);
    }

    /** The dropout generator of a step: a function of the seed and the step only, so resume is exact. */
    static SplittableRandom dropoutRandom(TrainSettings settings, long step) {
        return new SplittableRandom(settings.seedFor("dropout", step));
    }
}
