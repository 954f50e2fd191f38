package dev.weft.calcite.schema;

import dev.weft.odf.chain.SliceIndex;
import dev.weft.odf.dataset.CatalogSnapshot;
import dev.weft.odf.dataset.DamagedDataset;
import dev.weft.odf.dataset.DatasetView;
import dev.weft.odf.hash.Multihash;
import dev.weft.odf.model.AddData;
import dev.weft.odf.model.ExecuteTransform;
import dev.weft.odf.model.MetadataEvent;
import dev.weft.odf.model.TransformInput;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.Table;
import org.apache.calcite.sql.type.SqlTypeName;

/** The tables of schema {@code sys} (datasets, blocks, watermarks): metadata of one catalog snapshot. */
final class SysTables {
    private SysTables() {}

    static Map<String, Table> of(CatalogSnapshot snapshot) {
        return Map.of(
                "datasets", new RowsTable(SysTables::datasetsType, () -> datasets(snapshot)),
                "blocks", new RowsTable(SysTables::blocksType, () -> blocks(snapshot)),
                "watermarks", new RowsTable(SysTables::watermarksType, () -> watermarks(snapshot)));
    }

    private static RelDataType datasetsType(RelDataTypeFactory types) {
        return types.builder()
                .add("name", SqlTypeName.VARCHAR)
                // Unknown for a damaged dataset, whose chain cannot be read: nullable from here to "inputs".
                .add("id", SqlTypeName.VARCHAR).nullable(true)
                .add("kind", SqlTypeName.VARCHAR).nullable(true)
                .add("head", SqlTypeName.VARCHAR).nullable(true)
                .add("blocks", SqlTypeName.BIGINT).nullable(true)
                .add("records", SqlTypeName.BIGINT).nullable(true)
                .add("data_size", SqlTypeName.BIGINT).nullable(true)
                .add("last_updated", SqlTypeName.TIMESTAMP, 3).nullable(true)
                .add("watermark", SqlTypeName.TIMESTAMP, 3).nullable(true)
                .add("primary_key", SqlTypeName.VARCHAR).nullable(true)
                .add("inputs", SqlTypeName.VARCHAR).nullable(true)
                .add("status", SqlTypeName.VARCHAR)
                .build();
    }


    private static List<Object[]> datasets(CatalogSnapshot snapshot) {
        final List<Object[]> rows = new ArrayList<>();
        for (DatasetView view : snapshot.datasets()) {
            final List<SliceIndex.BlockTime> blocks = view.slices().blocks();
            long records = 0;
            long size = 0;
            for (SliceIndex.Slice slice : view.slices().slices()) {
                records += slice.offsets().end() - slice.offsets().start() + 1;
                size += slice.size();
            }
            rows.add(new Object[] {
                view.name(),
                view.id().toDidString(),
                view.kind().name().toLowerCase(Locale.ROOT),
                view.head().toMultibase(),
                (long) blocks.size(),
                records,
                size,
                blocks.get(blocks.size() - 1).systemTime().toEpochMilli(),
                millis(view.watermark()),
                view.primaryKey().isEmpty() ? null : String.join(", ", view.primaryKey()),
                view.inputs().isEmpty() ? null
                        : view.inputs().stream().map(TransformInput::datasetRef).collect(Collectors.joining(", ")),
                // 'ok', or what is damaged: a missing, resized or (found by a query) altered data file.
                snapshot.dataFileProblem(view).orElse("ok"),
            });
        }
        for (DamagedDataset damaged : snapshot.damaged()) {
            final Object[] row = new Object[12];
            row[0] = damaged.name();
            row[11] = damaged.problem();
            rows.add(row);
        }
        return rows;
    }

    private static RelDataType blocksType(RelDataTypeFactory types) {
        return types.builder()
                .add("dataset", SqlTypeName.VARCHAR)
                .add("sequence_number", SqlTypeName.BIGINT)
                .add("block_hash", SqlTypeName.VARCHAR)
                .add("system_time", SqlTypeName.TIMESTAMP, 3)
                .add("event", SqlTypeName.VARCHAR)
                .add("offset_start", SqlTypeName.BIGINT).nullable(true)
                .add("offset_end", SqlTypeName.BIGINT).nullable(true)
                .add("data_size", SqlTypeName.BIGINT).nullable(true)
                .add("data_hash", SqlTypeName.VARCHAR).nullable(true)
                .add("watermark", SqlTypeName.TIMESTAMP, 3).nullable(true)
                .build();
    }

    private static List<Object[]> blocks(CatalogSnapshot snapshot) {
        final List<Object[]> rows = new ArrayList<>();
        for (DatasetView view : snapshot.datasets()) {
            final Map<Multihash, SliceIndex.Slice> slicesByBlock = new HashMap<>();
            for (SliceIndex.Slice slice : view.slices().slices()) {
                slicesByBlock.put(slice.blockHash(), slice);
            }
            for (SliceIndex.BlockTime block : view.slices().blocks()) {
                final SliceIndex.Slice slice = slicesByBlock.get(block.blockHash());
                final MetadataEvent event = view.chain().block(block.blockHash()).event();
                rows.add(new Object[] {
                    view.name(),
                    block.sequenceNumber(),
                    block.blockHash().toMultibase(),
                    block.systemTime().toEpochMilli(),
                    event.getClass().getSimpleName(),
                    slice == null ? null : slice.offsets().start(),
                    slice == null ? null : slice.offsets().end(),
                    slice == null ? null : slice.size(),
                    slice == null ? null : slice.physicalHash().toMultibase(),
                    millis(newWatermark(event)),
                });
            }
        }
        return rows;
    }

    private static RelDataType watermarksType(RelDataTypeFactory types) {
        return types.builder()
                .add("dataset", SqlTypeName.VARCHAR)
                .add("sequence_number", SqlTypeName.BIGINT)
                .add("block_hash", SqlTypeName.VARCHAR)
                .add("system_time", SqlTypeName.TIMESTAMP, 3)
                .add("watermark", SqlTypeName.TIMESTAMP, 3)
                .build();
    }

    /** Every watermark each dataset has declared, oldest first: how far its event time is known to be complete. */
    private static List<Object[]> watermarks(CatalogSnapshot snapshot) {
        final List<Object[]> rows = new ArrayList<>();
        for (DatasetView view : snapshot.datasets()) {
            for (SliceIndex.BlockTime block : view.slices().blocks()) {
                final Instant watermark = newWatermark(view.chain().block(block.blockHash()).event());
                if (watermark != null) {
                    rows.add(new Object[] {view.name(), block.sequenceNumber(), block.blockHash().toMultibase(),
                        block.systemTime().toEpochMilli(), watermark.toEpochMilli()});
                }
            }
        }
        return rows;
    }

    private static Instant newWatermark(MetadataEvent event) {
        if (event instanceof AddData add) {
            return add.newWatermark();
        }
        return event instanceof ExecuteTransform transform ? transform.newWatermark() : null;
    }

    private static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }
}
