package dev.autoeditor.train.bench;

import dev.autoeditor.model.NativeThreads;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What ND4J is running on: backend class, the native build that was loaded (its classifier shows in
 * the path of the unpacked library), OpenMP and BLAS threads, and the processor's cores.
 */
public final class BackendInfo {
    private BackendInfo() {}

    public static Map<String, Object> describe() {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("backend", Nd4j.getBackend().getClass().getSimpleName());
        Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
        for (String key : new String[] {"cores", "omp.threads", "blas.vendor", "blas.threads", "backend"}) {
            Object v = env.get(key);
            if (v != null) info.put("nd4j." + key, String.valueOf(v));
        }
        info.put("native_build", nativeBuild());
        info.put("omp_threads_set", NativeThreads.ompThreads());
        info.put("blas_threads_set", NativeThreads.blasThreads());
        info.put("OMP_NUM_THREADS", System.getenv().getOrDefault("OMP_NUM_THREADS", ""));
        info.put("available_processors", Runtime.getRuntime().availableProcessors());
        info.put("java", System.getProperty("java.version"));
        return info;
    }

    static String nativeBuild() {
        return dev.autoeditor.model.Backend.nativeBuild();
    }
}
