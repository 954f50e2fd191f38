package dev.weft.server.differential;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Runs corpus queries on PostgreSQL (the oracle) and on a Weft answerer, and classifies each: a query PostgreSQL
 * rejects is excluded; one Weft rejects (or does not answer within the time limit) while PostgreSQL answers is a
 * failure; otherwise the answers are compared by {@link ResultComparator}. Not thread-safe.
 */
final class DifferentialRunner implements AutoCloseable {
    /** Longest a Weft query may take before it counts as failed (PostgreSQL has the same statement timeout). */
    static final long WEFT_TIMEOUT_SECONDS = 20;

    private final PostgresTables postgres;
    private final Function<String, List<List<Object>>> weft;
    private ExecutorService worker = newWorker();

    /**
     * @param weft answers a query with canonical rows ({@link ResultRows}) or throws
     */
    DifferentialRunner(PostgresTables postgres, Function<String, List<List<Object>>> weft) {
        this.postgres = postgres;
        this.weft = weft;
    }

    List<Outcome> run(List<CorpusQuery> queries) {
        final List<Outcome> outcomes = new ArrayList<>(queries.size());
        for (CorpusQuery query : queries) {
            outcomes.add(run(query));
        }
        return outcomes;
    }

    Outcome run(CorpusQuery query) {
        final List<List<Object>> expected;
        try {
            expected = postgres.query(query.sql());
        } catch (SQLException e) {
            return new Outcome(query, Outcome.Status.EXCLUDED_BY_POSTGRES, oneLine(e.getMessage()));
        }
        final List<List<Object>> actual;
        try {
            actual = answerWithin(query.sql());
        } catch (RuntimeException e) {
            return new Outcome(query, Outcome.Status.WEFT_ERROR, oneLine(describe(e)));
        }
        final Optional<String> difference = ResultComparator.difference(expected, actual, query.ordered());
        return difference.map(d -> new Outcome(query, Outcome.Status.DIFFERENT, oneLine(d)))
                .orElseGet(() -> new Outcome(query, Outcome.Status.PASS, ""));
    }

    /**
     * Runs the Weft side on a worker thread so that a runaway query cannot stop the run: after the timeout the
     * worker is abandoned (it is a daemon thread) and a fresh one takes the next query.
     */
    private List<List<Object>> answerWithin(String sql) {
        final Future<List<List<Object>>> future = worker.submit(() -> weft.apply(sql));
        try {
            return future.get(WEFT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            worker.shutdownNow();
            worker = newWorker();
            throw new IllegalStateException("no answer within " + WEFT_TIMEOUT_SECONDS + " s");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String describe(Throwable e) {
        final String message = e.getMessage();
        return e.getClass().getSimpleName() + ": " + (message == null ? "" : message);
    }

    static String oneLine(String text) {
        final String flat = text == null ? "" : text.replaceAll("\\s+", " ").strip();
        return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(runnable -> {
            final Thread thread = new Thread(runnable, "differential-weft");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
