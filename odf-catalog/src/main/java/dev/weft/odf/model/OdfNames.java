package dev.weft.odf.model;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.StringJoiner;

/** Shared conversions between Java constant names and ODF spellings, and copies of optional lists. */
final class OdfNames {
    private OdfNames() {}

    /** {@code BY_EVENT_TIME} becomes {@code ByEventTime}. */
    static String pascal(String constant) {
        final StringBuilder out = new StringBuilder(constant.length());
        for (String part : constant.split("_")) {
            out.append(part.charAt(0)).append(part.substring(1).toLowerCase(Locale.ROOT));
        }
        return out.toString();
    }

    /** The constant of {@code type} whose ODF name equals {@code odfName}, ignoring case. */
    static <E extends Enum<E>> E parse(Class<E> type, String odfName) {
        Objects.requireNonNull(odfName, "odfName");
        final StringJoiner accepted = new StringJoiner(", ");
        for (E constant : type.getEnumConstants()) {
            final String name = pascal(constant.name());
            if (name.equalsIgnoreCase(odfName)) {
                return constant;
            }
            accepted.add(name);
        }
        throw new IllegalArgumentException(
                "unknown " + type.getSimpleName() + " '" + odfName + "', expected one of " + accepted);
    }

    /** Keeps an absent list absent ({@code null}) and makes a present one immutable. */
    static <T> List<T> copyOrNull(List<T> list) {
        return list == null ? null : List.copyOf(list);
    }
}
