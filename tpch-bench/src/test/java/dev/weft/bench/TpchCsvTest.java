package dev.weft.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.trino.tpch.TpchTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TpchCsvTest {
    @TempDir
    Path dir;

    @Test
    void lineitemAtScaleOneHundredthHasTheOfficialRowCountAndTypedColumns() throws IOException {
        final Path file = dir.resolve("lineitem.csv");
        assertThat(TpchCsv.write(TpchTable.LINE_ITEM, 0.01, file)).isEqualTo(60_175);
        final List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(60_176);
        assertThat(lines.get(0)).startsWith("orderkey,partkey,suppkey,linenumber,quantity,extendedprice,discount,tax,");
        assertThat(lines.get(1)).matches("1,\\d+,\\d+,1,\\d+\\.\\d\\d,\\d+\\.\\d\\d,0\\.\\d\\d,0\\.\\d\\d,[A-Z],[A-Z],"
                + "\\d{4}-\\d\\d-\\d\\d,\\d{4}-\\d\\d-\\d\\d,\\d{4}-\\d\\d-\\d\\d,[^,]+,[^,]+,.*");
        assertThat(TpchCsv.ddlSchema(TpchTable.LINE_ITEM)).startsWith("orderkey BIGINT", "partkey BIGINT")
                .contains("quantity DECIMAL(15,2)", "shipdate DATE", "linenumber INT", "comment STRING");
    }
}
