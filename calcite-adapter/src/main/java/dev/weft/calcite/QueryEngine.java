package dev.weft.calcite;

import dev.weft.calcite.exec.DuckDb;
import dev.weft.calcite.exec.QueryResult;
import dev.weft.calcite.exec.TableScans;
import dev.weft.calcite.schema.OdfTable;
import dev.weft.odf.dataset.CatalogSnapshot;
import dev.weft.odf.dataset.DatasetView;
import dev.weft.odf.dataset.WorkspaceCatalog;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Weft's SQL front door, shared by every surface (Flight SQL, Avatica, the embedded driver, {@code weft sql}):
 * prepares statements against the workspace's datasets and runs them, streaming Arrow batches. Thread-safe; one per
 * workspace.
 */
public final class QueryEngine implements AutoCloseable {
    /** Rows per Arrow batch handed to clients: large enough that per-batch costs vanish (about 13 MB of lineitem). */
    public static final int BATCH_ROWS = 65536;

    private final WorkspaceCatalog catalog;
    private final BufferAllocator allocator;
    private final DuckDb duckDb;
    private final OdfTable.TableScanner scanner;
    private final AtomicLong filesRead = new AtomicLong();
    private final DeepStack deepStack = new DeepStack();

    /**
     * @param allocator where result batches are allocated; the engine takes a child of it
     * @param threads vectorized engine threads per query (0 for one per core)
     * @param memoryLimit vectorized engine memory limit such as {@code "2GB"}, or null for its default
     */
    public QueryEngine(WorkspaceCatalog catalog, BufferAllocator allocator, int threads, String memoryLimit) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.allocator = allocator.newChildAllocator("query-engine", 0, Long.MAX_VALUE);
        this.duckDb = new DuckDb(threads, memoryLimit);
        this.scanner = new TableScans(duckDb);
    }

    /** The datasets at their current heads. */
    public CatalogSnapshot snapshot() {
        return catalog.snapshot();
    }

    /**
     * Parses, validates and plans {@code sql} against the current heads.
     *
     * @throws SqlException for SQL that does not parse or validate, with SQLSTATE and position
     */
    public PreparedQuery prepare(String sql) {
        return prepare(sql, new Session());
    }

    /** Prepares {@code sql} in a client's session: its settings apply, and a {@code SET} changes them. */
    public PreparedQuery prepare(String sql, Session session) {
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(session, "session");
        return new PreparedQuery(this, session, sql, plan(sql, catalog.snapshot(), session));
    }

    /** Prepares and runs a statement without parameters. */
    public QueryResult execute(String sql) {
        return prepare(sql).execute(List.of());
    }

    /** Prepares and runs a statement without parameters in a session. */
    public QueryResult execute(String sql, Session session) {
        return prepare(sql, session).execute(List.of());
    }

    /** Data slice files the queries of this engine were given to read (AS AT reads fewer). */
    public long filesRead() {
        return filesRead.get();
    }

    /** Records a data file found damaged, so that health checks and {@code sys.datasets} report it. */
    void reportDamagedFile(DatasetView view, String problem) {
        catalog.reportDamagedFile(view, problem);
    }

    void countFilesRead(long files) {
        filesRead.addAndGet(files);
    }

    Plan plan(String sql, CatalogSnapshot snapshot, Session session) {
        return deepStack.call(() -> Planner.plan(sql, snapshot, scanner, session));
    }

    /** Runs {@code work}, which walks a statement's plan (binding, writing engine SQL), on a deep stack. */
    <T> T onDeepStack(Supplier<T> work) {
        return deepStack.call(work);
    }

    BufferAllocator allocator() {
        return allocator;
    }

    DuckDb duckDb() {
        return duckDb;
    }

    @Override
    public void close() {
        deepStack.close();
        try {
            duckDb.close();
        } finally {
            allocator.close();
        }
    }
}
