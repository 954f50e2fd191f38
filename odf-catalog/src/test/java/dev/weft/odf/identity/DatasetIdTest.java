package dev.weft.odf.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DatasetIdTest {
    @Test
    void didOdfAndDidKeyFormsOfTheSameKey() {
        final DatasetId id = DatasetId.parse(
                "did:odf:fed012126262ba49e1ba8392c26f7a39e1ba8d756c7469786d3365200c68402ff65dc");
        assertThat(id.toDidKeyString()).isEqualTo("did:key:z6MkggfEoTnRceFGdwjUtm1JaWeHQVKUpttKZUY6KAMaWvqq");
        assertThat(DatasetId.parse("did:key:z6MkggfEoTnRceFGdwjUtm1JaWeHQVKUpttKZUY6KAMaWvqq")).isEqualTo(id);
    }

    @Test
    void base58AndBase16DidKeysDecodeAlike() {
        final DatasetId fromBase58 = DatasetId.parse("did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK");
        assertThat(fromBase58.toDidString())
                .isEqualTo("did:odf:fed012e6fcce36701dc791488e0d0b1745cc1e33a4c1c9fcc41c63bd343dbbe0970e6");
        assertThat(DatasetId.parse(
                        "did:key:fed012e6fcce36701dc791488e0d0b1745cc1e33a4c1c9fcc41c63bd343dbbe0970e6"))
                .isEqualTo(fromBase58);
    }

    @Test
    void binaryFormRoundTrips() {
        final DatasetId id = DatasetKeyPair.generate().id();
        assertThat(DatasetId.fromBytes(id.toBytes())).isEqualTo(id);
        assertThat(DatasetId.parse(id.toDidString())).isEqualTo(id);
        assertThat(id.toDidString()).startsWith("did:odf:fed01");
    }

    @Test
    void keyPairRestoresFromPrivateKeyAndSigns() {
        final DatasetKeyPair keys = DatasetKeyPair.generate();
        final DatasetKeyPair restored = DatasetKeyPair.fromPrivateKey(keys.privateKey());
        assertThat(restored.id()).isEqualTo(keys.id());
        final byte[] message = "seed".getBytes(StandardCharsets.UTF_8);
        assertThat(DatasetKeyPair.verify(keys.id(), message, restored.sign(message))).isTrue();
        assertThat(DatasetKeyPair.verify(DatasetKeyPair.generate().id(), message, keys.sign(message))).isFalse();
    }

    @Test
    void rejectsOtherMethodsAndCodecs() {
        assertThatThrownBy(() -> DatasetId.parse("did:web:example.com")).hasMessageContaining("expected did:odf:");
        assertThatThrownBy(() -> DatasetId.parse("did:odf:f1220aa")).hasMessageContaining("ed25519-pub");
    }
}
