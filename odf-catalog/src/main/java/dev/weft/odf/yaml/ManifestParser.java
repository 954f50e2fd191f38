package dev.weft.odf.yaml;

import dev.weft.odf.error.ErrorCode;
import dev.weft.odf.error.WeftException;
import dev.weft.odf.model.DatasetSnapshot;
import dev.weft.odf.model.MetadataEvent;
import dev.weft.odf.store.DatasetName;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses DatasetSnapshot manifests ({@code kind: DatasetSnapshot}, {@code version: 1}) as kamu and the ODF spec write
 * them. Any mistake, including an unknown field, fails with one {@link ManifestException} naming the file, line,
 * column and field path. Thread-safe (stateless).
 */
public final class ManifestParser {
    private static final int SUPPORTED_VERSION = 1;

    private ManifestParser() {}

    /**
     * Reads and parses a manifest file.
     *
     * @throws WeftException {@code INVALID_MANIFEST} for a bad manifest, {@code NOT_FOUND} or {@code IO} when the file
     *     cannot be read
     */
    public static DatasetSnapshot parse(Path file) {
        final String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (NoSuchFileException e) {
            throw new WeftException(ErrorCode.NOT_FOUND, "Manifest " + file + " does not exist");
        } catch (CharacterCodingException e) {
            throw new ManifestException(file + ": the file is not UTF-8 text", e);
        } catch (IOException e) {
            throw new WeftException(ErrorCode.IO, "Cannot read manifest " + file + ": " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    /**
     * Parses manifest text; {@code sourceName} is used in error messages. Union tags and enum values match without
     * regard to case (RFC 013), read-step schemas may be an ODF DataSchema, short type names or DDL strings, and absent
     * fields stay null; {@code docs/manifests.md} lists the accepted forms.
     *
     * @throws ManifestException for the first mistake, naming its line, column and field path
     */
    public static DatasetSnapshot parse(String yaml, String sourceName) {
        final YamlMap manifest = YamlValue.parse(yaml, sourceName).map();
        final YamlValue kind = manifest.require("kind");
        if (!kind.string().equals("DatasetSnapshot")) {
            throw kind.error("expected a manifest of kind DatasetSnapshot, found '" + kind.string() + "'");
        }
        final YamlValue version = manifest.require("version");
        if (version.longValue() != SUPPORTED_VERSION) {
            throw version.error("unsupported DatasetSnapshot version " + version.longValue() + " (supported: "
                    + SUPPORTED_VERSION + ")");
        }
        final YamlMap content = manifest.require("content").map();
        manifest.finish();

        final YamlValue name = content.require("name");
        if (!DatasetName.isValid(name.string())) {
            throw name.error("invalid dataset name '" + name.string()
                    + "': expected dot-separated parts of letters, digits and inner hyphens, like 'ca.bc.gov.covid'");
        }
        final var datasetKind = ModelReader.MANIFEST.datasetKind(content.require("kind"));
        final List<MetadataEvent> events = new ArrayList<>();
        for (YamlValue item : content.require("metadata").list()) {
            events.add(ModelReader.MANIFEST.event(item));
        }
        content.finish();
        return new DatasetSnapshot(name.string(), datasetKind, events);
    }
}
