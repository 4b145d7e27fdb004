package dev.autoeditor.train;

/**
 * Stops training when the loss, the gradients or the weights stop being finite numbers, or the
 * gradient norm passes {@code train.max_grad_norm_explosion}. Nothing is saved after such a step,
 * so the checkpoints on disk are the last good state.
 */
public final class DivergenceGuard implements TrainingListener {
    private static final String ADVICE = "try a lower train.lr, a longer train.warmup_steps, or train.grad_clip (e.g. 1.0)";
    private final double maxGradNorm;
    private final String lastGood;

    /** @param lastGood where the last good checkpoint is, for the message */
    public DivergenceGuard(double maxGradNorm, String lastGood) {
        this.maxGradNorm = maxGradNorm;
        this.lastGood = lastGood;
    }

    @Override
    public void onStep(StepMetrics m) {
        String what = null;
        if (!m.loss().finite()) what = "the loss is " + m.loss().total() + " (parts " + m.loss().parts() + ")";
        else if (!Double.isFinite(m.gradNorm())) what = "a gradient is not finite (norm " + m.gradNorm() + ")";
        else if (m.gradNorm() > maxGradNorm) what = "the gradient norm " + m.gradNorm() + " passed train.max_grad_norm_explosion " + maxGradNorm;
        else if (!Double.isFinite(m.paramNorm())) what = "a weight is not finite after the update";
        if (what != null) {
            throw new TrainingDivergedException("training diverged at step " + m.step() + " (epoch " + (m.epoch() + 1) + "): "
                    + what + "; the last good checkpoint is kept (" + lastGood + "); " + ADVICE);
        }
    }
}
