package dev.weft.odf.ingest;

import dev.weft.odf.chain.MetadataChain;
import dev.weft.odf.chain.StoreMetadataChain;
import dev.weft.odf.error.ErrorCode;
import dev.weft.odf.error.WeftException;
import dev.weft.odf.model.EventTimeSource;
import dev.weft.odf.model.FetchStep;
import dev.weft.odf.model.ReadStep;
import dev.weft.odf.model.SetPollingSource;
import dev.weft.odf.model.Transform;
import dev.weft.odf.model.SourceState;
import dev.weft.odf.store.DatasetName;
import dev.weft.odf.store.LocalDatasetStore;
import dev.weft.odf.store.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Runs a root dataset's polling source ({@code SetPollingSource}): fetches what is new since the source state the
 * dataset recorded last, prepares it, and ingests each new item as its own commit whose {@code AddData} records the
 * new source state, so every file or download is taken exactly once. Fetch kinds: {@code FilesGlob} (paths relative to
 * the directory holding the workspace) and {@code Url} ({@code file:}, {@code http:}, {@code https:} with ETag /
 * Last-Modified revalidation). Prepare steps: see {@link PrepareSteps}.
 */
public final class PollingIngester {
    /** The source name ODF uses for the state of a dataset's polling source. */
    public static final String SOURCE_NAME = "odf/polling";

    private final Workspace workspace;
    private final Clock clock;
    private final Path baseDir;

    /**
     * @param baseDir the directory relative {@code FilesGlob} paths start from
     */
    public PollingIngester(Workspace workspace, Clock clock, Path baseDir) {
        this.workspace = Objects.requireNonNull(workspace, "workspace");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.baseDir = Objects.requireNonNull(baseDir, "baseDir");
    }

    /** What one pull did: one result per committed item, empty when the source had nothing new. */
    /**
     * What one pull committed.
     *
     * @param neverFound for a FilesGlob source that has never taken a file, into a dataset without data, and found
     *     none now: what it looked for and where; else null
     */
    public record PullResult(List<IngestResult> commits, String neverFound) {
        public PullResult(List<IngestResult> commits) {
            this(commits, null);
        }

        public long records() {
            return commits.stream().mapToLong(IngestResult::records).sum();
        }
    }

    /** Root datasets of the workspace whose chain has a polling source in force. */
    public List<DatasetName> datasetsWithPollingSources() {
        final List<DatasetName> names = new ArrayList<>();
        for (DatasetName name : workspace.datasetNames()) {
            if (ChainState.read(new StoreMetadataChain(workspace.dataset(name)), name).hasPollingSource()) {
                names.add(name);
            }
        }
        return names;
    }

    /** Derivative datasets of the workspace: computed from their inputs, never pulled. */
    public List<DatasetName> derivativeDatasets() {
        final List<DatasetName> names = new ArrayList<>();
        for (DatasetName name : workspace.datasetNames()) {
            if (ChainState.read(new StoreMetadataChain(workspace.dataset(name)), name).isDerivative()) {
                names.add(name);
            }
        }
        return names;
    }

    /**
     * Pulls everything new from the dataset's polling source.
     *
     * @throws WeftException {@code NOT_FOUND} when the dataset has no polling source; {@code UNSUPPORTED} for
     *     derivative datasets and for fetch, prepare or read kinds Weft does not run; {@code INVALID_DATA} for bad
     *     input, after the items before it were committed
     */
    public PullResult pull(DatasetName name, IngestProgress progress) {
        final LocalDatasetStore store = workspace.dataset(name);
        final MetadataChain chain = new StoreMetadataChain(store);
        final ChainState current = ChainState.read(chain, name);
        if (current.isDerivative()) {
            throw new WeftException(ErrorCode.UNSUPPORTED, "Cannot pull '" + name + "': it is a derivative dataset, "
                    + "and Weft does not run transforms yet; pull or ingest its root inputs");
        }
        final SetPollingSource source = current.requireRoot().pollingSource();
        final ProjectionPreprocess preprocess = preprocessOf(name, "polling source", source.preprocess());
        PrepareSteps.check("Cannot pull '" + name + "': its source's", source.prepare());
        final ReadStep read = RowReaders.choose("'" + name + "'", source.read(), null);
        final List<IngestResult> commits = new ArrayList<>();
        final Path work;
        try {
            work = Files.createTempDirectory("weft-pull");
        } catch (IOException e) {
            throw new WeftException(ErrorCode.IO, "Cannot create a temporary directory for pulling: " + e, e);
        }
        try {
            return pullInto(name, store, chain, source, preprocess, read, work, commits, progress);
        } finally {
            deleteTree(work);
        }
    }

