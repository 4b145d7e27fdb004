package dev.autoeditor.pipeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** What the manifest says about one phase. Field names are the JSON names (see docs/pipeline.md). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class PhaseRecord {
    /** A phase's state in the manifest; written in lower case ("done"). */
    public enum Status {
        /** Started and not finished: a crash or kill leaves this. */
        RUNNING,
        DONE,
        /** Ended with an error ({@link #error}). */
        FAILED,
        /** Switched off by the settings: nothing ran and no outputs are demanded ({@link #config} holds the switch). */
        DISABLED;

        @JsonValue
        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final Status RUNNING = Status.RUNNING;
    public static final Status DONE = Status.DONE;
    public static final Status FAILED = Status.FAILED;
    public static final Status DISABLED = Status.DISABLED;

    public Status status;
    /** SHA-256 over the format version, the config hash and the upstream output hashes. */
    public String inputHash;
    /** The parts of the input hash: "format", "config", and "upstream:PHASE" per upstream phase. */
    public Map<String, String> inputs = new TreeMap<>();
    /**
     * The config keys covered by inputs.config, with their values, so a reader sees what changed; for a
     * disabled phase, the keys that switched it off.
     */
    public Map<String, Object> config = new TreeMap<>();
    /** Output path (relative to the run directory) to SHA-256 of its content, when done. */
    public Map<String, String> outputs = new TreeMap<>();
    /** Facts the phase recorded (for example downloaded sources and their hashes). */
    public Map<String, Object> notes = new TreeMap<>();
    public String startedAt;
    public String finishedAt;
    /** Wall-clock seconds of the last attempt. */
    public Double seconds;
    /** How many times the phase was started with these or earlier inputs. */
    public int attempts;
    /** The last failure's message. */
    public String error;
}
