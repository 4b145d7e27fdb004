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
import java.time.Duration;
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
 * retried with exponential back-off; a 4xx answer fails at once, naming the URL and status. However
 * many attempts remain, a download that has received nothing (no answer, no byte) for
 * {@code download.stall_s} gives up, saying whether the host never answered or went quiet mid-transfer.
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

    /** When the download last heard from the host (an answer or a byte), and whether it ever answered. */
    private static final class Activity {
        private volatile long lastNanos = System.nanoTime();
        private volatile boolean answered;

        void heard() {
            heardAt(System.nanoTime());
        }

        /** Records contact at {@code nanos} (a System.nanoTime value) unless later contact is known. */
        void heardAt(long nanos) {
            if (nanos - lastNanos > 0) lastNanos = nanos;
            answered = true;
        }

        /** Takes note of the bytes a body has received. */
        void sawBody(FileBodySubscriber body) {
            if (body != null && body.receivedAny()) heardAt(System.nanoTime() - body.nanosSinceLastByte());
        }

        long silentNanos() {
            return System.nanoTime() - lastNanos;
        }
    }

    /** Fetches {@code uri} until {@code partial} holds the whole body. */
    void download(URI uri, Path partial, String label) throws IOException, InterruptedException {
        Files.createDirectories(partial.toAbsolutePath().getParent());
        int attempts = settings.retries() + 1;
        IOException last = null;
        Activity activity = new Activity();
        long stall = settings.stall().toNanos();
        for (int attempt = 1; attempt <= attempts; attempt++) {
            if (attempt > 1) {
                long delay = Math.min(settings.delayBefore(attempt - 1), Math.max(0, (stall - activity.silentNanos()) / 1_000_000));
                log.warn("{}: {}; retry {} of {} in {} ms", label, last.getMessage(), attempt - 1, settings.retries(), delay);
                Thread.sleep(delay);
            }
            long left = stall - activity.silentNanos();
            if (left <= 0) throw stalled(uri, partial, label, activity, attempt - 1);
            try {
                attempt(uri, partial, label, activity, Duration.ofNanos(Math.min(settings.timeout().toNanos(), left)));
                return;
            } catch (RetryableException e) {
                last = e;
            }
            if (activity.silentNanos() >= stall) throw stalled(uri, partial, label, activity, attempt);
        }
        long have = Files.exists(partial) ? Files.size(partial) : 0;
        throw new UserException(label + ": download of " + uri + " failed after " + attempts + " attempts (" + last.getMessage()
                + "); " + have + " bytes are kept and the next run resumes from there", last);
    }

    /**
     * The failure of a download that heard nothing for download.stall_s: whether the host never
     * answered or went quiet, what is kept, and what to try.
     */
    private UserException stalled(URI uri, Path partial, String label, Activity activity, int attemptsMade) throws IOException {
        long have = Files.exists(partial) ? Files.size(partial) : 0;
        long seconds = settings.stall().toSeconds();
        String what = activity.answered
                ? "stopped sending: no byte for " + seconds + " s"
                : "accepted the connection but sent no response for " + seconds + " s";
        String kept = have > 0 ? have + " bytes are kept and the next run resumes from there" : "nothing was downloaded";
        return new UserException("source '" + label + "': " + uri + " " + what + " (the limit download.stall_s, over "
                + attemptsMade + (attemptsMade == 1 ? " attempt" : " attempts") + "); " + kept + "; check that the host is up and serves this URL, or raise download.stall_s"
                + " (--set download.stall_s=SECONDS) for a slow host");
    }

    private void attempt(URI uri, Path partial, String label, Activity activity, Duration limit) throws IOException, InterruptedException {
        long have = Files.exists(partial) ? Files.size(partial) : 0;
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(limit).GET();
        if (have > 0) request.header("Range", "bytes=" + have + "-");
        BodyChoice choice = new BodyChoice(partial, have, "download " + label, activity);
        try {
            CompletableFuture<HttpResponse<Long>> pending = client.sendAsync(request.build(), choice);
            HttpResponse<Long> response = awaitWithStallCheck(pending, choice, uri, limit);
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
            activity.sawBody(choice.subscriber);
            choice.closeProgress();
        }
    }

    /** Waits for the body, cutting the transfer off when no byte arrived for {@code timeout}. */
    private HttpResponse<Long> awaitWithStallCheck(CompletableFuture<HttpResponse<Long>> pending, BodyChoice choice, URI uri,
                                                   Duration timeout) throws IOException, InterruptedException {
        long limit = timeout.toNanos();
        String took = timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
        while (true) {
            try {
                return pending.get(50, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                FileBodySubscriber body = choice.subscriber;
                choice.activity.sawBody(body);
                long idle = body != null ? body.nanosSinceLastByte() : System.nanoTime() - choice.createdNanos;
                if (idle > limit) {
                    if (body != null) body.abort(new IOException("no data for " + took));
                    pending.cancel(true);
                    throw new RetryableException("transfer stalled: no data for " + took + " after "
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
        final Activity activity;
        private volatile Progress progress;
        final long createdNanos = System.nanoTime();
        volatile FileBodySubscriber subscriber;
        volatile boolean rangeMismatch;
        volatile long start;

        BodyChoice(Path partial, long have, String task, Activity activity) {
            this.partial = partial;
            this.have = have;
            this.task = task;
            this.activity = activity;
        }

        void closeProgress() {
            if (progress != null) progress.close();
        }

        @Override
        public HttpResponse.BodySubscriber<Long> apply(HttpResponse.ResponseInfo info) {
            activity.heard();
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
