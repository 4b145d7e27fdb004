package dev.autoeditor.fetch;

import dev.autoeditor.config.Config;
import dev.autoeditor.config.ConfigException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One configured source of a model or dataset: an http(s) or file URL, or a local path, with an
 * optional SHA-256 that the content must match.
 *
 * @param name folder name the source is installed under (letters, digits, dot, dash, underscore)
 * @param location the URL or path as written in the config
 * @param sha256 lower-case hex, or null when the config pins no checksum
 */
public record DownloadSource(String name, String location, String sha256) {
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    private static final Set<String> KEYS = Set.of("name", "url", "path", "sha256");

    /** What kind of place the bytes come from. */
    public enum Kind { HTTP, LOCAL }

    public Kind kind() {
        String lower = location.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://") ? Kind.HTTP : Kind.LOCAL;
    }

    public boolean pinned() {
        return sha256 != null;
    }

    public URI uri() {
        try {
            return new URI(location);
        } catch (URISyntaxException e) {
            throw new ConfigException("source '" + name + "': '" + location + "' is not a valid URL: " + e.getMessage());
        }
    }

    /** The local file or folder of a file: URL or plain path. */
    public Path localPath() {
        if (location.regionMatches(true, 0, "file:", 0, 5)) return Path.of(uri());
        return Path.of(location);
    }

    /** The last part of the location, used to tell archives from plain files and to name installed files. */
    public String fileName() {
        String path = kind() == Kind.HTTP ? uri().getPath() : localPath().toString();
        if (path == null || path.isEmpty()) return name;
        String trimmed = path.replaceAll("[/\\\\]+$", "");
        int slash = Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\'));
        String last = trimmed.substring(slash + 1);
        // "." and ".." would name the install folder or its parent, not a file in it.
        return last.isEmpty() || last.equals(".") || last.equals("..") ? name : last;
    }

    /** Reads the list under {@code key} (download.models, download.data or finetune.data), checking every entry. */
    public static List<DownloadSource> fromConfig(Config config, String key) {
        List<DownloadSource> sources = new ArrayList<>();
        List<Object> items = config.getList(key);
        for (int i = 0; i < items.size(); i++) {
            String where = "config key '" + key + "' entry " + (i + 1);
            if (!(items.get(i) instanceof Map<?, ?> map)) {
                throw new ConfigException(where + " is " + items.get(i) + "; expected a mapping like {name: corpus, url: https://..., sha256: ...}");
            }
            for (Object k : map.keySet()) {
                if (!KEYS.contains(String.valueOf(k))) {
                    throw new ConfigException(where + " has unknown field '" + k + "'; allowed fields: name, url, path, sha256");
                }
            }
            Object name = map.get("name");
            if (name == null || !SAFE_NAME.matcher(name.toString()).matches()) {
                throw new ConfigException(where + " needs a 'name' of letters, digits, '.', '-' or '_' (it names the folder), found " + name);
            }
            Object url = map.get("url");
            Object path = map.get("path");
            if ((url == null) == (path == null)) {
                throw new ConfigException(where + " ('" + name + "') needs exactly one of 'url' (http, https or file URL) or 'path' (a local file or folder)");
            }
            String location = url != null ? url.toString() : path.toString();
            if (url != null) {
                String lower = location.toLowerCase(Locale.ROOT);
                if (!(lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("file:"))) {
                    throw new ConfigException(where + " ('" + name + "') url '" + location + "' must start with http://, https:// or file:; use 'path' for a local folder");
                }
            }
            String sha = null;
            Object rawSha = map.get("sha256");
            if (rawSha != null && !rawSha.toString().isBlank()) {
                sha = rawSha.toString().trim().toLowerCase(Locale.ROOT);
                if (!HEX64.matcher(sha).matches()) {
                    throw new ConfigException(where + " ('" + name + "') sha256 '" + rawSha + "' is not 64 hexadecimal digits");
                }
            }
            DownloadSource source = new DownloadSource(name.toString(), location, sha);
            for (DownloadSource other : sources) {
                if (other.name().equals(source.name())) {
                    throw new ConfigException(where + " repeats the name '" + name + "'; each source needs its own name");
                }
            }
            source.uri();
            sources.add(source);
        }
        return sources;
    }
}
