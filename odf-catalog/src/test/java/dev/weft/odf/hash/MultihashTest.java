package dev.weft.odf.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class MultihashTest {
    @ParameterizedTest
    @CsvSource({
        "prev, f16209eb949bd8ff0bb1d827f11809aebc6bd0d5955c7f368469a913c70d196620272",
        "a, f162080084bf2fba02475726feb2cab2d8215eab14bc6bdd8bfb2c8151257032ecd8b",
        "b, f1620b039179a8a4ce2c252aa6f2f25798251c19b75fc1508d9d511a191e0487d64a7",
        "checkpoint, f1620894b355f91b194f31c1116dcec200b68d5cfd90a3df19032829fa643bc711fcb",
        "foo, f162076d3bc41c9f588f7fcd0d5bf4718f8f84b1c41b20882703100b9eb9413807c01",
        "bar, f1620cceefd7e0545bcf8b6d19f3b5750c8a3ee8350418877bc6fb12e32de28137355",
        "logical, f16208aa0c7713491425f3815c269391bd101995919065e784e66e01433d47cfc6a61",
        "physical, f16201970ee21101d110c448f2b72aec873f9be2b4e5403a5fdf88e18ca4430d8b1cb",
        "multihash, f162008c3792b2a4deed1bd7ea2328fb5de5531eccf0fbfa04a7d800cdc267137c635",
    })
    void sha3MatchesTestVectors(String input, String expected) {
        final Multihash hash = Multihash.sha3(input.getBytes(StandardCharsets.US_ASCII));
        assertThat(hash.toMultibase()).isEqualTo(expected);
        assertThat(Multihash.parse(expected)).isEqualTo(hash);
    }

    @Test
    void otherEncodingsOfTheSameHash() {
        final Multihash hash = Multihash.sha3("multihash".getBytes(StandardCharsets.US_ASCII));
        assertThat(hash.toBase58()).isEqualTo("zW1a3CNT52HXiJNniLkWMeev3CPRy9QiNRMWGyTrVNg4hY8");
        assertThat(hash.toShortString()).isEqualTo("7137c635");
        assertThat(Multihash.parse(hash.toMultibase().toUpperCase().replaceFirst("^F", "F"))).isEqualTo(hash);
        assertThat(Multihash.parse("zW1a3CNT52HXiJNniLkWMeev3CPRy9QiNRMWGyTrVNg4hY8")).isEqualTo(hash);
    }

    @Test
    void sha2RoundTripsBetweenBase16AndBase58() {
        final Multihash hash = Multihash.parse("f12209cbc07c3f991725836a3aa2a581ca2029198aa420b9d99bc0e131d9f3e2cbe47");
        assertThat(hash.code()).isEqualTo(Multihash.SHA2_256);
        assertThat(hash.toBase58()).isEqualTo("zQmYtUc4iTCbbfVSDNKvtQqrfyezPPnFvE33wFmutw9PBBk");
        assertThat(Multihash.parse("zQmYtUc4iTCbbfVSDNKvtQqrfyezPPnFvE33wFmutw9PBBk")).isEqualTo(hash);
    }

    @Test
    void logicalHashCodeIsAMultiByteVarint() {
        final Multihash logical = Multihash.of(Multihash.ARROW0_SHA3_256, new byte[32]);
        assertThat(logical.toMultibase()).startsWith("f9680c00120");
        assertThat(Multihash.parse(logical.toMultibase())).isEqualTo(logical);
    }

    @Test
    void rejectsMalformedText() {
        assertThatThrownBy(() -> Multihash.parse("x1620")).hasMessageContaining("unsupported multibase prefix");
        assertThatThrownBy(() -> Multihash.parse("f1620ab")).hasMessageContaining("declares a 32-byte digest");
        assertThatThrownBy(() -> Multihash.parse("f16zz")).hasMessageContaining("invalid base16");
    }
}
