package dev.weft.odf.ingest;

import dev.weft.odf.chain.MetadataChain;
import dev.weft.odf.data.SliceFile;
import dev.weft.odf.data.SliceSchema;
import dev.weft.odf.hash.Multihash;
import dev.weft.odf.model.AddData;
import dev.weft.odf.model.DataField;
import dev.weft.odf.model.DataSchema;
import dev.weft.odf.model.DataType;
import dev.weft.odf.model.DataSlice;
import dev.weft.odf.model.MetadataBlock;
import dev.weft.odf.model.MergeStrategy;
import dev.weft.odf.model.SourceState;
import dev.weft.odf.model.OffsetInterval;
import dev.weft.odf.model.ReadStep;
import dev.weft.odf.model.SetDataSchema;
import dev.weft.odf.store.CommitFile;
import dev.weft.odf.store.FileKind;
import dev.weft.odf.store.LocalDatasetStore;
import dev.weft.odf.store.LocalStagedFile;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The common end of every ingest: reads the typed records of the input files, applies the merge strategy against
 * the dataset's current state, writes one data slice and commits {@code SetDataSchema} (when the schema is new) and
 * {@code AddData} with the new source state. Nothing is committed when the merge yields no records.
 */
final class SliceCommitter {
    private SliceCommitter() {}

    static IngestResult commit(LocalDatasetStore store, MetadataChain chain, ChainState state, ReadStep read,
            ProjectionPreprocess preprocess, MergeStrategy merge, List<Path> files, Instant systemTime,
            long defaultEventTime, SourceState newSourceState, IngestProgress progress) {
        final String eventTimeName = state.eventTimeColumn();
        // A preprocess step may rename the event time column: the reader takes it out under its input name.
        final String inputEventTimeName = preprocess == null || preprocess.inputOf(eventTimeName) == null
                ? eventTimeName : preprocess.inputOf(eventTimeName);
        try (RowReader reader = new BackgroundRowReader(preprocessed(preprocess, RowReaders.open(read, files,
                        inputEventTimeName,
                        Merger.carriesOperations(merge)
                                ? new OperationColumn(state.operationTypeColumn(), Merger.requiresOperations(merge))
                                : null,
                        defaultEventTime), eventTimeName, store),
                        progress);
                LocalStagedFile staged = store.stage(FileKind.DATA)) {
            final List<IngestColumn> columns = reader.dataColumns();
            final Merger merger = new Merger(merge, columns.stream().map(IngestColumn::name).toList(), eventTimeName);
            final ColumnType eventTimeType = eventTimeType(state, read, eventTimeName, inputEventTimeName);
            final Schema sliceSchema = SliceSchema.withDataColumns(eventTimeName, eventTimeType.arrowType(),
                    dataFields(columns));
            final SliceFile slice;
            final long records;
            final long maxEventTime;
            // The staged file hashes the bytes on their way in, for the block and for the commit's check of it.
            try (SliceBatchWriter writer = new SliceBatchWriter(staged.openOutputStream(), "new data slice",
                    sliceSchema, columns, state.nextOffset(), systemTime.toEpochMilli(), staged::contentHash)) {
                if (merger.needsHistory()) {
                    // Keyed merges compare the whole input with the current state, so they hold the input in memory.
                    state.foldHistory(store, columns, eventTimeName, merger);
                    final List<IngestRow> input = new ArrayList<>();
                    for (IngestRow row = reader.next(); row != null; row = reader.next()) {
                        input.add(row);
                    }
                    for (IngestRow change : merger.merge(input)) {
                        writer.write(change);
                    }
                } else {
                    for (IngestRow row = reader.next(); row != null; row = reader.next()) {
                        writer.write(row);
                    }
                }
                progress.finished(reader.bytesRead(), reader.recordsRead());
                records = writer.written();
                maxEventTime = writer.maxEventTime();
                slice = records == 0 ? null : writer.finish();
            }
            if (records == 0) {
                return new IngestResult(reader.recordsRead(), 0, null, state.head());
            }
            final OffsetInterval offsets = new OffsetInterval(state.nextOffset(), state.nextOffset() + records - 1);
            final DataSchema dataSchema = dataSchema(columns, eventTimeName, eventTimeType);
            Multihash head = state.head();
            long sequence = state.nextSequence();
            if (!dataSchema.equals(state.schema())) {
                head = chain.append(new MetadataBlock(systemTime, head, sequence++, new SetDataSchema(null, dataSchema)),
                        List.of());
            }
            final Instant watermark = state.watermark() == null || state.watermark().toEpochMilli() < maxEventTime
                    ? Instant.ofEpochMilli(maxEventTime)
                    : state.watermark();
            final AddData addData = new AddData(null, state.lastOffset(),
                    new DataSlice(slice.logicalHash(), slice.physicalHash(), offsets, slice.sizeBytes()),
                    null, watermark, newSourceState, null);
            head = chain.append(new MetadataBlock(systemTime, head, sequence, addData),
                    List.of(new CommitFile(staged, slice.physicalHash())));
            return new IngestResult(reader.recordsRead(), records, offsets, head);
        }
    }

