<#--
  Weft's productions, added to Calcite's grammar. TemporalClauses replaces Calcite's Snapshot production after a
  table reference (the build patches that one call in Parser.jj); InfixCast is PostgreSQL's `::` operator; the
  tokens below let Calcite's grammar parse PostgreSQL's regular-expression operators (~, ~*, !~, !~*).
-->

<DEFAULT, DQID, BTID> TOKEN :
{
    < NEGATE: "!" >
|   < TILDE: "~" >
}

/**
 * Parses the temporal clauses after a table reference: FOR SYSTEM_TIME AS OF (the dataset as the system knew it at
 * a time or block) and FOR EVENT_TIME AS OF (its state at an event time), in either order, each at most once.
 */
SqlNode TemporalClauses(SqlNode tableRef) :
{
    SqlNode systemTime = null;
    SqlNode eventTime = null;
    final Span s;
}
{
    { s = span(); }
    (
        LOOKAHEAD(2)
        systemTime = SystemTimeAsOf()
        [ LOOKAHEAD(2) eventTime = EventTimeAsOf() ]
    |
        eventTime = EventTimeAsOf()
        [ LOOKAHEAD(2) systemTime = SystemTimeAsOf() ]
    )
    {
        return TemporalFunctions.asOf(s.end(this), tableRef, systemTime, eventTime);
    }
}

SqlNode SystemTimeAsOf() :
{
    final SqlNode e;
}
{
    <FOR> <SYSTEM_TIME> <AS> <OF> e = Expression(ExprContext.ACCEPT_NON_QUERY) {
        return e;
    }
}

SqlNode EventTimeAsOf() :
{
    final Span s;
    final SqlNode e;
}
{
    <FOR> { s = span(); } <EVENT_TIME> <AS> <OF> e = Expression(ExprContext.ACCEPT_NON_QUERY) {
        return TemporalFunctions.EVENT_TIME.createCall(s.end(this), e);
    }
}

/**
 * Parses PostgreSQL's cast operator: {@code expression :: type}, and {@code '1 day'::interval}, whose string names its
 * own units (a postfix operator, replaced by an interval literal before validation).
 */
void InfixCast(List<Object> list, ExprContext exprContext, Span s) :
{
    final SqlDataTypeSpec type;
}
{
    <INFIX_CAST> {
        checkNonQueryExpression(exprContext);
    }
    (
        <INTERVAL> {
            list.add(new SqlParserUtil.ToTreeListItem(PostgresIntervals.CAST_TO_INTERVAL, s.pos()));
        }
    |
        type = DataType() {
            list.add(new SqlParserUtil.ToTreeListItem(SqlLibraryOperators.INFIX_CAST, s.pos()));
            list.add(type);
        }
    )
}

/** Parses PostgreSQL's {@code EXPLAIN [ANALYZE] query} (Calcite's own form is {@code EXPLAIN PLAN FOR query}). */
SqlNode PostgresExplain() :
{
    final Span s;
    boolean analyze = false;
    final SqlNode query;
}
{
    <EXPLAIN> { s = span(); }
    (
        <ANALYZE> { analyze = true; }
    |
        LOOKAHEAD({ getToken(1).kind != PLAN }) { }
    )
    query = SqlQueryOrDml() {
        return PostgresStatements.explain(s.end(this), query, analyze, nDynamicParams);
    }
}

/** Parses {@code SHOW TABLES [FROM schema]}, {@code SHOW SCHEMAS} and {@code SHOW COLUMNS FROM table}. */
SqlNode ShowStatement() :
{
    final Span s;
    final SqlIdentifier what;
    SqlIdentifier from = null;
}
{
    <SHOW> { s = span(); }
    what = SimpleIdentifier()
    [ ( <FROM> | <IN> ) from = CompoundIdentifier() ]
    {
        return PostgresStatements.show(s.end(this), what, from);
    }
}

/**
 * Parses PostgreSQL's JSON operators {@code json -> key} and {@code json ->> key}. Calcite's lexer reads {@code ->} as
 * its lambda arrow, so {@code ->>} arrives as that arrow and a {@code >}.
 */
void JsonAccess(List<Object> list, ExprContext exprContext, Span s) :
{
    SqlOperator op = PostgresFunctions.JSON_GET;
}
{
    <LAMBDA> [ <GT> { op = PostgresFunctions.JSON_GET_TEXT; } ] {
        checkNonQueryExpression(exprContext);
        list.add(new SqlParserUtil.ToTreeListItem(op, s.pos()));
    }
    AddExpression2b(list, ExprContext.ACCEPT_SUB_QUERY)
}
