package dev.weft.calcite.exec;

import dev.weft.calcite.ResultTypes;
import dev.weft.calcite.schema.OdfTable;
import dev.weft.odf.chain.SliceIndex;
import dev.weft.odf.dataset.DatasetView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.tools.RelBuilder;

/**
 * Renders a plan over dataset tables as one DuckDB statement. Each dataset becomes a common table expression over
 * exactly the slice files of its pinned head ({@code read_parquet([...])}), with its columns cast to the table's SQL
 * types; the plan itself is unparsed by Calcite's DuckDB dialect; and the outer select casts every result column to
 * the announced result type, so the Arrow batches DuckDB produces have exactly the announced schema.
 */
final class DuckDbSql {
    private DuckDbSql() {}

    /** The DuckDB SQL of {@code rel}, whose output columns are cast to the types of {@code resultType}. */
    static String render(RelNode rel, RelDataType resultType) {
        final List<String> columnNames = new ArrayList<>();
        for (int i = 0; i < resultType.getFieldCount(); i++) {
            columnNames.add("c" + i);
        }
        final RelBuilder builder = RelFactories.LOGICAL_BUILDER.create(rel.getCluster(), null);
        final RelNode renamed = builder.push(rel).project(builder.fields(), columnNames, true).build();

        final DuckDbSqlWriter writer = new DuckDbSqlWriter(renamed);
        final SqlNode query = writer.visitRoot(renamed).asStatement();
        final String body = query.toSqlString(EngineDialect.INSTANCE).getSql();

        final StringBuilder sql = new StringBuilder();
        final List<OdfTable> tables = new ArrayList<>(writer.tables().keySet());
        for (int i = 0; i < tables.size(); i++) {
            sql.append(i == 0 ? "WITH " : ",\n").append(quote(writer.tables().get(tables.get(i))))
                    .append(" AS NOT MATERIALIZED (").append(scanSelect(tables.get(i))).append(')');
        }
        for (Map.Entry<String, String> shared : writer.shared().entrySet()) {
            sql.append(sql.length() == 0 ? "WITH " : ",\n").append(quote(shared.getKey()))
                    .append(writer.materialized(shared.getKey()) ? " AS MATERIALIZED (" : " AS NOT MATERIALIZED (")
                    .append(shared.getValue()).append(')');
        }
        sql.append(sql.length() == 0 ? "" : "\n").append("SELECT ");
        final List<RelDataTypeField> fields = resultType.getFieldList();
        for (int i = 0; i < fields.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("CAST(").append(quote(columnNames.get(i))).append(" AS ")
                    .append(ResultTypes.engineType(fields.get(i).getType())).append(") AS ")
                    .append(quote(columnNames.get(i)));
        }
        return sql.append("\nFROM (").append(body).append(") AS \"__weft_q\"").toString();
    }

    /** The SELECT that reads one pinned dataset: every column of its row type, cast to its SQL type. */
    static String scanSelect(OdfTable table) {
        final DatasetView view = table.view();
        final RelDataType rowType = table.rowType();
        final StringBuilder select = new StringBuilder("SELECT ");
        final List<RelDataTypeField> fields = rowType.getFieldList();
        for (int i = 0; i < fields.size(); i++) {
            final String column = quote(fields.get(i).getName());
            select.append(i == 0 ? "" : ", ").append(typedColumn(column, fields.get(i).getType())).append(" AS ")
                    .append(column);
        }
        final List<SliceIndex.Slice> slices = table.slices();
        if (slices.isEmpty()) {
            // No data yet: the same columns, no rows. Casting NULLs keeps the types.
            select.setLength(0);
            select.append("SELECT ");
            for (int i = 0; i < fields.size(); i++) {
                select.append(i == 0 ? "" : ", ").append("CAST(NULL AS ")
                        .append(ResultTypes.engineType(fields.get(i).getType())).append(") AS ")
                        .append(quote(fields.get(i).getName()));
            }
            return select.append(" WHERE false").toString();
        }
        select.append(" FROM read_parquet([");
        for (int i = 0; i < slices.size(); i++) {
            select.append(i == 0 ? "" : ", ").append(literal(view.requireDataFile(slices.get(i)).toString()));
        }
        return select.append("], union_by_name = true)").toString();
    }

    /**
     * A slice column as its SQL type. Timestamps go through their microseconds since the epoch: Parquet timestamps
     * adjusted to UTC (ODF's system and event times among them) are DuckDB {@code TIMESTAMPTZ}, whose cast to
     * {@code TIMESTAMP} converts each value through a calendar in the session time zone, ten times slower than the
     * arithmetic that gives the same instant in UTC.
     */
    private static String typedColumn(String column, RelDataType type) {
        final String engineType = ResultTypes.engineType(type);
        if (type.getSqlTypeName() == SqlTypeName.TIMESTAMP) {
            return "CAST(make_timestamp(epoch_us(" + column + ")) AS " + engineType + ")";
        }
        return "CAST(" + column + " AS " + engineType + ")";
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    static String literal(String text) {
        return '\'' + text.replace("'", "''") + '\'';
    }
}
