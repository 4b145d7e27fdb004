package dev.autoeditor.timeline.table;

import dev.autoeditor.util.UserException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.Stream;

/** Expands --input paths: a file as given, a folder searched recursively for *.xml; sorted by path, without duplicates. */
public final class InputFiles {
    private InputFiles() {}

    public static List<Path> expand(List<Path> inputs) {
        if (inputs.isEmpty()) throw new UserException("no input given; pass --input FILE.xml or --input FOLDER");
        TreeSet<Path> files = new TreeSet<>();
        for (Path input : inputs) {
            Path p = input.normalize();
            if (Files.isRegularFile(p)) {
                files.add(p);
            } else if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(Files::isRegularFile).filter(InputFiles::isXml).forEach(files::add);
                } catch (IOException | UncheckedIOException e) {
                    throw new UserException("cannot list folder " + p + ": " + e.getMessage(), e);
                }
            } else {
                throw new UserException("input " + input + " does not exist; check the --input path");
            }
        }
        if (files.isEmpty()) throw new UserException("no *.xml files under " + inputs + "; point --input at xmeml exports");
        return new ArrayList<>(files);
    }

    static boolean isXml(Path p) {
        String name = p.getFileName().toString();
        return name.toLowerCase(Locale.ROOT).endsWith(".xml") && !name.startsWith(".");
    }

    /** The project name: the file name without its .xml extension. */
    public static String projectName(Path file) {
        String name = file.getFileName().toString();
        return name.toLowerCase(Locale.ROOT).endsWith(".xml") ? name.substring(0, name.length() - 4) : name;
    }
}
