package dev.weft.server.differential;

import dev.weft.calcite.QueryEngine;
import dev.weft.calcite.exec.QueryResult;
import dev.weft.odf.dataset.SnapshotInstaller;
import dev.weft.odf.dataset.WorkspaceCatalog;
import dev.weft.odf.ingest.PushIngester;
import dev.weft.odf.store.DatasetName;
import dev.weft.odf.store.Workspace;
import dev.weft.odf.yaml.ManifestParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * The tables of a corpus as ODF datasets in a fresh Weft workspace, with an embedded {@link QueryEngine} over them.
 * Each table is a Root dataset whose {@code AddPushSource} reads CSV with the declared schema and appends; its rows
 * are pushed as one CSV file in insertion order. The clock is fixed at {@link #SYSTEM_TIME}, so every row gets
 * {@code offset} = its insertion index, {@code op} = 0 and {@code system_time} = {@code event_time} = that instant:
 * {@link PostgresTables} fills the same system columns from the same facts, nothing is copied from Weft.
 * Closing removes the workspace directory.
 */
public final class WeftTables implements AutoCloseable {
    /** The ingest time of every row, hence its system and event time. */
    public static final Instant SYSTEM_TIME = Instant.parse("2026-01-01T00:00:00Z");

    private final Path dir;
    private final Workspace workspace;
    private final BufferAllocator allocator = new RootAllocator();
    private final QueryEngine engine;

    public WeftTables(List<TableData> tables) throws IOException {
        dir = Files.createTempDirectory("weft-differential");
        final Clock clock = Clock.fixed(SYSTEM_TIME, ZoneOffset.UTC);
        workspace = Workspace.init(dir.resolve("workspace"));
        final SnapshotInstaller installer = new SnapshotInstaller(workspace, clock);
        final PushIngester ingester = new PushIngester(workspace, clock);
        for (TableData table : tables) {
            installer.install(List.of(ManifestParser.parse(manifest(table), table.name() + ".yaml")));
            if (!table.rows().isEmpty()) {
                final Path csv = Files.writeString(dir.resolve(table.name() + ".csv"), csv(table));
                ingester.ingest(DatasetName.of(table.name()), List.of(csv), PushIngester.Options.DEFAULT);
                Files.delete(csv);
            }
        }
        engine = new QueryEngine(new WorkspaceCatalog(workspace), allocator, 1, null);
    }

    /** The engine the workspace is queried through (the servers of the protocol check use it too). */
    public QueryEngine engine() {
        return engine;
    }

    public BufferAllocator allocator() {
        return allocator;
    }

    /** Runs {@code sql} on the embedded engine and reads every row as {@link ResultRows} values. */
    public List<List<Object>> query(String sql) {
        try (QueryResult result = engine.execute(sql)) {
            return ResultRows.drain(result);
        }
    }

    /** The result column names {@code sql} announces, in order. */
    public List<String> columns(String sql) {
        try (QueryResult result = engine.execute(sql)) {
            return result.schema().getFields().stream().map(org.apache.arrow.vector.types.pojo.Field::getName).toList();
        }
    }

    /** The DatasetSnapshot manifest of one table: a Root dataset, CSV with header and explicit schema, Append. */
    static String manifest(TableData table) {
        final StringBuilder yaml = new StringBuilder("""
                kind: DatasetSnapshot
                version: 1
                content:
                  name: %s
                  kind: Root
                  metadata:
                    - kind: AddPushSource
                      sourceName: csv
                      read:
                        kind: Csv
                        header: true
                        schema:
                """.formatted(table.name()));
        for (TableData.Column column : table.columns()) {
            yaml.append("          - ").append(column.name()).append(' ').append(ddlType(column.sqlType())).append('\n');
        }
        yaml.append("""
                      merge:
                        kind: Append
                """);
        return yaml.toString();
    }

    /** The ODF DDL type of an SQL column type as CREATE TABLE wrote it. */
    static String ddlType(String sqlType) {
        final String type = sqlType.toUpperCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
        if (type.startsWith("VARCHAR") || type.startsWith("CHAR") || type.equals("TEXT")) {
            return "STRING";
        }
        if (type.startsWith("DECIMAL") || type.startsWith("NUMERIC")) {
            return type.replace("NUMERIC", "DECIMAL").replace(" ", "");
        }
        return switch (type) {
            case "INTEGER", "INT", "SMALLINT" -> "INT";
            case "BIGINT" -> "BIGINT";
            case "DOUBLE PRECISION", "DOUBLE", "FLOAT", "FLOAT8" -> "DOUBLE";
            case "REAL" -> "FLOAT";
            case "BOOLEAN" -> "BOOLEAN";
            case "DATE" -> "DATE";
            case "TIMESTAMP" -> "TIMESTAMP";
            default -> throw new IllegalArgumentException("No ODF column type for SQL type " + sqlType);
        };
    }

    /** The rows as CSV: a header, NULL as an unquoted empty field, every text quoted (so '' stays an empty string). */
    static String csv(TableData table) {
        final StringBuilder out = new StringBuilder();
        out.append(String.join(",", table.columns().stream().map(TableData.Column::name).toList())).append('\n');
        for (List<TableData.Cell> row : table.rows()) {
            for (int i = 0; i < row.size(); i++) {
                final String text = row.get(i).text();
                if (i > 0) {
                    out.append(',');
                }
                if (text != null) {
                    if (text.indexOf('\\') >= 0) {
                        throw new IllegalArgumentException("Table " + table.name() + ": a backslash would be read as "
                                + "the CSV escape character: " + text);
                    }
                    out.append('"').append(text.replace("\"", "\"\"")).append('"');
                }
            }
            out.append('\n');
        }
        return out.toString();
    }

    @Override
    public void close() {
        engine.close();
        allocator.close();
        workspace.close();
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
