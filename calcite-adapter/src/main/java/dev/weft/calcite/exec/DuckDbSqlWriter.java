package dev.weft.calcite.exec;

import dev.weft.calcite.schema.OdfTable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.rel2sql.RelToSqlConverter;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Unparses a plan in DuckDB's dialect, writing scans of dataset tables as references to common table expressions
 * that {@link DuckDbSql} defines. Public because Calcite dispatches {@code visit} methods by reflection.
 */
public final class DuckDbSqlWriter extends RelToSqlConverter {
    private static final String TABLE_PREFIX = "__weft_t";

    private final Map<OdfTable, String> tables = new LinkedHashMap<>();

    DuckDbSqlWriter() {
        super(EngineDialect.INSTANCE);
    }

    /** The dataset tables met so far and the names their expressions get, in order of first use. */
    Map<OdfTable, String> tables() {
        return tables;
    }

    @Override
    public Result visit(TableScan scan) {
        final OdfTable table = scan.getTable().unwrap(OdfTable.class);
        if (table == null) {
            throw new IllegalStateException("Not a dataset table: " + scan.getTable().getQualifiedName());
        }
        final String name = tables.computeIfAbsent(table, t -> TABLE_PREFIX + tables.size());
        return result(new SqlIdentifier(name, SqlParserPos.ZERO), List.of(Clause.FROM), scan, null);
    }
}