    private static RowReader preprocessed(ProjectionPreprocess preprocess, RowReader input, String eventTimeName,
            LocalDatasetStore store) {
        if (preprocess == null) {
            return input;
        }
        try {
            return preprocess.apply(input, eventTimeName, "dataset '" + store.name() + "'");
        } catch (RuntimeException e) {
            input.close();
            throw e;
        }
    }

    /** Records that the polling source moved on although it brought no new records, so it is not fetched again. */
    static IngestResult commitSourceState(MetadataChain chain, ChainState state, Instant systemTime,
            SourceState newSourceState) {
        final AddData addData = new AddData(null, state.lastOffset(), null, null, state.watermark(), newSourceState,
                null);
        final Multihash head = chain.append(new MetadataBlock(systemTime, state.head(), state.nextSequence(), addData),
                List.of());
        return new IngestResult(0, 0, null, head);
    }

    /**
     * How the slice stores the event time: as the dataset stored it so far, else as the source declares the column —
     * a {@code date} as Arrow date32, as kamu stores it — else as a timestamp (ms, UTC).
     */
    private static ColumnType eventTimeType(ChainState state, ReadStep read, String eventTimeName,
            String inputEventTimeName) {
        if (state.schema() != null) {
            for (DataField field : state.schema().fields()) {
                if (field.name().equals(eventTimeName)) {
                    final DataType type = field.type() instanceof DataType.Option option ? option.inner()
                            : field.type();
                    return type instanceof DataType.Date ? ColumnType.of(ColumnType.Kind.DATE) : ColumnType.TIMESTAMP;
                }
            }
        }
        final List<IngestColumn> declared = IngestColumns.declared(read);
        final int index = declared == null ? -1 : IngestColumns.indexOf(declared, inputEventTimeName);
        return index >= 0 && declared.get(index).type().kind() == ColumnType.Kind.DATE
                ? ColumnType.of(ColumnType.Kind.DATE)
                : ColumnType.TIMESTAMP;
    }

    private static List<Field> dataFields(List<IngestColumn> columns) {
        final List<Field> fields = new ArrayList<>();
        for (IngestColumn column : columns) {
            fields.add(new Field(column.name(), new FieldType(column.nullable(), column.type().arrowType(), null),
                    null));
        }
        return fields;
    }

    /** The ODF schema of the slice: v0.39 types are non-null unless wrapped in {@code Option}. */
    private static DataSchema dataSchema(List<IngestColumn> dataColumns, String eventTimeName,
            ColumnType eventTimeType) {
        final List<DataField> fields = new ArrayList<>();
        fields.add(new DataField(SliceSchema.OFFSET.getName(), new DataType.Int64(), null));
        fields.add(new DataField(SliceSchema.OP.getName(), new DataType.Int32(), null));
        fields.add(new DataField(SliceSchema.SYSTEM_TIME.getName(), ColumnType.TIMESTAMP.odfType(), null));
        fields.add(new DataField(eventTimeName, eventTimeType.odfType(), null));
        for (IngestColumn column : dataColumns) {
            final DataType type = column.type().odfType();
            fields.add(new DataField(column.name(), column.nullable() ? new DataType.Option(type) : type, null));
        }
        return new DataSchema(fields, null);
    }
}
