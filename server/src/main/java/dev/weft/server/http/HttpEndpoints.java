package dev.weft.server.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.weft.odf.error.ErrorCode;
import dev.weft.odf.error.WeftException;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operational HTTP endpoints: {@code GET /health} (200 when the server is ready to answer queries, 503 while it
 * is starting or stopping; the body lists damaged datasets, see {@link HealthReport}) and {@code GET /metrics}
 * (Prometheus text format).
 */
public final class HttpEndpoints implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpEndpoints.class);
    private final HttpServer server;

    private HttpEndpoints(HttpServer server) {
        this.server = server;
    }

    /** @param health the server's health now; called per request, on the HTTP threads */
    public static HttpEndpoints start(String host, int port, PrometheusMeterRegistry metrics,
            Supplier<HealthReport> health) {
        final HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 0);
        } catch (IOException e) {
            throw new WeftException(ErrorCode.IO, "Cannot serve HTTP on " + host + ":" + port + ": " + e.getMessage(),
                    e);
        }
        server.createContext("/health", exchange -> {
            HealthReport report;
            try {
                report = health.get();
            } catch (RuntimeException e) {
                LOG.warn("Health check failed: {}", e.toString(), e);
                report = HealthReport.unavailable();
            }
            respond(exchange, report.httpStatus(), "application/json", report.toJson());
        });
        server.createContext("/metrics", exchange -> respond(exchange, 200,
                "text/plain; version=0.0.4; charset=utf-8", metrics.scrape()));
        server.createContext("/", exchange -> respond(exchange, 404, "text/plain",
                "Not found. Endpoints: /health, /metrics\n"));
        server.setExecutor(Executors.newFixedThreadPool(2, runnable -> {
            final Thread thread = new Thread(runnable, "weft-http");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
        return new HttpEndpoints(server);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        final boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (!head) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(1);
    }
}
