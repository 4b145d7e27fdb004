package dev.autoeditor.rl;

import dev.autoeditor.config.ConfigException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The weight beta of the KL penalty. Fixed, or adaptive (Ziegler et al. 2019, as TRL's
 * AdaptiveKLController): after each iteration, with the measured KL per continuation,
 * beta *= 1 + clip(KL / target - 1, -0.2, 0.2) * n / horizon, for n continuations in the iteration.
 * Its state (beta) goes into every PPO checkpoint, so a resumed run continues with the same beta.
 */
public final class KlController {
    private final boolean adaptive;
    private final double target;
    private final double horizon;
    private double beta;

    /**
     * @param mode    fixed or adaptive
     * @param beta    the starting beta
     * @param target  the KL per continuation aimed at (nats), adaptive only
     * @param horizon continuations over which a relative error of 0.2 moves beta by 20%, adaptive only
     */
    public KlController(String mode, double beta, double target, double horizon) {
        if (!mode.equals("fixed") && !mode.equals("adaptive")) {
            throw new ConfigException("config key 'rlhf.kl.mode' is '" + mode + "'; use fixed or adaptive");
        }
        this.adaptive = mode.equals("adaptive");
        this.beta = beta;
        this.target = target;
        this.horizon = horizon;
    }

    public double beta() {
        return beta;
    }

    /** Updates beta after an iteration of {@code continuations} rollouts whose mean KL was {@code kl}. */
    public void update(double kl, int continuations) {
        if (!adaptive) return;
        double error = Math.max(-0.2, Math.min(0.2, kl / target - 1));
        beta *= 1 + error * continuations / horizon;
    }

    public Map<String, Object> state() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("beta", beta);
        return m;
    }

    public void restore(Map<String, Object> state) {
        if (state != null && state.get("beta") instanceof Number n) beta = n.doubleValue();
    }
}
