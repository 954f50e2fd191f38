package dev.weft.server.flight;

import dev.weft.calcite.exec.QueryResult;

/** A query from its DoGet to the end of its stream: cancellable at every point, even before it starts. */
final class RunningQuery {
    private QueryResult result;
    private boolean cancelled;

    synchronized void attach(QueryResult started) {
        result = started;
        if (cancelled) {
            started.cancel();
        }
    }

    synchronized void cancel() {
        cancelled = true;
        if (result != null) {
            result.cancel();
        }
    }
}
