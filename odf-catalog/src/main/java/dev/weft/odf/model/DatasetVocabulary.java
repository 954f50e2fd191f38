package dev.weft.odf.model;

/** Names of a dataset's system columns; each component is nullable, meaning the ODF default. */
public record DatasetVocabulary(
        String offsetColumn, String operationTypeColumn, String systemTimeColumn, String eventTimeColumn) {
    /** The ODF defaults: {@code offset}, {@code op}, {@code system_time}, {@code event_time}. */
    public static final DatasetVocabulary DEFAULT =
            new DatasetVocabulary("offset", "op", "system_time", "event_time");

    /** This vocabulary with absent names replaced by the defaults. */
    public DatasetVocabulary withDefaults() {
        return new DatasetVocabulary(
                offsetColumn != null ? offsetColumn : DEFAULT.offsetColumn,
                operationTypeColumn != null ? operationTypeColumn : DEFAULT.operationTypeColumn,
                systemTimeColumn != null ? systemTimeColumn : DEFAULT.systemTimeColumn,
                eventTimeColumn != null ? eventTimeColumn : DEFAULT.eventTimeColumn);
    }
}
