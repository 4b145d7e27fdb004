package dev.autoeditor.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.autoeditor.util.AtomicFiles;
import dev.autoeditor.util.UserException;
import dev.autoeditor.util.Version;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The run's record of every phase: the commit point of the pipeline. It is rewritten whole, to a
 * temporary file renamed over the old one, after each phase starts and ends, so a crash leaves
 * either the previous or the next state, never a mix.
 */
public final class Manifest {
    public static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Version of this file's layout. */
    public int format = FORMAT;
    /** The program that last wrote it. */
    public String tool = "auto-editor " + Version.version();
    public String updatedAt;
    /** Phase name to record, in pipeline order. */
    public Map<String, PhaseRecord> phases = new LinkedHashMap<>();

    public static Manifest load(Path file) {
        if (!Files.exists(file)) return new Manifest();
        try {
            Manifest m = JSON.readValue(file.toFile(), Manifest.class);
            if (m.format > FORMAT) {
                throw new UserException(file + " was written by a newer auto-editor (manifest format " + m.format + "); use that version or a new --run-dir");
            }
            return m;
        } catch (IOException e) {
            throw new UserException(file + " is not a readable manifest (" + e.getMessage().lines().findFirst().orElse("")
                    + "); move it away to start this run over, or choose another --run-dir", e);
        }
    }

    public void save(Path file) throws IOException {
        updatedAt = Instant.now().toString();
        tool = "auto-editor " + Version.version();
        byte[] bytes = JSON.writeValueAsBytes(this);
        AtomicFiles.writeStream(file, out -> out.write(bytes));
    }

    public PhaseRecord get(String phase) {
        return phases.get(phase);
    }
}
