package dev.weft.server;

import dev.weft.calcite.QueryEngine;
import dev.weft.odf.dataset.CatalogSnapshot;
import dev.weft.odf.dataset.DamagedDataset;
import dev.weft.odf.dataset.WorkspaceCatalog;
import dev.weft.odf.store.Workspace;
import dev.weft.server.avatica.AvaticaServer;
import dev.weft.server.flight.FlightSqlServer;
import dev.weft.server.http.HealthReport;
import dev.weft.server.http.HttpEndpoints;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Weft server: the query engine over a workspace and its endpoints (Flight SQL, JDBC over Avatica, HTTP). Closing it stops
 * the endpoints first (running queries are cancelled), then the engine.
 */
public final class WeftServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WeftServer.class);
    /**
     * Where to listen (port 0 picks a free port) and the engine's resources.
     *
     * @param memoryLimit the engine's memory limit such as {@code "2GB"}, or null for {@link EngineMemory#defaultLimit}
     */
    public record Config(String host, int flightPort, int jdbcPort, int httpPort, int threads, String memoryLimit) {}

    private final Workspace workspace;
    private final BufferAllocator allocator;
    private final QueryEngine engine;
    private final PrometheusMeterRegistry metrics;
    private final List<AutoCloseable> endpoints = new ArrayList<>();
    private final AtomicBoolean ready = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private FlightSqlServer flight;
    private HttpEndpoints http;
    private AvaticaServer jdbc;

    private WeftServer(Workspace workspace, Config config) {
        this.workspace = workspace;
        this.allocator = new RootAllocator();
        this.metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(metrics);
        new JvmGcMetrics().bindTo(metrics);
        new JvmThreadMetrics().bindTo(metrics);
        new ProcessorMetrics().bindTo(metrics);
        new UptimeMetrics().bindTo(metrics);
        final String memoryLimit = config.memoryLimit() != null ? config.memoryLimit() : EngineMemory.defaultLimit();
        LOG.info("Query engine memory limit: {}{}", memoryLimit, config.memoryLimit() != null ? ""
                : " (80% of RAM less the JVM's maximum heap of " + Runtime.getRuntime().maxMemory() / 1_000_000
                        + "MB)");
        this.engine = new QueryEngine(new WorkspaceCatalog(workspace), allocator, config.threads(), memoryLimit);
        Gauge.builder("weft.datasets", engine, e -> e.snapshot().datasets().size())
                .description("Datasets in the served workspace").register(metrics);
        Gauge.builder("weft.datasets.damaged", engine, e -> e.snapshot().damaged().size())
                .description("Datasets not served because their head or chain cannot be read").register(metrics);
        FunctionCounter.builder("weft.slice.files.read", engine, QueryEngine::filesRead)
                .description("Data slice files queries were given to read (AS AT prunes them)").register(metrics);
    }

    /** Starts every endpoint; on failure, whatever started is stopped again. */
    public static WeftServer start(Workspace workspace, Config config) {
        final WeftServer server = new WeftServer(workspace, config);
        try {
            server.http = HttpEndpoints.start(config.host(), config.httpPort(), server.metrics, server::health);
            server.endpoints.add(server.http);
            server.flight = FlightSqlServer.start(server.engine, server.allocator, config.host(), config.flightPort(),
                    server.metrics);
            server.endpoints.add(server.flight);
            server.jdbc = AvaticaServer.start(server.engine, config.host(), config.jdbcPort());
            server.endpoints.add(server.jdbc);
            server.ready.set(true);
            server.warnOfDamagedDataFiles();
            return server;
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /**
     * Logs the datasets that read but have missing or resized data files, once at start-up (the catalog already logs
     * those it cannot read at all): their queries will fail, and an operator should hear it before a client does.
     */
    private void warnOfDamagedDataFiles() {
        final CatalogSnapshot snapshot = engine.snapshot();
        for (DamagedDataset damaged : snapshot.checkDataFiles()) {
            if (!snapshot.damaged().contains(damaged)) {
                LOG.warn("Dataset '{}' is damaged; queries reading it fail: {}", damaged.name(), damaged.problem());
            }
        }
    }

    /** What {@code GET /health} reports now. */
    public HealthReport health() {
        return ready.get() ? HealthReport.of(engine.snapshot()) : HealthReport.unavailable();
    }

    public QueryEngine engine() {
        return engine;
    }

    public int flightPort() {
        return flight.port();
    }

    public int jdbcPort() {
        return jdbc.port();
    }

    public int httpPort() {
        return http.port();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        ready.set(false);
        RuntimeException failure = null;
        for (int i = endpoints.size() - 1; i >= 0; i--) {
            try {
                endpoints.get(i).close();
            } catch (Exception e) {
                failure = failure == null ? new RuntimeException("Stopping the server failed", e) : failure;
            }
        }
        engine.close();
        metrics.close();
        allocator.close();
        if (failure != null) {
            throw failure;
        }
    }
}
