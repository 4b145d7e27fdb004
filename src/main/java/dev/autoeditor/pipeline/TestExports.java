package dev.autoeditor.pipeline;

import dev.autoeditor.data.Split;
import dev.autoeditor.data.SplitsFile;
import dev.autoeditor.timeline.table.InputFiles;
import dev.autoeditor.train.ModelArtifact;
import dev.autoeditor.util.UserException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The exports of a run's split (the test split, for generation): the data tree a model last trained on (the one
 * whose windows its checkpoint names in {@code provenance.inputs.windows_dir}, else the main tree),
 * its {@code splits.json}, and the xmeml files under its {@code raw/} whose project names (as
 * {@code convert} named them) the test split lists, in file order.
 */
public final class TestExports {
    private TestExports() {}

    /** The tree {@code model} was trained on, within {@code layout}. */
    public static DataTree treeOf(RunLayout layout, ModelArtifact model) {
        Object dir = model.info().provenance() == null ? null : model.info().provenance().inputs().get("windows_dir");
        if (dir instanceof String s) {
            Path windows = Path.of(s).toAbsolutePath().normalize();
            for (DataTree t : DataTree.all()) if (layout.resolve(t.windows()).equals(windows)) return t;
            // The run directory was moved: match the tree by the end of the path.
            for (DataTree t : DataTree.all()) if (windows.endsWith(t.windows()) && !t.isMain()) return t;
        }
        return DataTree.MAIN;
    }

    /** The test split's exports; fails naming the file to make when the run has no split. */
    public static List<Path> of(RunLayout layout, ModelArtifact model) {
        return of(layout, treeOf(layout, model), Split.TEST);
    }

    /** The exports of {@code split} of {@code tree}, in file order; fails naming what is missing. */
    public static List<Path> of(RunLayout layout, DataTree tree, Split split) {
        Path preprocessed = layout.resolve(tree.preprocessed());
        SplitsFile splits = SplitsFile.load(preprocessed);
        Set<String> listed = Set.copyOf(splits.projects(split));
        Path raw = layout.resolve(tree.raw());
        if (!Files.isDirectory(raw)) {
            throw new UserException(raw + " not found: the run's exports are gone; re-run `auto-editor full-run --run-dir " + layout.root()
                    + "`, or pass the exports with --input");
        }
        List<Path> files = InputFiles.expand(List.of(raw));
        List<String> names = InputFiles.projectNames(files);
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) if (listed.contains(names.get(i))) out.add(files.get(i));
        if (out.isEmpty()) {
            throw new UserException(preprocessed.resolve(SplitsFile.NAME) + " lists " + listed.size() + " " + split.id() + " project(s), none of them under "
                    + raw + "; pass the exports with --input");
        }
        return out;
    }

    /** The source of the exports, for reports: the tree, its raw folder and the split. */
    public static Map<String, Object> describe(RunLayout layout, DataTree tree) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("run_dir", layout.root().toString());
        m.put("tree", tree.name());
        m.put("raw", layout.resolve(tree.raw()).toString());
        m.put("split", Split.TEST.id());
        return m;
    }
}
