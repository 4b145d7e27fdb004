package dev.autoeditor.fetch;

import java.nio.file.Path;

/**
 * A source installed under a target folder, with what the manifest records about it.
 *
 * @param name the configured name (the folder it was installed into)
 * @param location the URL or path it came from
 * @param sha256 the content hash: as pinned in the config, or computed on arrival when none was
 * @param pinned whether the config gave the checksum
 * @param folder where it now lies
 * @param files files installed
 */
public record InstalledSource(String name, String location, String sha256, boolean pinned, Path folder, int files) {}
