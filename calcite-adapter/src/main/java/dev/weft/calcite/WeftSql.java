package dev.weft.calcite;

import dev.weft.calcite.parser.WeftSqlParserImpl;
import dev.weft.calcite.postgres.PostgresFunctions;
import java.util.Properties;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.config.CalciteConnectionConfigImpl;
import org.apache.calcite.config.CalciteConnectionProperty;
import org.apache.calcite.config.NullCollation;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.fun.SqlLibrary;
import org.apache.calcite.sql.fun.SqlLibraryOperatorTableFactory;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.apache.calcite.sql.validate.SqlValidator;

/**
 * Weft's SQL dialect, as DESIGN.md §3 fixes it: PostgreSQL/DuckDB lexical rules (unquoted identifiers fold to lower
 * case and match case-insensitively, double quotes keep case and allow dots), Weft's parser (Calcite's grammar with
 * only PostgreSQL's reserved words reserved, {@code ::} casts and the temporal clauses) with Babel's lenient
 * conformance (so {@code AS value} and {@code GROUP BY} an output alias work as users paste them), PostgreSQL's
 * functions on top of the standard ones, and NULLs sorting as the highest values.
 */
public final class WeftSql {
    private WeftSql() {}

    public static final SqlParser.Config PARSER = SqlParser.config()
            .withParserFactory(WeftSqlParserImpl.FACTORY)
            .withConformance(WeftConformance.INSTANCE)
            .withQuoting(Quoting.DOUBLE_QUOTE)
            .withUnquotedCasing(Casing.TO_LOWER)
            .withQuotedCasing(Casing.UNCHANGED)
            .withCaseSensitive(false);

    public static final SqlValidator.Config VALIDATOR = SqlValidator.Config.DEFAULT
            .withConformance(WeftConformance.INSTANCE)
            .withIdentifierExpansion(true)
            .withDefaultNullCollation(NullCollation.HIGH);

    public static final SqlOperatorTable OPERATORS = PostgresFunctions.over(SqlLibraryOperatorTableFactory.INSTANCE
            .getOperatorTable(SqlLibrary.STANDARD, SqlLibrary.POSTGRESQL));

    /** The connection settings the catalog reader needs to resolve names the same way the parser folds them. */
    public static final CalciteConnectionConfig CONNECTION = connectionConfig();

    private static CalciteConnectionConfig connectionConfig() {
        final Properties properties = new Properties();
        properties.setProperty(CalciteConnectionProperty.CASE_SENSITIVE.camelName(), "false");
        properties.setProperty(CalciteConnectionProperty.UNQUOTED_CASING.camelName(), Casing.TO_LOWER.name());
        properties.setProperty(CalciteConnectionProperty.QUOTED_CASING.camelName(), Casing.UNCHANGED.name());
        properties.setProperty(CalciteConnectionProperty.QUOTING.camelName(), Quoting.DOUBLE_QUOTE.name());
        properties.setProperty(CalciteConnectionProperty.CONFORMANCE.camelName(), SqlConformanceEnum.BABEL.name());
        return new CalciteConnectionConfigImpl(properties);
    }
}
