package dev.weft.odf.ingest.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.odf.error.ErrorCode;
import dev.weft.odf.error.WeftException;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class CsvTokenizerTest {
    @Test
    void splitsPlainRecordsWithLineNumbersAndColumns() throws IOException {
        try (CsvTokenizer csv = tokenizer("a,bb,c\n1,22,333\n", CsvOptions.DEFAULTS)) {
            CsvRecord record = csv.next();
            assertThat(texts(record)).containsExactly("a", "bb", "c");
            assertThat(record.line()).isEqualTo(1);
            record = csv.next();
            assertThat(texts(record)).containsExactly("1", "22", "333");
            assertThat(record.line()).isEqualTo(2);
            assertThat(record.column(2)).isEqualTo(6);
            assertThat(csv.next()).isNull();
        }
    }

    @Test
    void quotedFieldsKeepSeparatorsNewlinesAndEscapedQuotes() throws IOException {
        final String text = "\"x,y\",\"line1\nline2\",\"say \"\"hi\"\"\",\"back \\\"slash\\\\\"\nnext,row,,\"\"\n";
        try (CsvTokenizer csv = tokenizer(text, CsvOptions.DEFAULTS)) {
            final CsvRecord first = csv.next();
            assertThat(texts(first)).containsExactly("x,y", "line1\nline2", "say \"hi\"", "back \"slash\\");
            final CsvRecord second = csv.next();
            assertThat(second.line()).isEqualTo(3);
            assertThat(texts(second)).containsExactly("next", "row", null, "");
        }
    }

    @Test
    void acceptsCrlfAndCrLineEndsAndSkipsBlankLines() throws IOException {
        try (CsvTokenizer csv = tokenizer("a,b\r\n\r\nc,d\re,f", CsvOptions.DEFAULTS)) {
            assertThat(texts(csv.next())).containsExactly("a", "b");
            final CsvRecord second = csv.next();
            assertThat(texts(second)).containsExactly("c", "d");
            assertThat(second.line()).isEqualTo(3);
            assertThat(texts(csv.next())).containsExactly("e", "f");
            assertThat(csv.next()).isNull();
        }
    }

    @Test
    void customSeparatorNullValueAndDisabledQuoting() throws IOException {
        final CsvOptions options = CsvOptions.of(";", "", null, true, "NA", null);
        try (CsvTokenizer csv = tokenizer("\"a\";NA;\n", options)) {
            assertThat(texts(csv.next())).containsExactly("\"a\"", null, "");
        }
    }

    @Test
    void unterminatedQuoteNamesSourceLineAndColumn() {
        assertThatThrownBy(() -> readAll("a,b\n1,\"open\n2,3\n", CsvOptions.DEFAULTS))
                .isInstanceOf(WeftException.class)
                .hasMessage("orders.csv:2:3: unterminated quoted field")
                .satisfies(e -> assertThat(((WeftException) e).code()).isEqualTo(ErrorCode.INVALID_DATA));
    }

    @Test
    void textAfterClosingQuoteIsAnError() {
        assertThatThrownBy(() -> readAll("a,\"b\"c,d\n", CsvOptions.DEFAULTS))
                .hasMessage("orders.csv:1:6: unexpected character 'c' after closing quote "
                        + "(expected separator or end of line)");
    }

    @Test
    void bytesThatAreNotUtf8AreRefusedWithTheirLineAndColumn() {
        final byte[] bad = bytes("city,name\n", "Montr", new byte[] {(byte) 0xE9}, "al,x\n");
        assertThatThrownBy(() -> readAll(bad))
                .isInstanceOf(WeftException.class)
                .hasMessage("orders.csv:2:6: byte 0xE9 is not valid UTF-8")
                .satisfies(e -> assertThat(((WeftException) e).code()).isEqualTo(ErrorCode.INVALID_DATA));
        final byte[] truncated = bytes("a,b\r\n\"x\ny\",caf", new byte[] {(byte) 0xC3});
        assertThatThrownBy(() -> readAll(truncated)).hasMessage("orders.csv:3:7: byte 0xC3 is not valid UTF-8");
        final byte[] surrogate = bytes("a,", new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, "\n");
        assertThatThrownBy(() -> readAll(surrogate)).hasMessageStartingWith("orders.csv:1:3: byte");
    }

    @Property(tries = 100)
    void utf8SplitAcrossReadsDecodesAsAWhole(@ForAll @IntRange(min = 1, max = 7) int chunk) throws IOException {
        final String text = "n,ville\n1,Montréal\n2,Zürich €\n3,日本 😀\n";
        final byte[] utf8 = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        final java.io.InputStream in = new java.io.ByteArrayInputStream(utf8) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, chunk));
            }
        };
        try (CsvTokenizer csv = new CsvTokenizer(in, "t.csv", CsvOptions.DEFAULTS)) {
            final List<List<String>> back = new ArrayList<>();
            for (CsvRecord r = csv.next(); r != null; r = csv.next()) {
                back.add(texts(r));
            }
            assertThat(back).containsExactly(List.of("n", "ville"), List.of("1", "Montréal"),
                    List.of("2", "Zürich €"), List.of("3", "日本 😀"));
        }
    }

    @Test
    void recordsLongerThanTheBufferGrowIt() throws IOException {
        final String big = "x".repeat(200_000);
        final List<List<String>> records = readAll("a," + big + "\nb,c\n", CsvOptions.DEFAULTS);
        assertThat(records).hasSize(2);
        assertThat(records.get(0).get(1)).hasSize(200_000);
        assertThat(records.get(1)).containsExactly("b", "c");
    }

    @Property(tries = 300)
    void anyChunkingOfRenderedRecordsGivesTheRecordsBack(
            @ForAll("records") List<List<String>> records, @ForAll @IntRange(min = 1, max = 7) int chunk)
            throws IOException {
        final StringBuilder text = new StringBuilder();
        for (List<String> record : records) {
            for (int i = 0; i < record.size(); i++) {
                if (i > 0) {
                    text.append(',');
                }
                text.append('"').append(record.get(i).replace("\\", "\\\\").replace("\"", "\"\"")).append('"');
            }
            text.append(chunk % 2 == 0 ? "\r\n" : "\n");
        }
        try (CsvTokenizer csv = new CsvTokenizer(new ChunkedReader(text.toString(), chunk), "t.csv",
                CsvOptions.DEFAULTS)) {
            final List<List<String>> back = new ArrayList<>();
            for (CsvRecord r = csv.next(); r != null; r = csv.next()) {
                back.add(texts(r));
            }
            assertThat(back).isEqualTo(records);
        }
    }

    @Provide
    Arbitrary<List<List<String>>> records() {
        final Arbitrary<String> field = Arbitraries.strings().withChars("ab,\"\\\n\r é").ofMaxLength(6);
        return field.list().ofMinSize(1).ofMaxSize(4).list().ofMaxSize(8);
    }

    private static List<List<String>> readAll(String text, CsvOptions options) throws IOException {
        try (CsvTokenizer csv = tokenizer(text, options)) {
            final List<List<String>> out = new ArrayList<>();
            for (CsvRecord r = csv.next(); r != null; r = csv.next()) {
                out.add(texts(r));
            }
            return out;
        }
    }

    private static List<List<String>> readAll(byte[] bytes) throws IOException {
        try (CsvTokenizer csv = new CsvTokenizer(new java.io.ByteArrayInputStream(bytes), "orders.csv",
                CsvOptions.DEFAULTS)) {
            final List<List<String>> out = new ArrayList<>();
            for (CsvRecord r = csv.next(); r != null; r = csv.next()) {
                out.add(texts(r));
            }
            return out;
        }
    }

    /** Strings as UTF-8 and raw byte arrays, concatenated. */
    private static byte[] bytes(Object... parts) {
        final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (Object part : parts) {
            out.writeBytes(part instanceof byte[] raw ? raw
                    : part.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private static CsvTokenizer tokenizer(String text, CsvOptions options) {
        return new CsvTokenizer(new StringReader(text), "orders.csv", options);
    }

    private static List<String> texts(CsvRecord record) {
        final String[] out = new String[record.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = record.text(i);
        }
        return Arrays.asList(out);
    }

    /** Hands out text a few characters at a time, to exercise every buffer boundary. */
    private static final class ChunkedReader extends Reader {
        private final String text;
        private final int chunk;
        private int pos;

        ChunkedReader(String text, int chunk) {
            this.text = text;
            this.chunk = chunk;
        }

        @Override
        public int read(char[] cbuf, int off, int len) {
            if (pos >= text.length()) {
                return -1;
            }
            final int n = Math.min(Math.min(len, chunk), text.length() - pos);
            text.getChars(pos, pos + n, cbuf, off);
            pos += n;
            return n;
        }

        @Override
        public void close() {}
    }
}
