package dev.weft.odf.store;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A child JVM running a test main class, whose standard output lines the test reads with deadlines. */
public final class ChildJvm implements AutoCloseable {
    private static final String EOF = "\u0000eof";

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Thread reader;
    private boolean ended;

    private ChildJvm(Process process) {
        this.process = process;
        this.reader = new Thread(this::pump, "child-" + process.pid() + "-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts {@code mainClass} with the test classpath, JVM flags tuned for fast start (plus the opening Arrow needs),
     * stderr to {@code log}.
     */
    public static ChildJvm start(Class<?> mainClass, Path log, String... args) {
        final List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xshare:auto", "-Xmx128m",
                "--add-opens=java.base/java.nio=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"),
                mainClass.getName()));
        command.addAll(List.of(args));
        try {
            return new ChildJvm(new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Process process() {
        return process;
    }

    /**
     * Waits until a line starting with {@code prefix} arrives and returns it; lines before it go to {@code sink}.
     *
     * @throws AssertionError when the deadline passes or the child's output ends first
     */
    public String awaitLine(String prefix, Duration timeout, List<String> sink) throws InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            final long left = deadline - System.nanoTime();
            final String line = left > 0 ? lines.poll(left, TimeUnit.NANOSECONDS) : null;
            if (line == null) {
                throw new AssertionError("child " + process.pid() + " printed no '" + prefix + "' within " + timeout);
            }
            if (line.equals(EOF)) {
                ended = true;
                throw new AssertionError("child " + process.pid() + " ended (exit " + exitCode()
                        + ") before printing '" + prefix + "'");
            }
            if (line.startsWith(prefix)) {
                return line;
            }
            sink.add(line);
        }
    }

    /** Collects output lines until {@code duration} has passed (the child keeps running). */
    public void collectFor(Duration duration, List<String> sink) throws InterruptedException {
        final long deadline = System.nanoTime() + duration.toNanos();
        long left;
        while (!ended && (left = deadline - System.nanoTime()) > 0) {
            final String line = lines.poll(left, TimeUnit.NANOSECONDS);
            if (line != null) {
                take(line, sink);
            }
        }
    }

    /** Kills the child at once, waits for it to die, and collects every line it printed before dying. */
    public void killAndDrain(Duration timeout, List<String> sink) throws InterruptedException {
        process.destroyForcibly();
        awaitEnd(timeout, sink);
    }

    /** Waits for the child to exit on its own and collects the rest of its output. */
    public void awaitEnd(Duration timeout, List<String> sink) throws InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            throw new AssertionError("child " + process.pid() + " did not end within " + timeout);
        }
        while (!ended) {
            final long left = deadline - System.nanoTime();
            final String line = left > 0 ? lines.poll(left, TimeUnit.NANOSECONDS) : null;
            if (line == null) {
                throw new AssertionError("output of child " + process.pid() + " did not end within " + timeout);
            }
            take(line, sink);
        }
    }

    public int exitCode() {
        return process.isAlive() ? -1 : process.exitValue();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    private void take(String line, List<String> sink) {
        if (line.equals(EOF)) {
            ended = true;
        } else {
            sink.add(line);
        }
    }

    private void pump() {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII))) {
            String line;
            while ((line = in.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            // The stream breaks when the child is killed mid-line; what was read is all there is.
            lines.add("error " + e);
        } finally {
            lines.add(EOF);
        }
    }
}
