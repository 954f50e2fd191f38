package dev.weft.calcite;

import dev.weft.calcite.exec.QueryResult;
import dev.weft.calcite.schema.OdfTable;
import dev.weft.odf.chain.SliceIndex;
import dev.weft.odf.dataset.DatasetView;
import dev.weft.odf.error.ErrorCode;
import dev.weft.odf.error.WeftException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Tells a damaged data file from a query error, when a query starts or while its batches load. When the engine fails
 * on a data file (a Parquet footer or page that does not decode) it calls it invalid input, which would blame the
 * query; hashing the files then says whether they are what their blocks record. Files the error names are always
 * hashed; when it names none, all the query's files are, up to {@link #VERIFY_BUDGET_BYTES} in all, and never for
 * errors that are plainly about the query's values (casts, ranges, division by zero), so an ordinary query error costs
 * little. A damaged file found this way, or found missing when the query was written for the engine, is reported to
 * the catalog, which logs it and lists it in health checks.
 */
final class DamagedSlices {
    /** The most a failed query's files are hashed for when the error names none: a few seconds of reading at most. */
    static final long VERIFY_BUDGET_BYTES = 256L << 20;
    /** Errors about the query's values, which a damaged file does not cause. */
    private static final Set<ErrorCode> VALUE_ERRORS = EnumSet.of(ErrorCode.CANCELLED, ErrorCode.SQL_INVALID_TEXT,
            ErrorCode.SQL_OUT_OF_RANGE, ErrorCode.SQL_DIVISION_BY_ZERO);

    private DamagedSlices() {}

    /** {@code result} with the failures of its batches explained as {@link #explain} does. */
    static QueryResult checked(QueryResult result, List<OdfTable> tables, BiConsumer<DatasetView, String> report) {
        return new QueryResult() {
            @Override
            public Schema schema() {
                return result.schema();
            }

            @Override
            public VectorSchemaRoot root() {
                return result.root();
            }

            @Override
            public boolean loadNextBatch() {
                try {
                    return result.loadNextBatch();
                } catch (WeftException e) {
                    // The engine reads files lazily: the first batch is where a damaged footer is met.
                    throw explain(e, tables, report);
                }
            }

            @Override
            public void cancel() {
                result.cancel();
            }

            @Override
            public void close() {
                result.close();
            }
        };
    }

    /**
     * The error to report for {@code error}, raised while reading {@code tables}. When the error names a data file
     * that is not what its block records (and {@code report} is told), an engine error becomes {@code CORRUPTED}
     * naming the dataset, block and file; a {@code CORRUPTED} error (a data file found missing) is kept as it is.
     * Otherwise {@code error} itself.
     */
    static WeftException explain(WeftException error, List<OdfTable> tables, BiConsumer<DatasetView, String> report) {
        final String message = error.getMessage();
        if (VALUE_ERRORS.contains(error.code()) || message == null) {
            return error;
        }
        final List<Suspect> named = new ArrayList<>();
        final List<Suspect> all = new ArrayList<>();
        long bytes = 0;
        for (OdfTable table : tables) {
            for (SliceIndex.Slice slice : table.slices()) {
                final Suspect suspect = new Suspect(table.view(), slice);
                all.add(suspect);
                bytes += slice.size();
                if (message.contains(slice.physicalHash().toMultibase())) {
                    named.add(suspect);
                }
            }
        }
        final boolean scanAll = named.isEmpty() && error.code() != ErrorCode.CORRUPTED
                && bytes <= VERIFY_BUDGET_BYTES;
        for (Suspect suspect : scanAll ? all : named) {
            final Optional<String> problem = suspect.view().verifyDataFile(suspect.slice());
            if (problem.isPresent()) {
                report.accept(suspect.view(), problem.get());
                return error.code() == ErrorCode.CORRUPTED ? error : new SqlException(ErrorCode.CORRUPTED,
                        problem.get() + " (the query engine reported: " + message + ")", 0, 0, error);
            }
        }
        return error;
    }

    private record Suspect(DatasetView view, SliceIndex.Slice slice) {}
}
