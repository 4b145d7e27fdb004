package dev.autoeditor.train;

import dev.autoeditor.util.Progress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A progress bar over the run's steps, named for the phase, with the loss beside it, and a concise log
 * line every few steps naming every loss part the objective reports.
 */
public final class ProgressListener implements TrainingListener {
    private static final Logger log = LoggerFactory.getLogger(ProgressListener.class);
    private final String phase;
    private final int logEvery;
    private Progress progress;

    public ProgressListener(String phase, int logEvery) {
        this.phase = phase;
        this.logEvery = logEvery;
    }

    @Override
    public void onTrainingStart(int epoch, long step, long totalSteps) {
        progress = Progress.start(phase, totalSteps - step, "steps");
    }

    @Override
    public void onStep(StepMetrics m) {
        progress.setExtra(String.format("epoch %d loss %.4f", m.epoch() + 1, m.loss().total()));
        progress.step(1);
        if (m.step() % logEvery == 0) {
            log.info(String.format("%s step %d/%d epoch %d: loss %.4f (%s) lr %.2e grad %.3f, %.1f windows/s", phase,
                    m.step(), m.totalSteps(), m.epoch() + 1, m.loss().total(), m.loss().describeParts(), m.lr(), m.gradNorm(),
                    m.windowsPerSecond()));
        }
    }

    @Override
    public void onEpochEnd(EpochMetrics m) {
        log.info(String.format("%s epoch %d: train loss %.4f, val loss %.4f (%s)%s, %.1f s", phase,
                m.epoch() + 1, m.train().total(), m.validation().total(), m.validation().describeParts(),
                m.improved() ? " best so far" : "", m.seconds()));
    }

    @Override
    public void onTrainingEnd(TrainResult result) {
        if (progress != null) progress.close();
        progress = null;
    }
}
