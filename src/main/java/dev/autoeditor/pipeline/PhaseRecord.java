package dev.autoeditor.pipeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import java.util.TreeMap;

/** What the manifest says about one phase. Field names are the JSON names (see docs/pipeline.md). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class PhaseRecord {
    public static final String RUNNING = "running";
    public static final String DONE = "done";
    public static final String FAILED = "failed";

    /** running (started, not finished: a crash leaves this), done, or failed. */
    public String status;
    /** SHA-256 over the format version, the config hash and the upstream output hashes. */
    public String inputHash;
    /** The parts of the input hash: "format", "config", and "upstream:PHASE" per upstream phase. */
    public Map<String, String> inputs = new TreeMap<>();
    /** The config keys covered by inputs.config, with their values, so a reader sees what changed. */
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
