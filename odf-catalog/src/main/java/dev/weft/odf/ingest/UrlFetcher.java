package dev.weft.odf.ingest;

import dev.weft.odf.error.ErrorCode;
import dev.weft.odf.error.WeftException;
import dev.weft.odf.model.FetchStep;
import dev.weft.odf.model.RequestHeader;
import dev.weft.odf.model.SourceCaching;
import dev.weft.odf.model.SourceState;
import dev.weft.odf.store.DatasetName;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Fetches the resource of a {@code Url} source when it changed since the last fetch: {@code file:} URLs compare the
 * file's modification time, {@code http:}/{@code https:} URLs revalidate with {@code If-None-Match} (ETag) or
 * {@code If-Modified-Since}, recording the validator as source state ({@code odf/etag}, or {@code odf/last-modified}
 * as an RFC 3339 time).
 * Downloads stream to a file. With {@code cache: Forever} a resource fetched once is never fetched again.
 */
final class UrlFetcher {
    static final String ETAG = "odf/etag";
    static final String LAST_MODIFIED = "odf/last-modified";
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private UrlFetcher() {}

    /** The changed resource, or null when it is unchanged. */
    static PollingIngester.Fetched fetch(DatasetName name, FetchStep.Url url, SourceState last, Path work) {
        if (url.cache() instanceof SourceCaching.Forever && last != null) {
            return null;
        }
        final URI uri;
        try {
            uri = URI.create(url.url());
        } catch (IllegalArgumentException e) {
            throw new WeftException(ErrorCode.INVALID_MANIFEST, "Cannot pull '" + name + "': invalid URL '" + url.url()
                    + "'", e);
        }
        final String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        switch (scheme) {
            case "file":
                return fetchFile(url, Path.of(uri), last);
            case "http":
            case "https":
                return fetchHttp(name, url, uri, last, work);
            default:
                throw new WeftException(ErrorCode.UNSUPPORTED, "Cannot pull '" + name + "': URL scheme '" + scheme
                        + "' is not supported (use file, http or https)");
        }
    }

    private static PollingIngester.Fetched fetchFile(FetchStep.Url url, Path file, SourceState last) {
        final Instant modified;
        try {
            modified = Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            throw new WeftException(ErrorCode.NOT_FOUND, "Cannot read " + url.url() + ": " + e.getMessage(), e);
        }
        final String value = modified.toString();
        if (last != null && LAST_MODIFIED.equals(last.kind()) && value.equals(last.value())) {
            return null;
        }
        return new PollingIngester.Fetched(file, PollingIngester.eventTimeOf(url.eventTime(), file.getFileName().toString(),
                modified), new SourceState(PollingIngester.SOURCE_NAME, LAST_MODIFIED, value));
    }

    private static PollingIngester.Fetched fetchHttp(DatasetName name, FetchStep.Url url, URI uri, SourceState last,
            Path work) {
        final HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET();
        if (url.headers() != null) {
            for (RequestHeader header : url.headers()) {
                request.header(header.name(), header.value());
            }
        }
        if (last != null && ETAG.equals(last.kind())) {
            request.header("If-None-Match", last.value());
        } else if (last != null && LAST_MODIFIED.equals(last.kind())) {
            final Instant since = lastModified(last.value());
            if (since != null) {
                request.header("If-Modified-Since",
                        DateTimeFormatter.RFC_1123_DATE_TIME.format(since.atZone(ZoneOffset.UTC)));
            }
        }
        final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        final Path body;
        final HttpResponse<Path> response;
        try {
            Files.createDirectories(work);
            body = Files.createTempFile(work, "download", ".tmp");
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofFile(body));
        } catch (IOException e) {
            throw new WeftException(ErrorCode.IO, "Cannot fetch " + url.url() + " for '" + name + "': " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WeftException(ErrorCode.IO, "Interrupted while fetching " + url.url(), e);
        }
        if (response.statusCode() == 304) {
            deleteQuietly(body);
            return null;
        }
        if (response.statusCode() / 100 != 2) {
            deleteQuietly(body);
            throw new WeftException(ErrorCode.IO, "Cannot fetch " + url.url() + " for '" + name + "': HTTP "
                    + response.statusCode());
        }
        final Optional<String> etag = response.headers().firstValue("ETag");
        final Instant modified = response.headers().firstValue("Last-Modified").map(UrlFetcher::httpDate)
                .orElse(null);
        // The state is the validator to revalidate with: the ETag, else the Last-Modified time in RFC 3339 (as the
        // spec and kamu record it). A resource with neither is recorded as fetched now, so that `cache: Forever`
        // takes it once.
        final SourceState state = etag.map(v -> new SourceState(PollingIngester.SOURCE_NAME, ETAG, v))
                .orElseGet(() -> new SourceState(PollingIngester.SOURCE_NAME, LAST_MODIFIED,
                        (modified != null ? modified : Instant.now()).toString()));
        final String fileName = uri.getPath() == null ? "" : uri.getPath().substring(uri.getPath().lastIndexOf('/') + 1);
        return new PollingIngester.Fetched(body, PollingIngester.eventTimeOf(url.eventTime(), fileName, modified), state);
    }

    /** A recorded {@code odf/last-modified}: RFC 3339, or the HTTP date that Weft recorded before 0.1. */
    private static Instant lastModified(String value) {
        try {
            return Instant.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            return httpDate(value);
        }
    }

    private static Instant httpDate(String text) {
        try {
            return ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).withZoneSameInstant(ZoneOffset.UTC)
                    .toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // The download is abandoned either way; the staging directory is cleaned when the dataset is opened.
        }
    }
}
