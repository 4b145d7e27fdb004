package dev.autoeditor.timeline.table;

import dev.autoeditor.timeline.xmeml.XmemlReader;
import dev.autoeditor.util.UserException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Expands --input paths: a file as given, a folder searched recursively for *.xml; sorted by absolute
 * path, each file once however it was named (a folder and a file in it, a relative and an absolute path).
 */
public final class InputFiles {
    private InputFiles() {}

    public static List<Path> expand(List<Path> inputs) {
        if (inputs.isEmpty()) throw new UserException("no input given; pass --input FILE.xml or --input FOLDER");
        // Keyed by absolute path so one file is converted once; the value keeps the path as the user gave it.
        TreeMap<Path, Path> files = new TreeMap<>();
        for (Path input : inputs) {
            Path p = input.normalize();
            if (Files.isRegularFile(p)) {
                files.putIfAbsent(p.toAbsolutePath().normalize(), p);
            } else if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(Files::isRegularFile).filter(InputFiles::isXml)
                            .forEach(f -> files.putIfAbsent(f.toAbsolutePath().normalize(), f));
                } catch (IOException | UncheckedIOException e) {
                    throw new UserException("cannot list folder " + p + ": " + e.getMessage(), e);
                }
            } else {
                throw new UserException("input " + input + " does not exist; check the --input path");
            }
        }
        if (files.isEmpty()) throw new UserException("no *.xml files under " + inputs + "; point --input at xmeml exports");
        return new ArrayList<>(files.values());
    }

    static boolean isXml(Path p) {
        String name = p.getFileName().toString();
        return name.toLowerCase(Locale.ROOT).endsWith(".xml") && !name.startsWith(".");
    }

    /**
     * The project name of each file, in the same order: the file name without .xml
     * ({@link XmemlReader#projectName}). Files that would share a name (the same export saved in two
     * folders) each get their path relative to the deepest folder holding them all instead, '/'
     * between folders and .xml dropped ({@code a/edit}, {@code b/edit}): rows of two files never share
     * a project, and a name that collides with nothing stays as it was.
     */
    public static List<String> projectNames(List<Path> files) {
        List<String> names = new ArrayList<>(files.size());
        Map<String, List<Integer>> byName = new HashMap<>();
        for (int i = 0; i < files.size(); i++) {
            names.add(XmemlReader.projectName(files.get(i)));
            byName.computeIfAbsent(names.get(i), k -> new ArrayList<>()).add(i);
        }
        for (List<Integer> same : byName.values()) {
            if (same.size() < 2) continue;
            List<Path> paths = same.stream().map(i -> files.get(i).toAbsolutePath().normalize()).toList();
            Path common = commonFolder(paths);
            List<String> relative = paths.stream().map(p -> common.relativize(p).toString().replace('\\', '/')).toList();
            // Without .xml unless that makes two equal again (edit.xml and edit.XML in one folder).
            List<String> stripped = relative.stream().map(InputFiles::withoutXml).toList();
            boolean distinct = new HashSet<>(stripped).size() == stripped.size();
            for (int j = 0; j < same.size(); j++) names.set(same.get(j), distinct ? stripped.get(j) : relative.get(j));
        }
        return names;
    }

    private static String withoutXml(String path) {
        return path.toLowerCase(Locale.ROOT).endsWith(".xml") ? path.substring(0, path.length() - 4) : path;
    }

    private static Path commonFolder(List<Path> paths) {
        Path common = paths.get(0).getParent();
        for (Path p : paths) while (!p.startsWith(common)) common = common.getParent();
        return common;
    }
}
