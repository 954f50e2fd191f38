package dev.weft.server.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.weft.odf.dataset.CatalogSnapshot;
import dev.weft.odf.dataset.DamagedDataset;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The body of {@code GET /health}: whether the server answers queries, how many datasets it serves, and which
 * datasets it cannot serve because they are damaged. A damaged dataset does not make the server unhealthy (the others
 * are served, status 200); it turns {@code status} from {@code "ok"} to {@code "degraded"}.
 *
 * <pre>{"status":"degraded","served":1,"damaged":[{"dataset":"victim","problem":"Block f1620… does not …"}]}</pre>
 */
public record HealthReport(boolean ready, int served, List<DamagedDataset> damaged) {
    private static final JsonFactory JSON = new JsonFactory();

    public HealthReport {
        damaged = List.copyOf(damaged);
    }

    /** Not answering queries: starting, stopping, or the workspace itself cannot be read. */
    public static HealthReport unavailable() {
        return new HealthReport(false, 0, List.of());
    }

    /**
     * The health of a ready server serving {@code snapshot}: its damaged datasets and those whose data files are
     * missing or resized (one file-system lookup per data slice).
     */
    public static HealthReport of(CatalogSnapshot snapshot) {
        final List<DamagedDataset> damaged = snapshot.checkDataFiles();
        final int unreadableFiles = damaged.size() - snapshot.damaged().size();
        return new HealthReport(true, snapshot.datasets().size() - unreadableFiles, damaged);
    }

    int httpStatus() {
        return ready ? 200 : 503;
    }

    String status() {
        if (!ready) {
            return "unavailable";
        }
        return damaged.isEmpty() ? "ok" : "degraded";
    }

    String toJson() {
        final StringWriter out = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("status", status());
            if (ready) {
                json.writeNumberField("served", served);
                json.writeArrayFieldStart("damaged");
                for (DamagedDataset dataset : damaged) {
                    json.writeStartObject();
                    json.writeStringField("dataset", dataset.name());
                    json.writeStringField("problem", dataset.problem());
                    json.writeEndObject();
                }
                json.writeEndArray();
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out + "\n";
    }
}
