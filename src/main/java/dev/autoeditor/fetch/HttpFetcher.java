package dev.autoeditor.fetch;

import dev.autoeditor.util.Progress;
import dev.autoeditor.util.UserException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads one URL into a partial file. A partial file left by an earlier attempt (or an earlier
 * process) is continued with an HTTP Range request; connection errors, stalls and 5xx answers are
 * retried with exponential back-off; a 4xx answer fails at once, naming the URL and status.
 */
final class HttpFetcher {
    private static final Logger log = LoggerFactory.getLogger(HttpFetcher.class);
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");

    private final DownloadSettings settings;
    private final HttpClient client;

    HttpFetcher(DownloadSettings settings) {
        this.settings = settings;
        this.client = HttpClient.newBuilder()
                .connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /** A failure worth another attempt (connection trouble, 5xx, a body cut short). */
    private static final class RetryableException extends IOException {
        RetryableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Fetches {@code uri} until {@code partial} holds the whole body. */
    void download(URI uri, Path partial, String label) throws IOException, InterruptedException {
        Files.createDirectories(partial.toAbsolutePath().getParent());
        int attempts = settings.retries() + 1;
        IOException last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            if (attempt > 1) {
                long delay = settings.delayBefore(attempt - 1);
                log.warn("{}: {}; retry {} of {} in {} ms", label, last.getMessage(), attempt - 1, settings.retries(), delay);
                Thread.sleep(delay);
            }
            try {
                attempt(uri, partial, label);
                return;
            } catch (RetryableException e) {
                last = e;
            }
        }
        long have = Files.exists(partial) ? Files.size(partial) : 0;
        throw new UserException(label + ": download of " + uri + " failed after " + attempts + " attempts (" + last.getMessage()
                + "); " + have + " bytes are kept and the next run resumes from there", last);
    }

    private void attempt(URI uri, Path partial, String label) throws IOException, InterruptedException {
        long have = Files.exists(partial) ? Files.size(partial) : 0;
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(settings.timeout()).GET();
        if (have > 0) request.header("Range", "bytes=" + have + "-");
        BodyChoice choice = new BodyChoice(partial, have, "download " + label);
        try {
            CompletableFuture<HttpResponse<Long>> pending = client.sendAsync(request.build(), choice);
            HttpResponse<Long> response = awaitWithStallCheck(pending, choice, uri);
            int status = response.statusCode();
            if (status == 416 && have > 0) {
                // The partial file already holds everything the server has (or more than it).
                OptionalLong total = totalFromContentRange(response.headers().firstValue("Content-Range").orElse(""));
                if (total.isPresent() && total.getAsLong() == have) return;
                Files.delete(partial);
                throw new RetryableException("the partial file did not match the server's copy; starting over", null);
            }
            if (status >= 400 && status < 500) {
                throw new UserException(label + ": " + uri + " answered HTTP " + status
                        + "; check the URL in the config (and any access rights); not retried");
            }
            if (status >= 500) throw new RetryableException("HTTP " + status + " from " + uri, null);
            if (status != 200 && status != 206) {
                throw new UserException(label + ": " + uri + " answered HTTP " + status + ", which is not a file");
            }
            if (choice.rangeMismatch) {
                Files.delete(partial);
                throw new RetryableException("server answered a range that does not continue byte " + have + "; starting over", null);
            }
            if (choice.start > 0) log.info("{}: resumed at byte {}", label, choice.start);
            else if (have > 0) log.info("{}: server ignored the range request; downloaded from the start", label);
            long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            long end = response.body();
            if (length >= 0 && end < choice.start + length) {
                throw new RetryableException("transfer cut off after " + end + " of " + (choice.start + length) + " bytes", null);
            }
        } finally {
            choice.closeProgress();
        }
    }

    /** Waits for the body, cutting the transfer off when no byte arrived for the configured timeout. */
    private HttpResponse<Long> awaitWithStallCheck(CompletableFuture<HttpResponse<Long>> pending, BodyChoice choice, URI uri)
            throws IOException, InterruptedException {
        long limit = settings.timeout().toNanos();
        while (true) {
            try {
                return pending.get(200, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                FileBodySubscriber body = choice.subscriber;
                long idle = body != null ? body.nanosSinceLastByte() : System.nanoTime() - choice.createdNanos;
                if (idle > limit) {
                    if (body != null) body.abort(new IOException("no data for " + settings.timeout().toSeconds() + " s"));
                    pending.cancel(true);
                    throw new RetryableException("transfer stalled: no data for " + settings.timeout().toSeconds() + " s after "
                            + (body != null ? body.written() : 0) + " bytes", null);
                }
            } catch (InterruptedException e) {
                pending.cancel(true);
                throw e;
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                String what = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
                long got = choice.subscriber != null ? choice.subscriber.written() : 0;
                throw new RetryableException("transfer failed after " + got + " bytes (" + what + ") from " + uri, cause);
            }
        }
    }

    /**
     * Chooses how to take a response once its status is known: a 200 rewrites the file from the
     * start, a 206 appends when it continues exactly where the file ends; anything else is discarded.
     */
    private static final class BodyChoice implements HttpResponse.BodyHandler<Long> {
        private final Path partial;
        private final long have;
        private final String task;
        private volatile Progress progress;
        final long createdNanos = System.nanoTime();
        volatile FileBodySubscriber subscriber;
        volatile boolean rangeMismatch;
        volatile long start;

        BodyChoice(Path partial, long have, String task) {
            this.partial = partial;
            this.have = have;
            this.task = task;
        }

        void closeProgress() {
            if (progress != null) progress.close();
        }

        @Override
        public HttpResponse.BodySubscriber<Long> apply(HttpResponse.ResponseInfo info) {
            int status = info.statusCode();
            if (status == 206) {
                Matcher m = CONTENT_RANGE.matcher(info.headers().firstValue("Content-Range").orElse(""));
                if (!m.matches() || Long.parseLong(m.group(1)) != have) {
                    rangeMismatch = true;
                    return HttpResponse.BodySubscribers.replacing(-1L);
                }
                start = have;
            } else if (status == 200) {
                start = 0;
            } else {
                return HttpResponse.BodySubscribers.replacing(-1L);
            }
            // Now the size is known, so the bar can show the share done and an ETA.
            long length = info.headers().firstValueAsLong("Content-Length").orElse(-1);
            progress = Progress.start(task, length >= 0 ? start + length : -1, "B");
            progress.step(start);
            subscriber = new FileBodySubscriber(partial, start, progress);
            return subscriber;
        }
    }

    private static OptionalLong totalFromContentRange(String header) {
        int slash = header.lastIndexOf('/');
        if (slash < 0) return OptionalLong.empty();
        try {
            return OptionalLong.of(Long.parseLong(header.substring(slash + 1).trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
