package dev.autoeditor.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The installed file's name comes from the URL, so it must never name the folder itself or its parent. */
class DownloadSourceTest {

    @Test
    void aUrlEndingInDotsNamesTheFileAfterTheSource() {
        assertEquals("corpus", new DownloadSource("corpus", "https://example.org/files/..", null).fileName());
        assertEquals("corpus", new DownloadSource("corpus", "https://example.org/files/%2e%2e", null).fileName());
        assertEquals("corpus", new DownloadSource("corpus", "https://example.org/files/.", null).fileName());
        assertEquals("projects.zip", new DownloadSource("corpus", "https://example.org/files/projects.zip", null).fileName());
    }
}
