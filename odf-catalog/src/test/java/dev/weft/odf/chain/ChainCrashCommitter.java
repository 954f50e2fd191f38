package dev.weft.odf.chain;

import dev.weft.odf.codec.BlockCodec;
import dev.weft.odf.hash.Multihash;
import dev.weft.odf.identity.DatasetKeyPair;
import dev.weft.odf.model.DatasetKind;
import dev.weft.odf.model.MetadataBlock;
import dev.weft.odf.model.Seed;
import dev.weft.odf.store.CommitConflictException;
import dev.weft.odf.store.FileKind;
import dev.weft.odf.store.LocalDatasetStore;
import dev.weft.odf.store.LocalStagedFile;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;

/**
 * The child process of the chain crash test: appends real ODF blocks (Seed, AddData with data files, SetInfo) to the
 * dataset in {@code args[0]} until killed, reporting on standard output, its channel to the parent test,
 * {@code started} once ready and {@code committed <hash>} after each append returns.
 */
public final class ChainCrashCommitter {
    private ChainCrashCommitter() {}

    public static void main(String[] args) throws IOException {
        final PrintStream parent =
                new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.US_ASCII);
        try (LocalDatasetStore store = LocalDatasetStore.open(Path.of(args[0]))) {
            final ChainWriter writer = new ChainWriter(store, new Random());
            warmUp(store, writer);
            parent.println("started");
            final String label = "pid " + ProcessHandle.current().pid();
            while (true) {
                final Multihash hash = writer.appendWithRetry(label);
                // One write per line, so a kill cannot split a hash.
                parent.print("committed " + hash.toMultibase() + "\n");
                parent.flush();
            }
        }
    }

    /**
     * Loads and runs the append path's classes short of moving the head, so that the parent's kill delays, measured
     * from {@code started}, fall on commits rather than on class loading.
     */
    private static void warmUp(LocalDatasetStore store, ChainWriter writer) throws IOException {
        writer.chain().blocks().limit(2).count();
        try (LocalStagedFile staged = store.stage(FileKind.DATA)) {
            try (OutputStream out = staged.openOutputStream()) {
                out.write(new byte[] {1});
            }
        }
        final byte[] block = BlockCodec.encode(new MetadataBlock(Instant.now(), null, 0,
                new Seed(DatasetKeyPair.generate().id(), DatasetKind.ROOT)));
        try {
            store.commit(Optional.of(Multihash.sha3(block)), block);
        } catch (CommitConflictException expected) {
            // The expected head is made up, so this only exercises the code up to the conflict check.
            return;
        }
        throw new IllegalStateException("a commit on a made-up head succeeded");
    }
}