    /**
     * Runs the dataset's polling source on a local file instead of what its fetch step names (kamu's
     * {@code pull --fetch}): the file goes through the source's prepare, read, preprocess and merge steps and is
     * committed with the ingest time as event time for records without one. The source state is left as it was, so
     * the next pull of the source itself still takes what is new there.
     */
    public IngestResult pullFrom(DatasetName name, Path file, IngestProgress progress) {
        if (!Files.isRegularFile(file)) {
            throw new WeftException(ErrorCode.NOT_FOUND, "Cannot pull '" + name + "' from " + file
                    + ": no such file");
        }
        final LocalDatasetStore store = workspace.dataset(name);
        final MetadataChain chain = new StoreMetadataChain(store);
        final ChainState state = ChainState.read(chain, name).requireRoot();
        final SetPollingSource source = state.pollingSource();
        final ProjectionPreprocess preprocess = preprocessOf(name, "polling source", source.preprocess());
        PrepareSteps.check("Cannot pull '" + name + "': its source's", source.prepare());
        final ReadStep read = RowReaders.choose("'" + name + "'", source.read(), null);
        final Path work;
        try {
            work = Files.createTempDirectory("weft-pull");
        } catch (IOException e) {
            throw new WeftException(ErrorCode.IO, "Cannot create a temporary directory for pulling: " + e, e);
        }
        try {
            final Path prepared = PrepareSteps.run(name, source.prepare(), file, work);
            final Instant systemTime = state.notBeforeHead(clock.instant());
            return SliceCommitter.commit(store, chain, state, read, preprocess, source.merge(), List.of(prepared),
                    systemTime, systemTime.toEpochMilli(), null, progress);
        } finally {
            deleteTree(work);
        }
    }

    private PullResult pullInto(DatasetName name, LocalDatasetStore store, MetadataChain chain, SetPollingSource source,
            ProjectionPreprocess preprocess, ReadStep read, Path work, List<IngestResult> commits, IngestProgress progress) {
        while (true) {
            final ChainState state = ChainState.read(chain, name);
            final Fetched fetched = fetch(name, source.fetch(), state.pollingState(), work);
            if (fetched == null) {
                final boolean neverFed = commits.isEmpty() && state.pollingState() == null
                        && state.lastOffset() == null;
                return new PullResult(commits, neverFed && source.fetch() instanceof FetchStep.FilesGlob glob
                        ? FilesGlobFetcher.describeSearch(glob, baseDir) : null);
            }
            try {
                final Path prepared = PrepareSteps.run(name, source.prepare(), fetched.file(), work);
                final Instant systemTime = state.notBeforeHead(clock.instant());
                final long eventTime = (fetched.eventTime() != null ? fetched.eventTime() : systemTime).toEpochMilli();
                final IngestResult result = SliceCommitter.commit(store, chain, state, read, preprocess, source.merge(),
                        List.of(prepared), systemTime, eventTime, fetched.state(), progress);
                if (result.offsets() == null) {
                    // Nothing new in the data, but the source moved on: remember that without adding records.
                    commits.add(SliceCommitter.commitSourceState(chain, state, systemTime, fetched.state()));
                } else {
                    commits.add(result);
                }
            } finally {
                deleteTree(work);
            }
            if (source.fetch() instanceof FetchStep.Url) {
                // A URL names one resource: one download per pull, however its validators behave.
                return new PullResult(commits);
            }
        }
    }

    /**
     * The source's preprocess step as Weft runs it (null when there is none); a step Weft cannot run (written by
     * kamu, or before {@code weft add} checked them) is refused, as skipping it would write other data than the
     * source asks for.
     */
    static ProjectionPreprocess preprocessOf(DatasetName name, String source, Transform preprocess) {
        return ProjectionPreprocess.of("Cannot ingest into '" + name + "': its " + source, preprocess);
    }

    /**
     * Checks, when a dataset is added, that Weft can run the polling source's prepare steps, so that a manifest
     * Weft cannot pull is refused at once rather than after a download.
     *
     * @throws WeftException {@code UNSUPPORTED} naming the step
     */
    public static void checkPrepareSteps(String what, SetPollingSource source) {
        PrepareSteps.check(what, source.prepare());
    }

    /** One item fetched from the source, with the source state that marks it as taken. */
    record Fetched(Path file, Instant eventTime, SourceState state) {}

    private Fetched fetch(DatasetName name, FetchStep step, SourceState last, Path work) {
        if (step instanceof FetchStep.FilesGlob glob) {
            return FilesGlobFetcher.next(name, glob, baseDir, last);
        }
        if (step instanceof FetchStep.Url url) {
            return UrlFetcher.fetch(name, url, last, work);
        }
        throw new WeftException(ErrorCode.UNSUPPORTED, "Cannot pull '" + name + "': Weft does not run " + step.kind()
                + " fetch steps; run the producer yourself and point a FilesGlob source at its output, or push its "
                + "files with `weft ingest`");
    }

    /** Deletes {@code dir} and what it holds; the fetch and prepare steps create it again when they need it. */
    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (java.util.stream.Stream<Path> entries = Files.walk(dir)) {
            for (Path entry : entries.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(entry);
            }
        } catch (IOException e) {
            throw new WeftException(ErrorCode.IO, "Cannot delete temporary files in " + dir + ": " + e, e);
        }
    }

    /** Event time of a fetched item from the source's {@code eventTime} rule; null for the ingest time. */
    static Instant eventTimeOf(EventTimeSource rule, String fileName, Instant modified) {
        if (rule instanceof EventTimeSource.FromPath fromPath) {
            return FilesGlobFetcher.eventTimeFromPath(fromPath, fileName);
        }
        if (rule instanceof EventTimeSource.FromMetadata) {
            return modified;
        }
        return null;
    }
}
