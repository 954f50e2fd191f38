package dev.weft.odf.model;

import java.util.List;
import java.util.Locale;

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

    /** Keeps an absent list absent ({@code null}) and makes a present one immutable. */
    static <T> List<T> copyOrNull(List<T> list) {
        return list == null ? null : List.copyOf(list);
    }
}
