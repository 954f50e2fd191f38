package dev.weft.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The engine's default memory limit leaves room for the JVM heap within the server's share of RAM. */
class EngineMemoryTest {
    private static final long GB = 1_000_000_000L;

    @Test
    void theEngineGetsTheServersShareOfRamLessTheHeap() {
        // 16 GB of RAM, a 4 GB heap: 80% of 16 is 12.8, less 4 is 8.8 GB for the engine.
        assertThat(EngineMemory.limitBytes(16 * GB, 4 * GB)).isEqualTo(8_800_000_000L);
        assertThat(EngineMemory.limitBytes(16 * GB, 4 * GB) + 4 * GB).isLessThanOrEqualTo((long) (0.8 * 16 * GB));
    }

    @Test
    void aHeapThatTakesTheWholeShareStillLeavesTheEngineItsMinimum() {
        assertThat(EngineMemory.limitBytes(2 * GB, 2 * GB)).isEqualTo(EngineMemory.MIN_BYTES);
    }

    @Test
    void limitsAreWrittenInMegabytesForTheEngine() {
        assertThat(EngineMemory.setting(8_800_000_000L)).isEqualTo("8800MB");
        assertThat(EngineMemory.setting(EngineMemory.MIN_BYTES)).isEqualTo("256MB");
    }

    @Test
    void thisMachinesDefaultIsAValidSetting() {
        assertThat(EngineMemory.defaultLimit()).matches("\\d+MB");
    }
}
