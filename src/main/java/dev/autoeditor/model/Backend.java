package dev.autoeditor.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.bytedeco.javacpp.Loader;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What ND4J runs on: backend, the native build loaded, threads and devices. Logged at the start of
 * training and recorded in the provenance of checkpoints and evaluations, since bit-exact results hold
 * for one backend, build and thread count.
 */
public final class Backend {
    private Backend() {}

    /** Loads ND4J's natives if needed (about 10 s the first time) and describes the backend. */
    public static Map<String, Object> describe() {
        Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("backend", env.getOrDefault("backend", Nd4j.getBackend().getClass().getSimpleName()));
        m.put("native_build", nativeBuild());
        m.put("devices", Nd4j.getAffinityManager().getNumberOfDevices());
        m.put("cores", env.getOrDefault("cores", Runtime.getRuntime().availableProcessors()));
        m.put("omp_threads", env.getOrDefault("omp.threads", "?"));
        m.put("blas_vendor", env.getOrDefault("blas.vendor", "?"));
        m.put("OMP_NUM_THREADS", System.getenv().getOrDefault("OMP_NUM_THREADS", "unset"));
        m.put("data_type", Nd4j.dataType().toString());
        return m;
    }

    /** The classifier of the loaded nd4j-native build (e.g. nd4j-native-1.0.0-M2.1-linux-x86_64-onednn-avx2), read from the path JavaCPP unpacked it to. */
    public static String nativeBuild() {
        for (Map.Entry<String, String> e : Loader.getLoadedLibraries().entrySet()) {
            String path = e.getValue();
            if (path == null) continue;
            if (!path.contains("jnind4jcpu")) continue;
            int at = path.indexOf("nd4j-native-");
            if (at >= 0) {
                int end = path.indexOf(".jar", at);
                return end > at ? path.substring(at, end) : path.substring(at);
            }
            // Unpacked from a shaded jar: the platform classifier is the library's folder (.../bindings/linux-x86_64-avx2/).
            java.nio.file.Path parent = java.nio.file.Path.of(path).getParent();
            if (parent != null) return "nd4j-native-" + dev.autoeditor.util.Version.dl4j() + "-" + parent.getFileName();
        }
        return "unknown";
    }
}
