package dev.weft.odf.hash;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.bouncycastle.crypto.digests.SHA3Digest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Sha3Test {
    /** FIPS 202 example values: the empty message, "abc", and 200 bytes of 0xa3 (longer than one 136-byte block). */
    @ParameterizedTest
    @CsvSource({
        "'', 0, a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a",
        "616263, 1, 3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532",
        "a3, 200, 79f38adec5c20307a98ef76e8324afbfd46cfd81b22e3973c65fa1bd9de31787",
    })
    void digestsMatchTheStandardsExamples(String unitHex, int repeat, String expected) {
        final byte[] message = HexFormat.of().parseHex(unitHex.repeat(repeat));
        final Sha3 sha3 = new Sha3();
        sha3.update(message, 0, message.length);
        assertThat(HexFormat.of().formatHex(sha3.digest())).isEqualTo(expected);
    }

    @Property(tries = 300)
    void agreesWithBouncyCastleHoweverTheInputIsSplit(@ForAll @Size(max = 700) byte[] message,
            @ForAll @Size(max = 8) List<@IntRange(min = 0, max = 300) Integer> cuts, @ForAll boolean byteByByteFirst) {
        final SHA3Digest reference = new SHA3Digest(256);
        reference.update(message, 0, message.length);
        final byte[] expected = new byte[Sha3.DIGEST_BYTES];
        reference.doFinal(expected, 0);

        final Sha3 sha3 = new Sha3();
        int at = 0;
        if (byteByByteFirst && message.length > 0) {
            sha3.update(message[at++]);
        }
        for (int cut : cuts) {
            final int length = Math.min(cut, message.length - at);
            sha3.update(message, at, length);
            at += length;
        }
        sha3.update(message, at, message.length - at);
        assertThat(sha3.digest()).isEqualTo(expected);
        sha3.update(message, 0, message.length);
        assertThat(sha3.digest()).as("reused after a digest").isEqualTo(expected);
    }
}
