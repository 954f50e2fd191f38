package dev.weft.odf.store;

import dev.weft.odf.hash.Multihash;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * The child process of the crash and multi-process tests: commits toy blocks with data files to a dataset and reports
 * on standard output, its channel to the parent test, {@code started} once ready and {@code committed <hash>} after
 * each commit returns.
 *
 * <p>Modes: {@code loop DIR} commits until killed; {@code count DIR N WRITER} commits N blocks, retrying on conflict;
 * {@code stage DIR} stages a file, reports {@code staged <path>} and waits for standard input to close.
 */
public final class CrashCommitter {
    private CrashCommitter() {}

    public static void main(String[] args) throws IOException {
        final PrintStream parent =
                new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.US_ASCII);
        final Path dir = Path.of(args[1]);
        try (LocalDatasetStore store = LocalDatasetStore.open(dir)) {
            switch (args[0]) {
                case "loop" -> commit(store, parent, Long.MAX_VALUE, "crash-" + ProcessHandle.current().pid());
                case "count" -> commit(store, parent, Long.parseLong(args[2]), args[3]);
                case "stage" -> stageAndWait(store, parent);
                default -> throw new IllegalArgumentException("unknown mode " + args[0]);
            }
        }
    }

    private static void commit(LocalDatasetStore store, PrintStream parent, long blocks, String writer)
            throws IOException {
        final Random random = new Random();
        warmUp(store);
        parent.println("started");
        for (long n = 0; n < blocks; n++) {
            final byte[] content = new byte[64 + random.nextInt(4096)];
            random.nextBytes(content);
            final Multihash dataHash = Multihash.sha3(content);
            try (LocalStagedFile staged = store.stage(FileKind.DATA)) {
                try (OutputStream out = staged.openOutputStream()) {
                    out.write(content);
                }
                while (true) {
                    final Optional<Multihash> head = store.head();
                    final byte[] block =
                            ToyBlocks.encode(ToyBlocks.next(store, head, writer + "#" + n, Optional.of(dataHash)));
                    try {
                        final Multihash hash = store.commit(head, block, List.of(new CommitFile(staged, dataHash)));
                        // One write per line, so a kill cannot split a hash.
                        parent.print("committed " + hash.toMultibase() + "\n");
                        parent.flush();
                        break;
                    } catch (CommitConflictException e) {
                        // Another process won this round; rebuild on the new head.
                        continue;
                    }
                }
            }
        }
    }

    /**
     * Loads and runs the commit path's classes short of moving the head, so that the parent's kill delays, measured
     * from {@code started}, fall on commits rather than on class loading.
     */
    private static void warmUp(LocalDatasetStore store) throws IOException {
        try (LocalStagedFile staged = store.stage(FileKind.DATA)) {
            try (OutputStream out = staged.openOutputStream()) {
                out.write(new byte[] {1});
            }
        }
        final Optional<Multihash> head = store.head();
        head.ifPresent(store::readBlock);
        try {
            store.commit(Optional.of(Multihash.sha3(new byte[0])), new byte[0]);
        } catch (CommitConflictException expected) {
            // The expected head is made up, so this only exercises the code up to the conflict check.
            return;
        }
        throw new IllegalStateException("a commit on a made-up head succeeded");
    }

    private static void stageAndWait(LocalDatasetStore store, PrintStream parent) throws IOException {
        try (LocalStagedFile staged = store.stage(FileKind.DATA)) {
            try (OutputStream out = staged.openOutputStream()) {
                out.write("staged by a live process".getBytes(StandardCharsets.US_ASCII));
            }
            parent.println("staged " + staged.path());
            while (System.in.read() >= 0) {
                // Drain until the parent closes our input or kills us.
                continue;
            }
        }
    }
}
