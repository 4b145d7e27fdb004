package dev.autoeditor.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.nd4j.linalg.factory.Nd4j;

/** What ND4J runs on: backend, threads and devices, for the log at the start of training. */
public final class Backend {
    private Backend() {}

    /** Loads ND4J's natives if needed (about 10 s the first time) and describes the backend. */
    public static Map<String, Object> describe() {
        Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("backend", env.getOrDefault("backend", Nd4j.getBackend().getClass().getSimpleName()));
        m.put("devices", Nd4j.getAffinityManager().getNumberOfDevices());
        m.put("cores", env.getOrDefault("cores", Runtime.getRuntime().availableProcessors()));
        m.put("omp_threads", env.getOrDefault("omp.threads", "?"));
        m.put("blas_vendor", env.getOrDefault("blas.vendor", "?"));
        m.put("OMP_NUM_THREADS", System.getenv().getOrDefault("OMP_NUM_THREADS", "unset"));
        m.put("data_type", Nd4j.dataType().toString());
        return m;
    }
}
