package dev.autoeditor.train;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one optimisation step measured. {@code step} counts steps done (1 after the first);
 * gradNorm is the global norm before clipping, paramNorm the global norm after the update.
 */
public record StepMetrics(int epoch, long step, long totalSteps, LossParts loss, double lr, double gradNorm,
                          double paramNorm, int windows, double seconds) {
    public double windowsPerSecond() {
        return seconds > 0 ? windows / seconds : 0;
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epoch", epoch);
        m.put("step", step);
        m.putAll(loss.toMap(""));
        m.put("lr", lr);
        m.put("grad_norm", gradNorm);
        m.put("param_norm", paramNorm);
        m.put("windows", windows);
        m.put("windows_per_s", windowsPerSecond());
        return m;
    }
}
