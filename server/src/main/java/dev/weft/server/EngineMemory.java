package dev.weft.server;

import java.lang.management.ManagementFactory;

/**
 * Sizes the query engine's memory next to the JVM's, so that the two together stay within the machine's RAM. Left to
 * itself the engine (DuckDB) takes 80% of RAM while the JVM's heap may grow to its own maximum (a quarter of RAM by
 * default), over-committing the machine by the heap's size.
 */
public final class EngineMemory {
    /** The share of physical memory the whole server may use; the rest is left to the OS and its page cache. */
    static final double SERVER_SHARE = 0.8;
    /** The least the engine is given, even where the heap takes nearly all of the share: it cannot run on less. */
    static final long MIN_BYTES = 256L * 1_000_000;

    private EngineMemory() {}

    /**
     * The engine's memory limit in bytes: {@link #SERVER_SHARE} of {@code physicalBytes} less {@code maxHeapBytes}, and
     * at least {@link #MIN_BYTES}.
     */
    static long limitBytes(long physicalBytes, long maxHeapBytes) {
        return Math.max(MIN_BYTES, (long) (physicalBytes * SERVER_SHARE) - maxHeapBytes);
    }

    /** A limit as the engine's {@code memory_limit} setting takes it, in (decimal) megabytes. */
    static String setting(long bytes) {
        return bytes / 1_000_000 + "MB";
    }

    /**
     * The default limit on this machine, from its physical memory (a container's limit, where the JVM sees one) and
     * this JVM's maximum heap.
     */
    public static String defaultLimit() {
        final long physical = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        return setting(limitBytes(physical, Runtime.getRuntime().maxMemory()));
    }
}
