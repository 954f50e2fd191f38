package dev.weft.server.cli;

import dev.weft.odf.model.AddData;
import dev.weft.odf.model.AddPushSource;
import dev.weft.odf.model.DataField;
import dev.weft.odf.model.DataSlice;
import dev.weft.odf.model.DataType;
import dev.weft.odf.model.DisablePushSource;
import dev.weft.odf.model.ExecuteTransform;
import dev.weft.odf.model.MergeStrategy;
import dev.weft.odf.model.MetadataEvent;
import dev.weft.odf.model.Seed;
import dev.weft.odf.model.SetDataSchema;
import dev.weft.odf.model.SetInfo;
import dev.weft.odf.model.SetLicense;
import dev.weft.odf.model.SetPollingSource;
import dev.weft.odf.model.SetTransform;
import dev.weft.odf.model.SetVocab;
import dev.weft.odf.model.TransformInput;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** One-line, human-readable descriptions of metadata events for {@code weft log}. */
final class EventSummary {
    private EventSummary() {}

    static String describe(MetadataEvent event) {
        // Java 17 has no pattern matching in switch; the chain is ordered by how often each event occurs.
        if (event instanceof AddData add) {
            return data(add.newData(), add.newWatermark(), add.newSourceState() != null);
        }
        if (event instanceof ExecuteTransform transform) {
            return data(transform.newData(), transform.newWatermark(), false) + ", "
                    + transform.queryInputs().size() + " input(s)";
        }
        if (event instanceof Seed seed) {
            return seed.datasetKind().odfName().toLowerCase(Locale.ROOT) + " dataset " + seed.datasetId();
        }
        if (event instanceof SetDataSchema schema) {
            return schema.schema() == null
                    ? "legacy Arrow schema"
                    : schema.schema().fields().stream().map(EventSummary::field).collect(Collectors.joining(", "));
        }
        if (event instanceof SetPollingSource source) {
            return "fetch " + source.fetch().kind() + ", read " + source.read().kind() + ", merge "
                    + merge(source.merge());
        }
        if (event instanceof AddPushSource source) {
            return "source '" + source.sourceName() + "', read " + source.read().kind() + ", merge "
                    + merge(source.merge());
        }
        if (event instanceof SetTransform transform) {
            return transform.transform().kind() + " over "
                    + transform.inputs().stream().map(EventSummary::input).collect(Collectors.joining(", "));
        }
        if (event instanceof SetVocab vocab) {
            return vocab.eventTimeColumn() == null ? "default columns" : "event time column " + vocab.eventTimeColumn();
        }
        if (event instanceof SetInfo info) {
            return info.description() == null ? "" : info.description();
        }
        if (event instanceof SetLicense license) {
            return license.shortName() + " (" + license.websiteUrl() + ")";
        }
        if (event instanceof DisablePushSource disable) {
            return "source '" + disable.sourceName() + "'";
        }
        return "";
    }

    private static String data(DataSlice slice, Instant watermark, boolean sourceState) {
        final List<String> parts = new ArrayList<>();
        if (slice != null) {
            final long count = slice.offsetInterval().end() - slice.offsetInterval().start() + 1;
            parts.add(count + " records [" + slice.offsetInterval().start() + ".." + slice.offsetInterval().end()
                    + "], " + TextTable.bytes(slice.size()));
        } else {
            parts.add("no new records");
        }
        if (watermark != null) {
            parts.add("watermark " + TextTable.instant(watermark));
        }
        if (sourceState) {
            parts.add("source state");
        }
        return String.join(", ", parts);
    }

    private static String merge(MergeStrategy merge) {
        return merge == null ? "-" : merge.kind();
    }

    private static String field(DataField field) {
        return field.type() instanceof DataType.Option option
                ? field.name() + " " + option.inner().kind() + "?"
                : field.name() + " " + field.type().kind();
    }

    private static String input(TransformInput input) {
        return input.alias() != null ? input.alias() : input.datasetRef();
    }
}
