package dev.weft.odf.store;

/** The kinds of content-addressed files a dataset holds besides its blocks, each in its own ODF directory. */
public enum FileKind {
    /** Data slices, stored as {@code data/<physical hash>}. */
    DATA("data"),
    /** Engine checkpoints (one file each, RFC-006), stored as {@code checkpoints/<physical hash>}. */
    CHECKPOINT("checkpoints");

    private final String directory;

    FileKind(String directory) {
        this.directory = directory;
    }

    /** Name of the directory inside the dataset that holds files of this kind. */
    public String directory() {
        return directory;
    }
}
