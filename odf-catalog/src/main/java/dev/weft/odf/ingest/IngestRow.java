package dev.weft.odf.ingest;

/**
 * One changelog record before it gets an offset: operation, event time and data values in column order.
 *
 * @param op RFC 015 operation code (0 +A, 1 -R, 2 -C, 3 +C)
 * @param eventTime epoch milliseconds
 */
record IngestRow(int op, long eventTime, Object[] values) {
    IngestRow withOp(int newOp) {
        return new IngestRow(newOp, eventTime, values);
    }
}
