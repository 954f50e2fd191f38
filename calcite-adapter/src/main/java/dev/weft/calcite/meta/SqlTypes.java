package dev.weft.calcite.meta;

import java.sql.Types;
import java.util.List;

/** The SQL types Weft supports, as type-info metadata lists them (ordered by JDBC type code, as JDBC requires). */
public final class SqlTypes {
    private SqlTypes() {}

    /**
     * @param literalQuote what literals of the type are wrapped in, or null
     * @param createParams the parameters a type declaration takes, comma-separated, or null
     */
    public record TypeRow(String name, int jdbcType, Integer columnSize, String literalQuote, String createParams,
            Short minScale, Short maxScale, Integer radix) {
        public List<String> createParamList() {
            return createParams == null ? List.of() : List.of(createParams.split(","));
        }
    }

    public static final List<TypeRow> ROWS = List.of(
            new TypeRow("TINYINT", Types.TINYINT, 3, null, null, (short) 0, (short) 0, 10),
            new TypeRow("BIGINT", Types.BIGINT, 19, null, null, (short) 0, (short) 0, 10),
            new TypeRow("VARBINARY", Types.VARBINARY, null, null, null, null, null, null),
            new TypeRow("DECIMAL", Types.DECIMAL, 38, null, "precision,scale", (short) 0, (short) 38, 10),
            new TypeRow("INTEGER", Types.INTEGER, 10, null, null, (short) 0, (short) 0, 10),
            new TypeRow("SMALLINT", Types.SMALLINT, 5, null, null, (short) 0, (short) 0, 10),
            new TypeRow("REAL", Types.REAL, 7, null, null, null, null, 2),
            new TypeRow("DOUBLE", Types.DOUBLE, 15, null, null, null, null, 2),
            new TypeRow("VARCHAR", Types.VARCHAR, null, "'", null, null, null, null),
            new TypeRow("BOOLEAN", Types.BOOLEAN, 1, null, null, null, null, null),
            new TypeRow("DATE", Types.DATE, 10, "'", null, null, null, null),
            new TypeRow("TIME", Types.TIME, 15, "'", null, (short) 0, (short) 6, null),
            new TypeRow("TIMESTAMP", Types.TIMESTAMP, 26, "'", "precision", (short) 0, (short) 6, null));
}
