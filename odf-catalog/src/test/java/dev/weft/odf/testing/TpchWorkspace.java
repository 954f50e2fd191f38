package dev.weft.odf.testing;

import dev.weft.odf.dataset.SnapshotInstaller;
import dev.weft.odf.ingest.PushIngester;
import dev.weft.odf.model.DatasetSnapshot;
import dev.weft.odf.store.DatasetName;
import dev.weft.odf.store.Workspace;
import dev.weft.odf.yaml.ManifestParser;
import io.trino.tpch.TpchTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * A workspace holding the eight TPC-H tables as root datasets named as in the TPC-H queries ({@code lineitem},
 * {@code orders}, ...), each filled by one ingest of the official generator's rows. Built through the public ingest
 * path, exactly as a user would with {@code weft add} and {@code weft ingest}.
 */
public final class TpchWorkspace {
    private TpchWorkspace() {}

    /** Creates the workspace in {@code dir} (which must not hold one) at {@code scaleFactor}; returns it open. */
    public static Workspace create(Path dir, double scaleFactor) {
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
                ingester.ingest(DatasetName.of(table.getTableName()), List.of(csv), PushIngester.Options.DEFAULT);
                Files.delete(csv);
            }
            Files.delete(csvDir);
            return workspace;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
