package dev.weft.odf.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.odf.codec.ModelArbitraries;
import dev.weft.odf.model.MetadataBlock;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Round-trip properties of {@link BlockYamlWriter} and {@link BlockYamlReader} over generated blocks of every kind. */
class BlockYamlPropertiesTest {
    @Provide
    Arbitrary<MetadataBlock> blocks() {
        return ModelArbitraries.blocks();
    }

    @Property(tries = 1500)
    void writeThenReadGivesTheSameBlock(@ForAll("blocks") MetadataBlock block) {
        assertThat(BlockYamlReader.read(BlockYamlWriter.write(block), "generated.yaml")).isEqualTo(block);
    }

    @Property(tries = 500)
    void writeReadWriteGivesTheSameText(@ForAll("blocks") MetadataBlock block) {
        final String yaml = BlockYamlWriter.write(block);

        assertThat(BlockYamlWriter.write(BlockYamlReader.read(yaml, "generated.yaml"))).isEqualTo(yaml);
    }
}
