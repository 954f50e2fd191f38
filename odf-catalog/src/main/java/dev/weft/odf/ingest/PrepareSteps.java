package dev.weft.odf.ingest;

import dev.weft.odf.error.ErrorCode;
import dev.weft.odf.error.WeftException;
import dev.weft.odf.model.CompressionFormat;
import dev.weft.odf.model.PrepStep;
import dev.weft.odf.store.DatasetName;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Runs a polling source's {@code prepare} steps in order, each reading the previous one's output file: gzip
 * {@code Decompress}, and {@code Pipe}, which runs its command with the file on standard input and takes its standard
 * output (as kamu does, e.g. {@code sed -e 1,/OBSERVATIONS/d} to drop a preamble). Zip archives are refused.
 */
final class PrepareSteps {
    private PrepareSteps() {}

    /**
     * Checks that Weft can run every step, before anything is fetched.
     *
     * @throws WeftException {@code UNSUPPORTED} naming the step
     */
    static void check(String what, List<PrepStep> steps) {
        if (steps == null) {
            return;
        }
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i) instanceof PrepStep.Decompress decompress
                    && decompress.format() != CompressionFormat.GZIP) {
                throw new WeftException(ErrorCode.UNSUPPORTED, what + " prepare[" + i + "].format is "
                        + decompress.format().name().charAt(0) + decompress.format().name().substring(1).toLowerCase(
                                java.util.Locale.ROOT) + ", and Weft decompresses only Gzip so far");
            }
            if (steps.get(i) instanceof PrepStep.Pipe pipe && pipe.command().isEmpty()) {
                throw new WeftException(ErrorCode.INVALID_MANIFEST, what + " prepare[" + i
                        + "].command is empty");
            }
        }
    }

    /** The file to read: {@code file} after every step, written under {@code work}. */
    static Path run(DatasetName name, List<PrepStep> steps, Path file, Path work) {
        if (steps == null || steps.isEmpty()) {
            return file;
        }
        check("Cannot pull '" + name + "': its source's", steps);
        Path current = file;
        try {
            Files.createDirectories(work);
            for (int i = 0; i < steps.size(); i++) {
                final Path out = Files.createTempFile(work, "prepared-" + i + "-", ".tmp");
                if (steps.get(i) instanceof PrepStep.Pipe pipe) {
                    pipe(name, i, pipe, current, out);
                } else {
                    gunzip(current, out);
                }
                current = out;
            }
        } catch (IOException e) {
            throw new WeftException(ErrorCode.IO, "Cannot prepare " + file + " for '" + name + "': " + e, e);
        }
        return current;
    }

    private static void gunzip(Path in, Path out) {
        try (InputStream source = new GZIPInputStream(Files.newInputStream(in), 1 << 16);
                OutputStream target = Files.newOutputStream(out)) {
            source.transferTo(target);
        } catch (IOException e) {
            throw new WeftException(ErrorCode.INVALID_DATA, "Cannot decompress " + in + " as gzip: " + e.getMessage(),
                    e);
        }
    }

    private static void pipe(DatasetName name, int index, PrepStep.Pipe pipe, Path in, Path out) throws IOException {
        final Path errors = Files.createTempFile(out.getParent(), "pipe-errors-", ".txt");
        final Process process;
        try {
            process = new ProcessBuilder(pipe.command()).redirectInput(in.toFile()).redirectOutput(out.toFile())
                    .redirectError(errors.toFile()).start();
        } catch (IOException e) {
            throw new WeftException(ErrorCode.IO, "Cannot pull '" + name + "': cannot start prepare[" + index
                    + "].command " + pipe.command() + ": " + e.getMessage(), e);
        }
        final int exit;
        try {
            exit = process.waitFor();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new WeftException(ErrorCode.IO, "Interrupted while running prepare[" + index + "] of '" + name
                    + "'", e);
        }
        if (exit != 0) {
            final String stderr = Files.readString(errors, StandardCharsets.UTF_8).strip();
            throw new WeftException(ErrorCode.INVALID_DATA, "Cannot pull '" + name + "': prepare[" + index
                    + "].command " + pipe.command() + " exited with " + exit + (stderr.isEmpty() ? "" : ": " + stderr));
        }
    }
}
