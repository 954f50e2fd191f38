package dev.weft.odf.model;

/** Whether a dataset ingests external data (root) or is computed from other datasets (derivative). */
public enum DatasetKind {
    ROOT,
    DERIVATIVE;

    /** The ODF name of this kind ({@code Root}, {@code Derivative}). */
    public String odfName() {
        return this == ROOT ? "Root" : "Derivative";
    }
}
