package dev.autoeditor.pipeline;

import dev.autoeditor.fetch.InstalledSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the manifest records of each downloaded source: where from, its hash, and whether the config pinned it. */
final class DownloadNotes {
    private DownloadNotes() {}

    static List<Map<String, Object>> of(List<InstalledSource> installed) {
        List<Map<String, Object>> notes = new ArrayList<>();
        for (InstalledSource s : installed) {
            Map<String, Object> n = new LinkedHashMap<>();
            n.put("name", s.name());
            n.put("source", s.location());
            n.put("sha256", s.sha256());
            n.put("sha256_source", s.pinned() ? "config" : "computed on arrival (not pinned in the config)");
            n.put("files", s.files());
            notes.add(n);
        }
        return notes;
    }
}
