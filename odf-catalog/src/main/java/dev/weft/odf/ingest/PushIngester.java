package dev.weft.odf.ingest;

import dev.weft.odf.chain.MetadataChain;
import dev.weft.odf.chain.StoreMetadataChain;
import dev.weft.odf.error.WeftException;
import dev.weft.odf.model.AddData;
import dev.weft.odf.model.AddPushSource;
import dev.weft.odf.model.ReadStep;
import dev.weft.odf.model.SetDataSchema;
import dev.weft.odf.store.DatasetName;
import dev.weft.odf.store.LocalDatasetStore;
import dev.weft.odf.store.Workspace;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Ingests files into a root dataset through one of its push sources ({@code AddPushSource}): reads and types the
 * records, applies the source's merge strategy against the dataset's existing records, writes one data slice and
 * commits {@code SetDataSchema} (when the schema is new) and {@code AddData}. Everything is read and checked before
 * anything is committed, so bad input leaves the dataset as it was. The head is read once at the start; a concurrent
 * commit makes this ingest fail with a conflict instead of merging against stale state.
 */
public final class PushIngester {
    private final Workspace workspace;
    private final Clock clock;

    public PushIngester(Workspace workspace, Clock clock) {
        this.workspace = Objects.requireNonNull(workspace, "workspace");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * What to ingest with.
     *
     * @param sourceName the push source to use; null when the dataset has exactly one
     * @param format {@code csv}, {@code ndjson} or {@code json}, or null for the source's own format
     * @param eventTime event time of records that carry none; null for the ingest time
     */
    public record Options(String sourceName, String format, Instant eventTime) {
        public static final Options DEFAULT = new Options(null, null, null);
    }

    /**
     * What an ingest committed.
     *
     * @param offsets offsets of the new records, null when nothing new was committed
     * @param head the dataset's head afterwards
     */
    

    /**
     * Ingests {@code files} as one commit.
     *
     * @throws WeftException {@code INVALID_DATA} naming file, line and column of a bad value; {@code NOT_FOUND} for
     *     unknown datasets, files or sources; {@code COMMIT_CONFLICT} when another writer committed meanwhile
     */
    public IngestResult ingest(DatasetName name, List<Path> files, Options options) {
        return ingest(name, files, options, IngestProgress.NONE);
    }

    /** As {@link #ingest(DatasetName, List, Options)}, reporting progress while reading. */
    public IngestResult ingest(DatasetName name, List<Path> files, Options options, IngestProgress progress) {
        final LocalDatasetStore store = workspace.dataset(name);
        final MetadataChain chain = new StoreMetadataChain(store);
        final ChainState state = ChainState.read(chain, name).requireRoot();
        final AddPushSource source = state.pushSource(options.sourceName());
        final ProjectionPreprocess preprocess = PollingIngester.preprocessOf(name,
                "push source '" + source.sourceName() + "'", source.preprocess());
        final ReadStep read = RowReaders.choose("'" + name + "'", source.read(), options.format());
        final Instant systemTime = state.notBeforeHead(clock.instant());
        final long defaultEventTime = (options.eventTime() != null ? options.eventTime() : systemTime).toEpochMilli();

        return SliceCommitter.commit(store, chain, state, read, preprocess, source.merge(), files, systemTime, defaultEventTime,
                null, progress);
    }
}
