package dev.weft.calcite.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.junit.jupiter.api.Test;

class ArrowParametersTest {
    private static final Instant INSTANT = Instant.parse("2025-02-01T12:34:56Z");

    @Test
    void everyTimestampUnitAndZoneReadsAsTheSameInstant() {
        try (BufferAllocator allocator = new RootAllocator()) {
            for (TimeUnit unit : TimeUnit.values()) {
                for (String zone : new String[] {"UTC", "+02:00", "Europe/Berlin"}) {
                    try (TimeStampVector vector = timestamps(allocator, unit, zone)) {
                        assertThat(ArrowParameters.value(vector, 0)).as("%s %s", unit, zone).isEqualTo(INSTANT);
                    }
                }
                try (TimeStampVector vector = timestamps(allocator, unit, null)) {
                    assertThat(ArrowParameters.value(vector, 0)).as("%s naive", unit)
                            .isEqualTo(LocalDateTime.ofInstant(INSTANT, ZoneOffset.UTC));
                }
            }
        }
    }

    @Test
    void datesOfEitherUnitReadAsDates() {
        try (BufferAllocator allocator = new RootAllocator();
                DateDayVector days = new DateDayVector("d", allocator);
                DateMilliVector millis = new DateMilliVector("m", allocator)) {
            days.setSafe(0, 20120);
            millis.setSafe(0, 20120L * 86_400_000L);
            days.setValueCount(1);
            millis.setValueCount(1);
            assertThat(List.of(ArrowParameters.value(days, 0), ArrowParameters.value(millis, 0)))
                    .containsOnly(LocalDate.ofEpochDay(20120));
        }
    }

    @Test
    void nullsStayNull() {
        try (BufferAllocator allocator = new RootAllocator(); BigIntVector vector = new BigIntVector("n", allocator)) {
            vector.setNull(0);
            vector.setValueCount(1);
            assertThat(ArrowParameters.value(vector, 0)).isNull();
        }
    }

    private static TimeStampVector timestamps(BufferAllocator allocator, TimeUnit unit, String zone) {
        final FieldVector vector = FieldType.nullable(new ArrowType.Timestamp(unit, zone)).createNewSingleVector("t",
                allocator, null);
        final TimeStampVector timestamps = (TimeStampVector) vector;
        final long seconds = INSTANT.getEpochSecond();
        timestamps.setSafe(0, switch (unit) {
            case SECOND -> seconds;
            case MILLISECOND -> seconds * 1_000L;
            case MICROSECOND -> seconds * 1_000_000L;
            case NANOSECOND -> seconds * 1_000_000_000L;
        });
        timestamps.setValueCount(1);
        return timestamps;
    }
}
