package dev.autoeditor.data;

import java.util.List;
import java.util.Map;

/**
 * The outcome of splitting: which split each kept project belongs to, the groups that were kept
 * together, and the exact duplicates that were dropped.
 *
 * @param splitOf    kept project to its split
 * @param groups     every group of projects that share a video track hash, in assignment order
 * @param duplicates dropped project to the kept project it duplicates (empty when not dropping)
 */
public record SplitPlan(Map<String, Split> splitOf, List<Group> groups, Map<String, String> duplicates) {
    /** Projects linked by an identical sequence (re-exports), assigned to one split together. */
    public record Group(int id, List<String> projects, Split split) {}

    /** The kept projects of one split, sorted by name. */
    public List<String> projects(Split split) {
        return splitOf.entrySet().stream().filter(e -> e.getValue() == split).map(Map.Entry::getKey).sorted().toList();
    }
}
