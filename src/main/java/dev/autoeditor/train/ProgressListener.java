package dev.autoeditor.train;

import dev.autoeditor.util.Progress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A progress bar over the run's steps with the loss beside it, and a concise log line every few steps. */
public final class ProgressListener implements TrainingListener {
    private static final Logger log = LoggerFactory.getLogger(ProgressListener.class);
    private final int logEvery;
    private Progress progress;

    public ProgressListener(int logEvery) {
        this.logEvery = logEvery;
    }

    @Override
    public void onTrainingStart(int epoch, long step, long totalSteps) {
        progress = Progress.start("pretrain", totalSteps - step, "steps");
    }

    @Override
    public void onStep(StepMetrics m) {
        progress.setExtra(String.format("epoch %d loss %.4f", m.epoch() + 1, m.loss().total()));
        progress.step(1);
        if (m.step() % logEvery == 0) {
            log.info(String.format("step %d/%d epoch %d: loss %.4f (active %.4f, asset %.4f, regression %.4f) lr %.2e grad %.3f, %.1f windows/s",
                    m.step(), m.totalSteps(), m.epoch() + 1, m.loss().total(), m.loss().active(), m.loss().asset(),
                    m.loss().regression(), m.lr(), m.gradNorm(), m.windowsPerSecond()));
        }
    }

    @Override
    public void onEpochEnd(EpochMetrics m) {
        log.info(String.format("epoch %d: train loss %.4f, val loss %.4f (active %.4f, asset %.4f, regression %.4f)%s, %.1f s",
                m.epoch() + 1, m.train().total(), m.validation().total(), m.validation().active(), m.validation().asset(),
                m.validation().regression(), m.improved() ? " best so far" : "", m.seconds()));
    }

    @Override
    public void onTrainingEnd(TrainResult result) {
        if (progress != null) progress.close();
    }
}
