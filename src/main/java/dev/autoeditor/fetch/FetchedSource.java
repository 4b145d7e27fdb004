package dev.autoeditor.fetch;

import java.nio.file.Path;

/**
 * A source whose bytes are on this machine and verified.
 *
 * @param source what the config asked for
 * @param path the verified file in the cache, or the local file or folder itself
 * @param sha256 the content hash (of the file, or of a folder's listing and files)
 * @param fromCache true when nothing had to be transferred
 */
public record FetchedSource(DownloadSource source, Path path, String sha256, boolean fromCache) {}
