package dev.weft.odf.ingest;

import dev.weft.odf.hash.Multihash;
import dev.weft.odf.model.OffsetInterval;

/**
 * What an ingest committed.
 *
 * @param inputRecords records read from the input
 * @param records changelog records committed
 * @param offsets offsets of the new records, null when nothing new was committed
 * @param head the dataset's head afterwards
 */
public record IngestResult(long inputRecords, long records, OffsetInterval offsets, Multihash head) {}
