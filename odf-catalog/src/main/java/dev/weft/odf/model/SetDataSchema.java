package dev.weft.odf.model;

/**
 * Declares the schema of the data files that follow: the ODF {@code schema}, or in legacy blocks the deprecated
 * {@code rawArrowSchema}; both nullable.
 */
public record SetDataSchema(RawArrowSchema rawArrowSchema, DataSchema schema) implements MetadataEvent {}
