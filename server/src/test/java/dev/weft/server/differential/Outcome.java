package dev.weft.server.differential;

/**
 * What running one query on both engines showed.
 *
 * @param detail one line: the difference, or the error message of the engine that failed; empty on a pass
 */
public record Outcome(CorpusQuery query, Status status, String detail) {
    /** The kinds of outcome; only {@link #DIFFERENT} and {@link #WEFT_ERROR} count as failures. */
    public enum Status {
        /** Same answer. */
        PASS,
        /** Both answered, differently. */
        DIFFERENT,
        /** PostgreSQL answered, Weft raised an error. */
        WEFT_ERROR,
        /** PostgreSQL itself rejected the query: excluded from the pass rate. */
        EXCLUDED_BY_POSTGRES
    }

    public boolean failed() {
        return status == Status.DIFFERENT || status == Status.WEFT_ERROR;
    }
}
