package dev.autoeditor.fetch;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A real HTTP server on 127.0.0.1 (a free port) whose answers the tests script per path: a list of
 * behaviours served in turn, the last one repeating. It records every request's path and Range header.
 */
final class TestHttpServer implements AutoCloseable {
    /** How one request is answered. */
    interface Behaviour {
        void answer(HttpExchange exchange, byte[] body) throws IOException;
    }

    /** The whole body (honouring a Range header with 206). */
    static final Behaviour SERVE = (ex, body) -> {
        String range = ex.getRequestHeaders().getFirst("Range");
        int from = 0;
        if (range != null && range.startsWith("bytes=") && range.endsWith("-")) {
            from = Integer.parseInt(range.substring(6, range.length() - 1));
            ex.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
            ex.sendResponseHeaders(206, body.length - from);
        } else {
            ex.sendResponseHeaders(200, body.length);
        }
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body, from, body.length - from);
        }
    };

    /** Promises the whole body, sends half, then drops the connection. */
    static final Behaviour CUT_HALF_WAY = (ex, body) -> {
        ex.sendResponseHeaders(200, body.length);
        OutputStream out = ex.getResponseBody();
        out.write(body, 0, body.length / 2);
        out.flush();
        // Throwing out of the handler makes the server close the connection mid-body.
        throw new IOException("test server cuts the transfer off half way");
    };

    /** Sends the headers and half the body, then goes silent for {@code millis} without closing. */
    static Behaviour stallHalfWay(long millis) {
        return (ex, body) -> {
            ex.sendResponseHeaders(200, body.length);
            OutputStream out = ex.getResponseBody();
            out.write(body, 0, body.length / 2);
            out.flush();
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IOException("test server gave up on a stalled transfer");
        };
    }

    /** Accepts the request and sends nothing at all (not even headers) for {@code millis}, then drops it. */
    static Behaviour silent(long millis) {
        return (ex, body) -> {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IOException("test server never answered");
        };
    }

    static Behaviour status(int code) {
        return (ex, body) -> {
            ex.sendResponseHeaders(code, -1);
            ex.close();
        };
    }

    private final HttpServer server;
    private final java.util.concurrent.ExecutorService executor = java.util.concurrent.Executors.newCachedThreadPool();
    private final Map<String, byte[]> bodies = new ConcurrentHashMap<>();
    private final Map<String, List<Behaviour>> scripts = new ConcurrentHashMap<>();
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());

    TestHttpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        // One thread per request, so a stalled answer does not hold up the client's retry.
        server.setExecutor(executor);
        server.start();
    }

    /** Serves {@code body} at {@code path}, answering successive requests with the behaviours in turn. */
    void script(String path, byte[] body, Behaviour... behaviours) {
        bodies.put(path, body);
        scripts.put(path, new ArrayList<>(List.of(behaviours)));
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** "path range" for every request so far (range "-" when absent). */
    List<String> requests() {
        synchronized (requests) {
            return new ArrayList<>(requests);
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String range = ex.getRequestHeaders().getFirst("Range");
        requests.add(path + " " + (range == null ? "-" : range));
        List<Behaviour> script = scripts.get(path);
        if (script == null) {
            status(404).answer(ex, new byte[0]);
            return;
        }
        Behaviour next = script.size() > 1 ? script.remove(0) : script.get(0);
        next.answer(ex, bodies.get(path));
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
