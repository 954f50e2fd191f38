package dev.weft.odf.yaml;

import dev.weft.odf.hash.Multihash;
import dev.weft.odf.model.MetadataBlock;

/** Reads the YAML form of a metadata block that {@link BlockYamlWriter} produces. Thread-safe (stateless). */
public final class BlockYamlReader {
    private BlockYamlReader() {}

    /**
     * Parses one block document.
     *
     * @throws ManifestException naming the line and field for malformed input or an unsupported version
     */
    public static MetadataBlock read(String yaml, String sourceName) {
        final YamlMap document = YamlValue.parse(yaml, sourceName).map();
        final YamlValue kind = document.require("kind");
        if (!kind.string().equals("MetadataBlock")) {
            throw kind.error("expected kind MetadataBlock, found '" + kind.string() + "'");
        }
        final YamlValue version = document.require("version");
        if (version.longValue() < 2 || version.longValue() > 3) {
            throw version.error("unsupported MetadataBlock version " + version.longValue() + " (supported: 2 to 3)");
        }
        final YamlMap content = document.require("content").map();
        document.finish();
        final YamlValue prev = content.get("prevBlockHash");
        final Multihash prevBlockHash;
        try {
            prevBlockHash = prev == null ? null : Multihash.parse(prev.string());
        } catch (IllegalArgumentException e) {
            throw prev.error(e.getMessage());
        }
        final MetadataBlock block = new MetadataBlock(ModelReader.BLOCK.instant(content.require("systemTime")), prevBlockHash,
                content.require("sequenceNumber").u64(), ModelReader.BLOCK.event(content.require("event")));
        content.finish();
        return block;
    }
}
