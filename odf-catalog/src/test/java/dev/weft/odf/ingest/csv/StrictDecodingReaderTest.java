package dev.weft.odf.ingest.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StrictDecodingReaderTest {
    @Test
    void oneCharReadsHandOutBothHalvesOfASupplementaryCharacter() throws IOException {
        final String text = "a😀b€";
        final StringBuilder back = new StringBuilder();
        try (StrictDecodingReader reader = reader(text.getBytes(StandardCharsets.UTF_8))) {
            final char[] one = new char[1];
            for (int n = reader.read(one, 0, 1); n >= 0; n = reader.read(one, 0, 1)) {
                assertThat(n).isEqualTo(1);
                back.append(one[0]);
            }
        }
        assertThat(back.toString()).isEqualTo(text);
    }

    @Test
    void charactersBeforeABadByteAreReturnedThenTheReadFails() throws IOException {
        try (StrictDecodingReader reader = reader(new byte[] {'o', 'k', (byte) 0xFF, 'x'})) {
            final char[] buffer = new char[16];
            assertThat(reader.read(buffer, 0, 16)).isEqualTo(2);
            assertThat(new String(buffer, 0, 2)).isEqualTo("ok");
            assertThatThrownBy(() -> reader.read(buffer, 0, 16))
                    .isInstanceOf(UndecodableInputException.class)
                    .hasMessage("byte 0xFF is not valid UTF-8");
            assertThatThrownBy(() -> reader.read(buffer, 0, 16)).isInstanceOf(UndecodableInputException.class);
        }
    }

    @Test
    void aSequenceCutOffByTheEndOfInputIsRefused() throws IOException {
        try (StrictDecodingReader reader = reader(new byte[] {'a', (byte) 0xE2, (byte) 0x82})) {
            final char[] buffer = new char[16];
            assertThat(reader.read(buffer, 0, 16)).isEqualTo(1);
            assertThatThrownBy(() -> reader.read(buffer, 0, 16))
                    .hasMessage("bytes 0xE2 0x82 are not valid UTF-8");
        }
    }

    private static StrictDecodingReader reader(byte[] bytes) {
        return new StrictDecodingReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8);
    }
}
