package dev.autoeditor.prefs;

/**
 * An edit a person made, read from a Premiere XML export: the export's project name (the file name
 * without .xml, as {@code convert} names it), the sequence, and the file's SHA-256.
 */
public record ExportRef(String name, String sequence, String sha256) {
    public ExportRef {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("an export needs a name");
        if (sequence == null) throw new IllegalArgumentException("an export needs a sequence name");
        if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("export sha256 must be 64 lower-case hex digits, got '" + sha256 + "'");
        }
    }
}
