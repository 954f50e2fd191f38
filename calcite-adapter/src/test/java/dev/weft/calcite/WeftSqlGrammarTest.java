package dev.weft.calcite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.temporal.TemporalFunctions;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlSnapshot;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.junit.jupiter.api.Test;

/** Weft's generated parser: the temporal clauses, PostgreSQL's reserved words only, and {@code ::} casts. */
class WeftSqlGrammarTest {
    @Test
    void eventTimeAndSystemTimeClausesNestInEitherOrder() throws SqlParseException {
        for (String clauses : new String[] {
            "FOR SYSTEM_TIME AS OF 'f1620ab' FOR EVENT_TIME AS OF TIMESTAMP '2026-01-01 00:00:00'",
            "FOR EVENT_TIME AS OF TIMESTAMP '2026-01-01 00:00:00' FOR SYSTEM_TIME AS OF 'f1620ab'"}) {
            final SqlNode from = from("SELECT * FROM prices " + clauses + " AS p");
            assertThat(from.getKind()).as(clauses).isEqualTo(SqlKind.AS);
            final SqlSnapshot eventTime = (SqlSnapshot) ((SqlBasicCall) from).operand(0);
            assertThat(((SqlBasicCall) eventTime.getPeriod()).getOperator()).isEqualTo(TemporalFunctions.EVENT_TIME);
            final SqlSnapshot systemTime = (SqlSnapshot) eventTime.getTableRef();
            assertThat(systemTime.getPeriod().toString()).isEqualTo("'f1620ab'");
            assertThat(systemTime.getTableRef()).isInstanceOf(SqlIdentifier.class);
        }
        final SqlSnapshot alone = (SqlSnapshot) from("SELECT * FROM prices FOR EVENT_TIME AS OF ?");
        assertThat(((SqlBasicCall) alone.getPeriod()).getOperator()).isEqualTo(TemporalFunctions.EVENT_TIME);
    }

    @Test
    void aClauseTwiceIsASyntaxError() {
        assertThatThrownBy(() -> parse("SELECT * FROM t FOR SYSTEM_TIME AS OF 'a' FOR SYSTEM_TIME AS OF 'b'"))
                .isInstanceOf(SqlParseException.class);
        assertThatThrownBy(() -> parse("SELECT * FROM t FOR EVENT_TIME AS OF ? FOR EVENT_TIME AS OF ?"))
                .isInstanceOf(SqlParseException.class).hasMessageContaining("SYSTEM_TIME");
    }

    @Test
    void keywordsPostgresqlDoesNotReserveNameColumnsAndAliases() throws SqlParseException {
        final SqlSelect select = (SqlSelect) parse("SELECT event_time, system_time, value, year, count, result, "
                + "position, 1 AS value FROM t AS event_time WHERE event_time < system_time");
        assertThat(select.getSelectList()).hasSize(8);
        assertThatThrownBy(() -> parse("SELECT 1 AS select")).isInstanceOf(SqlParseException.class);
    }

    @Test
    void doubleColonCasts() throws SqlParseException {
        final SqlSelect select = (SqlSelect) parse("SELECT '42'::INT + 1, x::VARCHAR FROM t");
        assertThat(((SqlBasicCall) select.getSelectList().get(1)).getOperator())
                .isEqualTo(SqlLibraryOperators.INFIX_CAST);
    }

    private static SqlNode from(String sql) throws SqlParseException {
        return ((SqlSelect) parse(sql)).getFrom();
    }

    private static SqlNode parse(String sql) throws SqlParseException {
        return SqlParser.create(sql, WeftSql.PARSER).parseStmt();
    }
}
