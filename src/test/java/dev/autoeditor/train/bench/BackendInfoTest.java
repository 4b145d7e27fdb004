package dev.autoeditor.train.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BackendInfoTest {
    @Test
    void namesTheBackendAndTheLoadedNativeBuild() {
        Map<String, Object> info = BackendInfo.describe();
        assertTrue(String.valueOf(info.get("backend")).contains("Cpu"), info.toString());
        assertTrue(String.valueOf(info.get("native_build")).startsWith("nd4j-native-"), info.toString());
    }
}
