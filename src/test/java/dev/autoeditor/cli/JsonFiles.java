package dev.autoeditor.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Compares the JSON files (*.json, *.jsonl) of two run directories as written: every key in its
 * written order and every value exactly as written (numbers as text), leaving out only named fields
 * (times, durations), and with each run directory's own path replaced by "RUN" wherever it occurs. A
 * file from which nothing was left out must also be byte-identical once the paths are replaced.
 */
final class JsonFiles {
    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonFiles() {}

    /** The JSON files under {@code root}, relative, sorted. */
    static List<String> list(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(n -> n.endsWith(".json") || n.endsWith(".jsonl")).sorted().toList();
        }
    }

    /** Everything that differs between the JSON files of run directories {@code a} and {@code b} (empty when none). */
    static List<String> differences(Path a, Path b, Set<String> leftOut) throws IOException {
        List<String> diffs = new ArrayList<>();
        List<String> filesA = list(a);
        List<String> filesB = list(b);
        if (!filesA.equals(filesB)) diffs.add("the runs wrote different JSON files: " + filesA + " vs " + filesB);
        for (String f : filesA) {
            if (!filesB.contains(f)) continue;
            Tokens ta = tokens(a.resolve(f), a, leftOut);
            Tokens tb = tokens(b.resolve(f), b, leftOut);
            String first = firstDifference(ta.tokens(), tb.tokens());
            if (first != null) {
                diffs.add(f + ": " + first);
            } else if (!ta.leftOut() && !tb.leftOut()) {
                String textA = Files.readString(a.resolve(f)).replace(root(a), "RUN");
                String textB = Files.readString(b.resolve(f)).replace(root(b), "RUN");
                if (!textA.equals(textB)) diffs.add(f + ": same tokens, other bytes (layout or whitespace)");
            }
        }
        return diffs;
    }

    /** A file's tokens, and whether a field was left out of them. */
    record Tokens(List<String> tokens, boolean leftOut) {}

    /** Each token as written: "key:NAME", "{", "}", "[", "]" or the value's text; fields in {@code leftOut} skipped. */
    static Tokens tokens(Path file, Path run, Set<String> leftOut) throws IOException {
        String root = root(run);
        List<String> out = new ArrayList<>();
        boolean skipped = false;
        try (JsonParser p = FACTORY.createParser(file.toFile())) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.FIELD_NAME && leftOut.contains(p.currentName())) {
                    p.nextToken();
                    p.skipChildren();
                    skipped = true;
                } else if (t == JsonToken.FIELD_NAME) {
                    out.add("key:" + p.currentName());
                } else if (t == JsonToken.VALUE_STRING) {
                    out.add("\"" + p.getText().replace(root, "RUN") + "\"");
                } else {
                    out.add(p.getText()); // numbers exactly as written, true/false/null, brackets
                }
            }
        }
        return new Tokens(out, skipped);
    }

    private static String root(Path run) {
        return run.toAbsolutePath().normalize().toString();
    }

    private static String firstDifference(List<String> a, List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            if (!a.get(i).equals(b.get(i))) {
                return "after " + String.join(" ", a.subList(Math.max(0, i - 4), i)) + ": " + a.get(i) + "  vs  " + b.get(i);
            }
        }
        if (a.size() != b.size()) return a.size() + " vs " + b.size() + " tokens";
        return null;
    }
}
