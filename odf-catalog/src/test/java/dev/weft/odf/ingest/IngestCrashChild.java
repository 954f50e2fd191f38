package dev.weft.odf.ingest;

import dev.weft.odf.store.DatasetName;
import dev.weft.odf.store.Workspace;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * The child process of the ingest crash test: ingests a CSV file into {@code crash.test} of the workspace in
 * {@code args[0]} until killed, reporting {@code started} once warmed up and {@code committed <head>} after each
 * ingest returns.
 */
public final class IngestCrashChild {
    private IngestCrashChild() {}

    public static void main(String[] args) throws IOException {
        final PrintStream parent =
                new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.US_ASCII);
        final Path root = Path.of(args[0]);
        final Path csv = Files.createTempFile(root, "input", ".csv");
        final StringBuilder rows = new StringBuilder("event_time,sensor,value\n");
        for (int i = 0; i < 2000; i++) {
            rows.append("2026-01-01T00:00:").append(String.format("%02d", i % 60)).append("Z,s").append(i % 7)
                    .append(',').append(i * 0.5).append('\n');
        }
        Files.writeString(csv, rows);
        try (Workspace workspace = Workspace.open(root.resolve(Workspace.DIR_NAME))) {
            final PushIngester ingester = new PushIngester(workspace, Clock.systemUTC());
            // Loads the ingest path's classes, so that the parent's kill delays fall on ingests of crash.test.
            ingester.ingest(DatasetName.of("warm.up"), List.of(csv), PushIngester.Options.DEFAULT);
            parent.println("started");
            while (true) {
                final IngestResult result =
                        ingester.ingest(DatasetName.of("crash.test"), List.of(csv), PushIngester.Options.DEFAULT);
                // One write per line, so a kill cannot split a hash.
                parent.print("committed " + result.head().toMultibase() + "\n");
                parent.flush();
            }
        }
    }
}
