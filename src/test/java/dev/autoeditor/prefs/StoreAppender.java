package dev.autoeditor.prefs;

import java.nio.file.Path;

/**
 * A separate JVM that appends large sample pairs to a store until it is killed
 * ({@link PairStoreTest#aKilledWriterNeverLeavesATornLineThatReadsAsAPair}).
 */
public final class StoreAppender {
    private StoreAppender() {}

    public static void main(String[] args) throws Exception {
        PairStore store = new PairStore(Path.of(args[0]));
        for (int i = 0; ; i++) store.append(Pairs.large(i));
    }
}
