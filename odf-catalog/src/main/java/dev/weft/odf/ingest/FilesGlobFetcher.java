package dev.weft.odf.ingest;

import dev.weft.odf.error.ErrorCode;
import dev.weft.odf.error.WeftException;
import dev.weft.odf.model.EventTimeSource;
import dev.weft.odf.model.FetchStep;
import dev.weft.odf.model.SourceOrdering;
import dev.weft.odf.model.SourceState;
import dev.weft.odf.store.DatasetName;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the next file of a {@code FilesGlob} source: files matching the glob (in its last path component) ordered by
 * name or by the event time in their names, the first one after the file the source state names. The state is the
 * file name as an {@code odf/etag}, as kamu records it (chains written by Weft before used {@code weft/last-file},
 * which is still read), so renaming or re-saving a taken file does not take it again.
 */
final class FilesGlobFetcher {
    /** Source state kind of the name of the last file taken, as kamu writes it. */
    static final String LAST_FILE = "odf/etag";
    /** The kind Weft wrote before adopting kamu's; read so that existing chains keep their place. */
    static final String LEGACY_LAST_FILE = "weft/last-file";

    private FilesGlobFetcher() {}

    /** What the glob looks for and where, e.g. {@code no file matches 'orders-*.csv' in /data/shop}. */
    static String describeSearch(FetchStep.FilesGlob glob, Path baseDir) {
        final Path pattern = baseDir.resolve(glob.path()).normalize();
        final Path dir = pattern.getParent();
        return "no file matches '" + pattern.getFileName() + "' in " + dir
                + (dir != null && Files.isDirectory(dir) ? "" : " (no such directory)")
                + " (FilesGlob path '" + glob.path() + "', relative to " + baseDir + ")";
    }

    /** The next file to take, or null when every matching file was taken. */
    static PollingIngester.Fetched next(DatasetName name, FetchStep.FilesGlob glob, Path baseDir, SourceState last) {
        final Path pattern = baseDir.resolve(glob.path()).normalize();
        final Path dir = pattern.getParent();
        if (dir == null || dir.toString().matches(".*[*?\\[{].*")) {
            throw new WeftException(ErrorCode.UNSUPPORTED, "Cannot pull '" + name + "': the FilesGlob path '"
                    + glob.path() + "' may use wildcards only in its file name");
        }
        final PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern.getFileName());
        final List<Path> files;
        try (Stream<Path> entries = Files.isDirectory(dir) ? Files.list(dir) : Stream.empty()) {
            files = entries.filter(p -> Files.isRegularFile(p) && matcher.matches(p.getFileName())).toList();
        } catch (IOException e) {
            throw new WeftException(ErrorCode.IO, "Cannot list " + dir + ": " + e.getMessage(), e);
        }
        final boolean byEventTime = glob.order() == SourceOrdering.BY_EVENT_TIME
                && glob.eventTime() instanceof EventTimeSource.FromPath;
        final Comparator<Path> order = byEventTime
                ? Comparator.comparing((Path p) -> eventTimeFromPath((EventTimeSource.FromPath) glob.eventTime(),
                        p.getFileName().toString())).thenComparing(p -> p.getFileName().toString())
                : Comparator.comparing(p -> p.getFileName().toString());
        final List<Path> sorted = files.stream().sorted(order).toList();
        int start = 0;
        if (last != null && (LAST_FILE.equals(last.kind()) || LEGACY_LAST_FILE.equals(last.kind()))) {
            for (int i = 0; i < sorted.size(); i++) {
                if (sorted.get(i).getFileName().toString().equals(last.value())) {
                    start = i + 1;
                }
            }
            if (start == 0 && !byEventTime) {
                start = (int) sorted.stream().filter(p -> p.getFileName().toString().compareTo(last.value()) <= 0).count();
            }
        }
        if (start >= sorted.size()) {
            return null;
        }
        final Path file = sorted.get(start);
        final Instant modified;
        try {
            modified = Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            throw new WeftException(ErrorCode.IO, "Cannot read " + file + ": " + e.getMessage(), e);
        }
        return new PollingIngester.Fetched(file,
                PollingIngester.eventTimeOf(glob.eventTime(), file.getFileName().toString(), modified),
                new SourceState(PollingIngester.SOURCE_NAME, LAST_FILE, file.getFileName().toString()));
    }

    /**
     * The event time in a file name: the first group of {@code pattern} (or the whole match), read with the
     * timestamp format, which may be a strftime-style pattern ({@code %Y-%m-%d}) as kamu manifests write it or a
     * {@link DateTimeFormatter} pattern; without a format, RFC 3339 or {@code yyyy-MM-dd}.
     */
    static Instant eventTimeFromPath(EventTimeSource.FromPath rule, String fileName) {
        final Matcher matcher = Pattern.compile(rule.pattern()).matcher(fileName);
        if (!matcher.find()) {
            throw new WeftException(ErrorCode.INVALID_DATA, "File name '" + fileName
                    + "' does not match the event time pattern '" + rule.pattern() + "'");
        }
        final String text = matcher.groupCount() >= 1 ? matcher.group(1) : matcher.group();
        try {
            if (rule.timestampFormat() == null) {
                return Instant.ofEpochMilli(ColumnType.parseTimestamp(text, null));
            }
            final TemporalAccessor parsed = DateTimeFormatter.ofPattern(javaPattern(rule.timestampFormat()), Locale.ROOT)
                    .parse(text);
            return parsed.isSupported(ChronoField.HOUR_OF_DAY)
                    ? LocalDateTime.from(parsed).toInstant(ZoneOffset.UTC)
                    : LocalDate.from(parsed).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new WeftException(ErrorCode.INVALID_DATA, "Cannot read the event time '" + text + "' in file name '"
                    + fileName + "'" + (rule.timestampFormat() == null ? "" : " with format '"
                    + rule.timestampFormat() + "'") + ": " + e.getMessage());
        }
    }

    /**
     * A {@link DateTimeFormatter} pattern for a strftime-style format: directives map to pattern letters, and every
     * other character is quoted, so literal text such as the {@code T} of {@code %Y-%m-%dT%H:%M:%S} stays literal.
     */
    static String javaPattern(String format) {
        if (!format.contains("%")) {
            return format;
        }
        final StringBuilder pattern = new StringBuilder();
        final StringBuilder literal = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            final char c = format.charAt(i);
            if (c != '%') {
                literal.append(c);
                continue;
            }
            if (i + 1 == format.length()) {
                throw new IllegalArgumentException("the format ends with a lone '%'");
            }
            final char directive = format.charAt(++i);
            if (directive == '%') {
                literal.append('%');
                continue;
            }
            quote(literal, pattern);
            pattern.append(directiveLetters(directive));
        }
        quote(literal, pattern);
        return pattern.toString();
    }

    private static String directiveLetters(char directive) {
        switch (directive) {
            case 'Y': return "yyyy";
            case 'y': return "yy";
            case 'm': return "MM";
            case 'd': return "dd";
            case 'H': return "HH";
            case 'M': return "mm";
            case 'S': return "ss";
            case 'f': return "SSSSSS";
            case 'j': return "DDD";
            case 'b': return "MMM";
            default: throw new IllegalArgumentException("the strftime directive %" + directive
                    + " is not supported (use %Y %y %m %d %H %M %S %f %j %b)");
        }
    }

    private static void quote(StringBuilder literal, StringBuilder pattern) {
        if (literal.length() > 0) {
            pattern.append('\'').append(literal.toString().replace("'", "''")).append('\'');
            literal.setLength(0);
        }
    }
}
