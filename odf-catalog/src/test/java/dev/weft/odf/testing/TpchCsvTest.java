package dev.weft.odf.testing;

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
        assertThat(lines.get(0)).startsWith("l_orderkey,l_partkey,l_suppkey,l_linenumber,l_quantity,l_extendedprice,l_discount,l_tax,");
        assertThat(lines.get(1)).matches("1,\\d+,\\d+,1,\\d+\\.\\d\\d,\\d+\\.\\d\\d,0\\.\\d\\d,0\\.\\d\\d,[A-Z],[A-Z],"
                + "\\d{4}-\\d\\d-\\d\\d,\\d{4}-\\d\\d-\\d\\d,\\d{4}-\\d\\d-\\d\\d,[^,]+,[^,]+,.*");
        assertThat(TpchCsv.ddlSchema(TpchTable.LINE_ITEM)).startsWith("l_orderkey BIGINT", "l_partkey BIGINT")
                .contains("l_quantity DECIMAL(15,2)", "l_shipdate DATE", "l_linenumber INT", "l_comment STRING");
    }
}
