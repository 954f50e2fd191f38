package dev.weft.odf.model;

/** An event recorded in a metadata block; the variants are the ODF {@code MetadataEvent} union in tag order. */
public sealed interface MetadataEvent
        permits AddData,
                ExecuteTransform,
                Seed,
                SetPollingSource,
                SetTransform,
                SetVocab,
                SetAttachments,
                SetInfo,
                SetLicense,
                SetDataSchema,
                AddPushSource,
                DisablePushSource,
                DisablePollingSource {
    /** The ODF kind name of this event, e.g. {@code "AddData"}. */
    default String kind() {
        return getClass().getSimpleName();
    }
}
