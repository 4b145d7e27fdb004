package dev.autoeditor.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the first pass over the keyframe CSV learns: per project its sequences, row counts and track
 * hashes. Its size grows with the number of sequences, never with the number of rows.
 */
final class SourceCatalog {
    /** One sequence: its name, rows, whether any track is ever active, and its track hash. */
    record SequenceInfo(String name, long rows, boolean anyActive, String trackHash) {}

    /**
     * One project: its sequences in file order, the hash of all of them in order, and the moments of its
     * active regression values (so the standard normaliser needs no second pass).
     */
    record ProjectInfo(String name, List<SequenceInfo> sequences, long rows, String projectHash, Moments moments) {}

    private final Map<String, ProjectInfo> projects = new LinkedHashMap<>();
    private String openProject;
    private List<SequenceInfo> openSequences;
    private String openSequence;
    private TrackHash openHash;
    private boolean openAnyActive;
    private Moments openMoments;
    private long rows;

    /** Adds a row; rows arrive grouped by project and sequence (the reader checks sequences). */
    void add(KeyframeRow row, java.nio.file.Path file) {
        if (!row.project.equals(openProject)) {
            closeProject();
            if (projects.containsKey(row.project)) {
                throw new dev.autoeditor.util.UserException(file + " line " + row.line + ": rows of project '" + row.project
                        + "' are not contiguous; convert writes each project's rows together, so re-run `auto-editor convert`");
            }
            openProject = row.project;
            openSequences = new ArrayList<>();
            openMoments = new Moments();
        }
        if (!row.sequence.equals(openSequence)) {
            closeSequence();
            openSequence = row.sequence;
            openHash = new TrackHash();
            openAnyActive = false;
        }
        openHash.addRow(row);
        openMoments.addRow(row);
        for (boolean a : row.active) openAnyActive |= a;
        rows++;
    }

    private void closeSequence() {
        if (openSequence == null) return;
        openSequences.add(new SequenceInfo(openSequence, openHash.frames(), openAnyActive, openHash.hex()));
        openSequence = null;
    }

    private void closeProject() {
        closeSequence();
        if (openProject == null) return;
        TrackHash whole = new TrackHash();
        long projectRows = 0;
        for (SequenceInfo s : openSequences) {
            whole.add(Long.parseUnsignedLong(s.trackHash().substring(0, 16), 16));
            whole.add(Long.parseUnsignedLong(s.trackHash().substring(16), 16));
            whole.add(s.rows());
            projectRows += s.rows();
        }
        projects.put(openProject, new ProjectInfo(openProject, List.copyOf(openSequences), projectRows, whole.hex(), openMoments));
        openProject = null;
    }

    /** Closes the last project; call once after the last row. */
    SourceCatalog finish() {
        closeProject();
        return this;
    }

    Map<String, ProjectInfo> projects() {
        return projects;
    }

    long rows() {
        return rows;
    }
}
