package dev.weft.odf.chain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.odf.hash.Multihash;
import dev.weft.odf.model.DatasetKind;
import dev.weft.odf.model.MetadataBlock;
import dev.weft.odf.model.Seed;
import dev.weft.odf.store.CreatedDataset;
import dev.weft.odf.store.DatasetName;
import dev.weft.odf.store.Workspace;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceChainTest {
    @TempDir
    Path dir;

    @Test
    void seedOfANewDatasetCarriesTheIdWhoseKeyTheWorkspaceKeeps() {
        final Multihash head;
        try (Workspace workspace = Workspace.init(dir)) {
            final CreatedDataset created = workspace.createDataset(DatasetName.of("com.example.prices"));
            final StoreMetadataChain chain = new StoreMetadataChain(created.store());
            head = chain.append(new MetadataBlock(Instant.parse("2026-01-01T00:00:00Z"), null, 0,
                    new Seed(created.keyPair().id(), DatasetKind.ROOT)));
        }
        try (Workspace reopened = Workspace.discover(dir)) {
            final StoreMetadataChain chain =
                    new StoreMetadataChain(reopened.dataset(DatasetName.of("COM.example.prices")));
            assertThat(chain.head()).contains(head);
            final Seed seed = (Seed) chain.block(head).event();
            assertThat(reopened.loadKey(seed.datasetId()).id()).isEqualTo(seed.datasetId());
            assertThat(new ChainValidator(chain.store()).validate().isValid()).isTrue();
        }
    }
}
