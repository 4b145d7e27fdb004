package dev.autoeditor.train;

import java.util.LinkedHashMap;
import java.util.Map;

/** The weighted total and the three unweighted parts of the loss. */
public record LossParts(double total, double active, double asset, double regression) {
    public static final LossParts NONE = new LossParts(Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    public boolean finite() {
        return Double.isFinite(total) && Double.isFinite(active) && Double.isFinite(asset) && Double.isFinite(regression);
    }

    /** Running weighted mean of parts (weights are window counts). */
    static LossParts weightedMean(LossParts a, double wa, LossParts b, double wb) {
        double w = wa + wb;
        return new LossParts((a.total * wa + b.total * wb) / w, (a.active * wa + b.active * wb) / w,
                (a.asset * wa + b.asset * wb) / w, (a.regression * wa + b.regression * wb) / w);
    }

    Map<String, Object> toMap(String prefix) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(prefix + "loss", total);
        m.put(prefix + "loss_active", active);
        m.put(prefix + "loss_asset", asset);
        m.put(prefix + "loss_regression", regression);
        return m;
    }
}
