package dev.weft.odf.model;

import java.util.Objects;

/**
 * A logical column type of an ODF schema (RFC 016). Variant names equal the ODF kinds, so {@code DataType.String}
 * and {@code DataType.List} shadow the {@code java.lang}/{@code java.util} names inside this file only.
 */
public sealed interface DataType {
    /** The ODF kind name of this variant, e.g. {@code "Int64"}. */
    default java.lang.String kind() {
        return getClass().getSimpleName();
    }

    /** Variable or fixed-size binary; {@code fixedLength} is nullable (absent means variable length). */
    record Binary(Long fixedLength) implements DataType {}

    /** Boolean. */
    record Bool() implements DataType {}

    /** Calendar date. */
    record Date() implements DataType {}

    /** Decimal with an unsigned 32-bit {@code precision} and a signed {@code scale}. */
    record Decimal(long precision, int scale) implements DataType {
        public Decimal {
            if (precision < 0 || precision > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("decimal precision must fit in uint32, got " + precision);
            }
        }
    }

    /** Elapsed time; {@code unit} is nullable. */
    record Duration(TimeUnit unit) implements DataType {}

    /** Half-precision float. */
    record Float16() implements DataType {}

    /** Single-precision float. */
    record Float32() implements DataType {}

    /** Double-precision float. */
    record Float64() implements DataType {}

    /** Signed 8-bit integer. */
    record Int8() implements DataType {}

    /** Signed 16-bit integer. */
    record Int16() implements DataType {}

    /** Signed 32-bit integer. */
    record Int32() implements DataType {}

    /** Signed 64-bit integer. */
    record Int64() implements DataType {}

    /** Unsigned 8-bit integer. */
    record UInt8() implements DataType {}

    /** Unsigned 16-bit integer. */
    record UInt16() implements DataType {}

    /** Unsigned 32-bit integer. */
    record UInt32() implements DataType {}

    /** Unsigned 64-bit integer. */
    record UInt64() implements DataType {}

    /** A list of {@code itemType} (required); {@code fixedLength} is nullable. */
    record List(DataType itemType, Long fixedLength) implements DataType {
        public List {
            Objects.requireNonNull(itemType, "itemType");
        }
    }

    /** A map from {@code keyType} to {@code valueType} (both required); {@code keysSorted} is nullable. */
    record Map(DataType keyType, DataType valueType, Boolean keysSorted) implements DataType {
        public Map {
            Objects.requireNonNull(keyType, "keyType");
            Objects.requireNonNull(valueType, "valueType");
        }
    }

    /** The type of a column that is always null. */
    record Null() implements DataType {}

    /** A nullable {@code inner} type (required). */
    record Option(DataType inner) implements DataType {
        public Option {
            Objects.requireNonNull(inner, "inner");
        }
    }

    /** A struct of named fields (required, possibly empty). */
    record Struct(java.util.List<DataField> fields) implements DataType {
        public Struct {
            fields = java.util.List.copyOf(fields);
        }
    }

    /** Time of day; {@code unit} is nullable. */
    record Time(TimeUnit unit) implements DataType {}

    /** Point in time; {@code unit} and {@code timezone} are nullable (ODF defaults: millisecond, UTC). */
    record Timestamp(TimeUnit unit, java.lang.String timezone) implements DataType {}

    /** UTF-8 text. */
    record String() implements DataType {}
}
