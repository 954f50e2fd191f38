package dev.weft.odf.dataset;

import java.util.Objects;

/**
 * A dataset that cannot be served as it is on disk: its {@code refs/head} or a block of its chain is unreadable, or a
 * data file is missing or not the size its block records. The rest of the workspace is served without it.
 *
 * @param name the dataset's name
 * @param problem what is damaged, naming the file or block (e.g. "Block f1620… of dataset 'x' does not hash to its
 *     name")
 */
public record DamagedDataset(String name, String problem) {
    public DamagedDataset {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(problem, "problem");
    }
}
