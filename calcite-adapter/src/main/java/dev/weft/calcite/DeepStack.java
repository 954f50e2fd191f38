package dev.weft.calcite;

import dev.weft.odf.error.ErrorCode;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Threads with a deep stack for planning and writing a statement: Calcite's parser, validator and rewrites recurse
 * once per nesting level, so 2,000 ORs in a WHERE clause overflow a default thread stack. The stack is reserved, not
 * committed, so the threads cost memory only as deep as a statement goes. At most {@link #THREADS} statements use them
 * at once; further ones run on their caller's thread, as does work asked for from a deep-stack thread itself (a run
 * that re-plans). A statement deeper than even these stacks is refused.
 */
final class DeepStack implements AutoCloseable {
    static final int THREADS = 8;
    private static final long STACK_BYTES = 256L << 20;

    private final ThreadPoolExecutor threads;

    DeepStack() {
        final AtomicInteger created = new AtomicInteger();
        threads = new ThreadPoolExecutor(0, THREADS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), task -> {
            final Thread thread = new DeepStackThread(task, "weft-planner-" + created.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }, new ThreadPoolExecutor.CallerRunsPolicy());
    }

    /**
     * The result of {@code work}, run on a deep-stack thread.
     *
     * @throws SqlException {@code STATEMENT_TOO_COMPLEX} when the statement is nested too deeply even for it, or
     *         {@code CANCELLED} when the caller is interrupted; otherwise what {@code work} throws
     */
    <T> T call(Supplier<T> work) {
        if (Thread.currentThread() instanceof DeepStackThread) {
            return work.get();
        }
        final Future<T> result = threads.submit(work::get);
        try {
            return result.get();
        } catch (InterruptedException e) {
            result.cancel(true);
            Thread.currentThread().interrupt();
            throw new SqlException(ErrorCode.CANCELLED, "Query cancelled while it was planned", 0, 0, e);
        } catch (ExecutionException e) {
            final Throwable cause = e.getCause();
            if (cause instanceof StackOverflowError) {
                throw new SqlException(ErrorCode.STATEMENT_TOO_COMPLEX, "The statement is nested too deeply to plan; "
                        + "simplify it (a long chain of OR comparisons with one column is an IN list)", 0, 0, cause);
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }

    private static final class DeepStackThread extends Thread {
        DeepStackThread(Runnable task, String name) {
            super(null, task, name, STACK_BYTES);
        }
    }
}
