package dev.weft.odf.model;

/** Overrides the names of system columns; every component is nullable (keep the default). */
public record SetVocab(
        String offsetColumn, String operationTypeColumn, String systemTimeColumn, String eventTimeColumn)
        implements MetadataEvent {
    /** The same names as a {@link DatasetVocabulary}. */
    public DatasetVocabulary toVocabulary() {
        return new DatasetVocabulary(offsetColumn, operationTypeColumn, systemTimeColumn, eventTimeColumn);
    }
}
