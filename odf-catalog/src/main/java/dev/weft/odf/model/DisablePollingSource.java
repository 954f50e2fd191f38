package dev.weft.odf.model;

/** Disables the dataset's polling source. */
public record DisablePollingSource() implements MetadataEvent {}
