package dev.weft.calcite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.odf.error.ErrorCode;
import org.junit.jupiter.api.Test;

class DeepStackTest {
    @Test
    void runsWorkThatADefaultStackCannotHold() {
        try (DeepStack deepStack = new DeepStack()) {
            assertThat(deepStack.call(() -> depth(200_000))).isEqualTo(200_000);
        }
    }

    @Test
    void workThatOverflowsEvenADeepStackIsAStatementTooComplex() {
        try (DeepStack deepStack = new DeepStack()) {
            assertThatThrownBy(() -> deepStack.call(() -> depth(Integer.MAX_VALUE))).isInstanceOf(SqlException.class)
                    .hasMessageContaining("nested too deeply")
                    .satisfies(e -> assertThat(((SqlException) e).code()).isEqualTo(ErrorCode.STATEMENT_TOO_COMPLEX));
        }
    }

    @Test
    void workAskedForFromADeepStackThreadRunsOnThatThread() {
        try (DeepStack deepStack = new DeepStack()) {
            assertThat(deepStack.call(() -> {
                final Thread outer = Thread.currentThread();
                return deepStack.call(() -> Thread.currentThread() == outer);
            })).isTrue();
        }
    }

    @Test
    void errorsOfTheWorkReachTheCallerAsThemselves() {
        try (DeepStack deepStack = new DeepStack()) {
            assertThatThrownBy(() -> deepStack.call(() -> {
                throw new SqlException(ErrorCode.SQL_INVALID, "bad", 1, 2, null);
            })).isInstanceOf(SqlException.class).hasMessage("bad");
        }
    }

    /** Recurses {@code n} frames deep, each holding a few locals, as a parser's recursive descent does. */
    private static int depth(int n) {
        if (n == 0) {
            return 0;
        }
        final long a = n;
        final long b = a * 31;
        return (int) (depth(n - 1) + 1 + (b - a * 31));
    }
}
