package dev.autoeditor.util;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one provenance record: fixed keys in a fixed order, read back as written. */
class ProvenanceTest {
    @Test
    void writesEveryFieldInAFixedOrderAndReadsItBack() throws Exception {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("window.stride", 50);
        settings.put("seed", 42);
        Provenance p = Provenance.of("window", 42L, settings, Map.of("splits_sha256", "abc"))
                .withNote("windows", 12).withNd4j(Map.of("backend", "CPU"));
        Map<String, Object> map = p.toMap();
        assertEquals(List.of("tool", "version", "dl4j", "java", "os", "arch", "nd4j", "phase", "seed", "time", "config_sha256",
                "config", "inputs", "notes"), new ArrayList<>(map.keySet()));
        assertEquals(Provenance.TOOL, map.get("tool"));
        assertEquals(System.getProperty("java.version"), map.get("java"));
        assertEquals(List.of("window.stride", "seed"), new ArrayList<>(p.config().keySet()), "settings in the order given");
        // The hash does not depend on the order, and equals Config.hashOf's definition (TreeMap text).
        Map<String, Object> reversed = new LinkedHashMap<>();
        reversed.put("seed", 42);
        reversed.put("window.stride", 50);
        assertEquals(p.configSha256(), Provenance.hashOf(reversed));

        ObjectMapper json = new ObjectMapper();
        @SuppressWarnings("unchecked")
        Map<String, Object> back = json.readValue(json.writeValueAsString(map), Map.class);
        assertEquals(p, Provenance.fromMap(back));
        assertNull(Provenance.of("convert", null, Map.of(), Map.of()).seed(), "a phase without random choices has no seed");
    }
}
