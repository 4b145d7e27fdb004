package dev.autoeditor.fetch;

import dev.autoeditor.util.AtomicFiles;
import dev.autoeditor.util.Trees;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs fetched sources under a target folder, each in {@code <target>/<name>/}: archives are
 * unpacked, folders copied, single files copied under their own name. Each source is assembled in a
 * hidden temporary folder and renamed into place, so an interrupted install leaves nothing half-done.
 */
final class SourceInstaller {
    private static final Logger log = LoggerFactory.getLogger(SourceInstaller.class);

    private final Fetcher fetcher;

    SourceInstaller(Fetcher fetcher) {
        this.fetcher = fetcher;
    }

    List<InstalledSource> installAll(List<DownloadSource> sources, Path target) throws IOException, InterruptedException {
        Files.createDirectories(target);
        List<InstalledSource> installed = new ArrayList<>();
        for (DownloadSource source : sources) installed.add(install(source, target));
        return installed;
    }

    private InstalledSource install(DownloadSource source, Path target) throws IOException, InterruptedException {
        FetchedSource fetched = fetcher.fetch(source);
        Path folder = target.resolve(source.name());
        Path staging = target.resolve("." + source.name() + ".partial");
        Trees.delete(staging);
        Files.createDirectories(staging);
        int files;
        try {
            if (Files.isDirectory(fetched.path())) {
                files = copyTree(fetched.path(), staging);
            } else if (ArchiveExtractor.isArchive(source.fileName())) {
                files = ArchiveExtractor.extract(fetched.path(), source.fileName(), staging, fetcher.settings().extractLimits());
            } else {
                Files.copy(fetched.path(), staging.resolve(source.fileName()), StandardCopyOption.REPLACE_EXISTING);
                files = 1;
            }
        } catch (IOException | RuntimeException e) {
            Trees.delete(staging);
            throw e;
        }
        Trees.delete(folder);
        AtomicFiles.move(staging, folder);
        log.info("{}: {} file(s) in {}{}", source.name(), files, folder, fetched.fromCache() ? " (from cache)" : "");
        return new InstalledSource(source.name(), source.location(), fetched.sha256(), source.pinned(), folder, files);
    }

    private static int copyTree(Path from, Path to) throws IOException {
        int[] count = {0};
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile()) {
                    Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.REPLACE_EXISTING);
                    count[0]++;
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return count[0];
    }
}
