package dev.weft.odf.codec;

import dev.weft.odf.error.ErrorCode;
import dev.weft.odf.error.WeftException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A bounds-checked view of one FlatBuffers table, so that truncated or hostile bytes fail with
 * {@link ErrorCode#CORRUPTED} naming the field ({@code path}) instead of an index exception. Offsets are followed
 * only forwards, which keeps recursive reads finite.
 */
final class FlatTable {
    private final ByteBuffer bb;
    private final int pos;
    private final int vtable;
    private final int vtableLength;
    private final String path;

    private FlatTable(ByteBuffer bb, int pos, String path) {
        this.bb = bb;
        this.pos = pos;
        this.path = path;
        check(pos, 4, "table");
        final long vt = (long) pos - bb.getInt(pos);
        if (vt < 0 || vt > bb.limit() - 4) {
            throw corrupt("vtable of " + path + " at offset " + vt + " lies outside the " + bb.limit() + "-byte buffer");
        }
        this.vtable = (int) vt;
        this.vtableLength = Short.toUnsignedInt(bb.getShort(vtable));
        final int tableLength = Short.toUnsignedInt(bb.getShort(vtable + 2));
        if (vtableLength < 4 || (vtableLength & 1) != 0) {
            throw corrupt("vtable of " + path + " declares an invalid length " + vtableLength);
        }
        check(vtable, vtableLength, "vtable");
        check(pos, tableLength, "table");
    }

    /** The root table of a finished flatbuffer (no size prefix, no file identifier). */
    static FlatTable root(byte[] bytes, String path) {
        final ByteBuffer bb = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 8) {
            throw corrupt(path + ": expected a flatbuffer of at least 8 bytes, found " + bytes.length);
        }
        return new FlatTable(bb, indirect(bb, 0, path), path);
    }

    static WeftException corrupt(String message) {
        return new WeftException(ErrorCode.CORRUPTED, "Corrupted metadata block: " + message);
    }

    /** {@code path.name}, for messages about a field of this table. */
    String at(String name) {
        return path + "." + name;
    }

    /** Fails when a required field is absent. */
    <T> T required(T value, String name) {
        if (value == null) {
            throw corrupt(at(name) + " is required but absent");
        }
        return value;
    }

    long u64(int slot, long defaultValue) {
        final int f = field(slot, 8);
        return f == 0 ? defaultValue : bb.getLong(pos + f);
    }

    Long optionalU64(int slot) {
        final int f = field(slot, 8);
        return f == 0 ? null : bb.getLong(pos + f);
    }

    int i32(int slot, int defaultValue) {
        final int f = field(slot, 4);
        return f == 0 ? defaultValue : bb.getInt(pos + f);
    }

    Integer optionalI32(int slot) {
        final int f = field(slot, 4);
        return f == 0 ? null : bb.getInt(pos + f);
    }

    Short optionalI16(int slot) {
        final int f = field(slot, 2);
        return f == 0 ? null : bb.getShort(pos + f);
    }

    int u8(int slot) {
        final int f = field(slot, 1);
        return f == 0 ? 0 : Byte.toUnsignedInt(bb.get(pos + f));
    }

    Boolean optionalBool(int slot) {
        final int f = field(slot, 1);
        return f == 0 ? null : bb.get(pos + f) != 0;
    }

    /** A {@code Timestamp} struct field as an instant, or {@code null} when absent. */
    Instant timestamp(int slot, String name) {
        final int f = field(slot, 16);
        if (f == 0) {
            return null;
        }
        final int at = pos + f;
        final int year = bb.getInt(at);
        final int ordinal = Short.toUnsignedInt(bb.getShort(at + 4));
        final long seconds = Integer.toUnsignedLong(bb.getInt(at + 8));
        final long nanos = Integer.toUnsignedLong(bb.getInt(at + 12));
        if (seconds >= 86_400 || nanos >= 1_000_000_000) {
            throw corrupt(at(name) + " has an invalid time of day: " + seconds + " s and " + nanos + " ns");
        }
        try {
            return LocalDate.ofYearDay(year, ordinal).atStartOfDay(ZoneOffset.UTC).toInstant()
                    .plusSeconds(seconds).plusNanos(nanos);
        } catch (DateTimeException e) {
            throw corrupt(at(name) + " has an invalid date: year " + year + ", day " + ordinal);
        }
    }

    String string(int slot, String name) {
        final int start = target(slot, name);
        return start < 0 ? null : decodeString(start, at(name));
    }

    byte[] bytes(int slot, String name) {
        final int start = target(slot, name);
        if (start < 0) {
            return null;
        }
        final byte[] out = new byte[vectorLength(start, 1, at(name))];
        bb.duplicate().position(start + 4).get(out);
        return out;
    }

    FlatTable table(int slot, String name) {
        final int start = target(slot, name);
        return start < 0 ? null : new FlatTable(bb, start, at(name));
    }

    List<FlatTable> tables(int slot, String name) {
        return vector(slot, name, (at, i) -> new FlatTable(bb, indirect(bb, at, at(name) + "[" + i + "]"),
                at(name) + "[" + i + "]"));
    }

    List<String> strings(int slot, String name) {
        return vector(slot, name, (at, i) -> {
            final String element = at(name) + "[" + i + "]";
            return decodeString(indirect(bb, at, element), element);
        });
    }

    /** Decodes each table of a vector field, or returns {@code null} when the vector is absent. */
    <T> List<T> tables(int slot, String name, Function<FlatTable, T> decode) {
        final List<FlatTable> list = tables(slot, name);
        if (list == null) {
            return null;
        }
        final List<T> out = new ArrayList<>(list.size());
        for (FlatTable t : list) {
            out.add(decode.apply(t));
        }
        return out;
    }

    private String decodeString(int start, String name) {
        final int length = vectorLength(start, 1, name);
        final ByteBuffer slice = bb.duplicate().position(start + 4).limit(start + 4 + length);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(slice)
                    .toString();
        } catch (CharacterCodingException e) {
            throw corrupt(name + " is not valid UTF-8");
        }
    }

    private interface Element<T> {
        T read(int at, int index);
    }

    private <T> List<T> vector(int slot, String name, Element<T> element) {
        final int start = target(slot, name);
        if (start < 0) {
            return null;
        }
        final int length = vectorLength(start, 4, at(name));
        final List<T> out = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            out.add(element.read(start + 4 + 4 * i, i));
        }
        return out;
    }

    private int vectorLength(int start, int elementSize, String name) {
        check(start, 4, name);
        final long length = Integer.toUnsignedLong(bb.getInt(start));
        if (start + 4 + length * elementSize > bb.limit()) {
            throw corrupt(name + " declares " + length + " elements at offset " + start
                    + ", beyond the end of the " + bb.limit() + "-byte buffer");
        }
        return (int) length;
    }

    /** Position an offset field points to, or -1 when the field is absent. */
    private int target(int slot, String name) {
        final int f = field(slot, 4);
        return f == 0 ? -1 : indirect(bb, pos + f, at(name));
    }

    private static int indirect(ByteBuffer bb, int at, String name) {
        if (at < 0 || at > bb.limit() - 4) {
            throw corrupt(name + ": offset at " + at + " lies outside the " + bb.limit() + "-byte buffer");
        }
        final long offset = Integer.toUnsignedLong(bb.getInt(at));
        final long target = at + offset;
        if (offset == 0 || target > bb.limit() - 4) {
            throw corrupt(name + ": expected a forward offset inside the " + bb.limit() + "-byte buffer, found "
                    + offset + " at " + at);
        }
        return (int) target;
    }

    private int field(int slot, int size) {
        final int entry = 4 + 2 * slot;
        if (entry >= vtableLength) {
            return 0;
        }
        final int f = Short.toUnsignedInt(bb.getShort(vtable + entry));
        if (f != 0) {
            check(pos + f, size, "field " + slot);
        }
        return f;
    }

    private void check(int start, long length, String what) {
        if (start < 0 || start + length > bb.limit()) {
            throw corrupt(path + ": " + what + " at offset " + start + " (" + length + " bytes) extends beyond the "
                    + bb.limit() + "-byte buffer");
        }
    }
}
