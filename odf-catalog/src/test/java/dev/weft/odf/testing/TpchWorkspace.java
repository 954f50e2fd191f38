package dev.weft.odf.testing;

import dev.weft.odf.dataset.SnapshotInstaller;
import dev.weft.odf.ingest.PushIngester;
import dev.weft.odf.model.DatasetSnapshot;
import dev.weft.odf.store.DatasetName;
import dev.weft.odf.store.Workspace;
import dev.weft.odf.yaml.ManifestParser;
import io.trino.tpch.TpchTable;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A workspace holding the eight TPC-H tables as root datasets named as in the TPC-H queries ({@code lineitem},
 * {@code orders}, ...), each filled by one ingest of the official generator's rows. Built through the public ingest
 * path, exactly as a user would with {@code weft add} and {@code weft ingest}.
 */
public final class TpchWorkspace {
    private TpchWorkspace() {}

    /** Creates the workspace in {@code dir} (which must not hold one) at {@code scaleFactor}; returns it open. */
    public static Workspace create(Path dir, double scaleFactor) {
        return create(dir, scaleFactor, 1);
    }

    /**
     * Creates the workspace with each table ingested in {@code commits} commits of about equal size, so that queries
     * read many slice files.
     */
    public static Workspace create(Path dir, double scaleFactor, int commits) {
        try {
            Files.createDirectories(dir);
            final Workspace workspace = Workspace.init(dir);
            final List<DatasetSnapshot> manifests = new ArrayList<>();
            for (TpchTable<?> table : TpchTable.getTables()) {
                manifests.add(ManifestParser.parse(TpchCsv.manifest(table, table.getTableName()),
                        table.getTableName() + ".yaml"));
            }
            new SnapshotInstaller(workspace, Clock.systemUTC()).install(manifests);
            final PushIngester ingester = new PushIngester(workspace, Clock.systemUTC());
            final Path csvDir = Files.createTempDirectory("tpch-csv");
            for (TpchTable<?> table : TpchTable.getTables()) {
                final Path csv = csvDir.resolve(table.getTableName() + ".csv");
                TpchCsv.write(table, scaleFactor, csv);
                for (Path part : split(csv, commits)) {
                    ingester.ingest(DatasetName.of(table.getTableName()), List.of(part), PushIngester.Options.DEFAULT);
                    Files.delete(part);
                }
            }
            Files.delete(csvDir);
            return workspace;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The CSV file cut into {@code parts} files of consecutive rows, each with the header; the original is removed.
     * Streams, so that scale factor 1 (773 MB of lineitem) needs no more memory than a line.
     */
    private static List<Path> split(Path csv, int parts) throws IOException {
        if (parts <= 1) {
            return List.of(csv);
        }
        long rows;
        try (Stream<String> lines = Files.lines(csv)) {
            rows = lines.count() - 1;
        }
        final long size = Math.max(1, (rows + parts - 1) / parts);
        final List<Path> files = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(csv)) {
            final String header = in.readLine();
            String line = in.readLine();
            while (line != null) {
                final Path part = csv.resolveSibling(csv.getFileName() + "." + files.size());
                try (BufferedWriter out = Files.newBufferedWriter(part)) {
                    out.write(header);
                    out.newLine();
                    for (long written = 0; written < size && line != null; written++) {
                        out.write(line);
                        out.newLine();
                        line = in.readLine();
                    }
                }
                files.add(part);
            }
        }
        Files.delete(csv);
        return files;
    }
}
