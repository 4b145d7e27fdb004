package dev.autoeditor.train;

import java.util.LinkedHashMap;
import java.util.Map;

/** One epoch's summary: mean training loss parts, validation loss parts, time and throughput. */
public record EpochMetrics(int epoch, long step, LossParts train, LossParts validation, double lr, int windows,
                           double seconds, boolean improved) {
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epoch", epoch);
        m.put("step", step);
        m.putAll(train.toMap("train_"));
        m.putAll(validation.toMap("val_"));
        m.put("lr", lr);
        m.put("windows", windows);
        m.put("seconds", seconds);
        m.put("windows_per_s", seconds > 0 ? windows / seconds : 0);
        m.put("improved", improved);
        return m;
    }
}
