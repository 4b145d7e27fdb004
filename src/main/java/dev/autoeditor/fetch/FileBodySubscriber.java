package dev.autoeditor.fetch;

import dev.autoeditor.util.Progress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Writes a response body into a file as it arrives, from a given offset (0 truncates, otherwise
 * appends), and remembers when bytes last arrived so a stalled transfer can be cut off.
 */
final class FileBodySubscriber implements HttpResponse.BodySubscriber<Long> {
    private final Path file;
    private final long start;
    private final Progress progress;
    private final CompletableFuture<Long> result = new CompletableFuture<>();
    private FileChannel channel;
    private Flow.Subscription subscription;
    private volatile long written;
    private volatile long lastActivityNanos = System.nanoTime();

    FileBodySubscriber(Path file, long start, Progress progress) {
        this.file = file;
        this.start = start;
        this.written = start;
        this.progress = progress;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        try {
            channel = start > 0
                    ? FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)
                    : FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            s.cancel();
            result.completeExceptionally(e);
            return;
        }
        synchronized (this) {
            subscription = s;
        }
        s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        try {
            long n = 0;
            for (ByteBuffer b : buffers) {
                while (b.hasRemaining()) n += channel.write(b);
            }
            written += n;
            lastActivityNanos = System.nanoTime();
            progress.step(n);
        } catch (IOException e) {
            abort(new UncheckedIOException(e));
            return;
        }
        subscription.request(1);
    }

    @Override
    public void onError(Throwable t) {
        closeChannel();
        result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
        closeChannel();
        result.complete(written);
    }

    @Override
    public CompletionStage<Long> getBody() {
        return result;
    }

    /** Bytes in the file so far (including what was there before). */
    long written() {
        return written;
    }

    /** Whether any byte arrived (rather than only the headers). */
    boolean receivedAny() {
        return written > start;
    }

    long nanosSinceLastByte() {
        return System.nanoTime() - lastActivityNanos;
    }

    /** Stops the transfer, keeping what has been written. */
    void abort(Throwable why) {
        Flow.Subscription s;
        synchronized (this) {
            s = subscription;
        }
        if (s != null) s.cancel();
        closeChannel();
        result.completeExceptionally(why);
    }

    private synchronized void closeChannel() {
        try {
            if (channel != null && channel.isOpen()) channel.close();
        } catch (IOException ignored) {
            // the bytes already written are on disk; a short file is detected by its length
        }
    }
}
