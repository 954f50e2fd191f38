package dev.weft.calcite.jdbc;

import dev.weft.calcite.PreparedQuery;
import dev.weft.calcite.QueryEngine;
import dev.weft.calcite.Session;
import dev.weft.calcite.SqlException;
import dev.weft.calcite.exec.QueryResult;
import dev.weft.calcite.meta.CatalogMetadata;
import dev.weft.calcite.meta.SqlKeywords;
import dev.weft.calcite.meta.SqlPatterns;
import dev.weft.calcite.meta.SqlTypes;
import dev.weft.calcite.meta.TableInfo;
import dev.weft.calcite.meta.WeftVersion;
import dev.weft.calcite.schema.WeftSchemas;
import dev.weft.odf.error.ErrorCode;
import dev.weft.odf.error.WeftException;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.calcite.avatica.AvaticaClientRuntimeException;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaParameter;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.ConnectionPropertiesImpl;
import org.apache.calcite.avatica.MetaImpl;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.SqlType;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;
import org.apache.calcite.avatica.remote.TypedValue;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Weft behind Avatica: the JDBC protocol (connections, statements, prepared statements, frames of rows, the
 * {@code DatabaseMetaData} calls) answered by the {@link QueryEngine}. Serves the Avatica HTTP server and the embedded
 * {@code jdbc:weft:file:} driver alike; metadata comes from {@link CatalogMetadata}, as Flight SQL's does.
 *
 * <p>Results stream: a statement holds its running {@link QueryResult} and each {@code fetch} converts just the rows
 * of the frame asked for.
 */
public final class WeftMeta extends MetaImpl {
    public static final String PRODUCT_NAME = "Weft";
    private static final int DEFAULT_FRAME_ROWS = 1000;

    private final QueryEngine engine;
    private final Map<String, ConnectionPropertiesImpl> connections = new ConcurrentHashMap<>();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<Integer, StatementState> statements = new ConcurrentHashMap<>();
    private final AtomicInteger statementIds = new AtomicInteger();

    /** A statement's prepared query and its current run. */
    private static final class StatementState {
        final String connectionId;
        PreparedQuery query;
        Signature signature;
        QueryResult result;
        int batchRow;
        long rowsLeft;
        boolean done;

        StatementState(String connectionId) {
            this.connectionId = connectionId;
        }

        void closeResult() {
            if (result != null) {
                result.close();
                result = null;
            }
        }
    }

    private final AutoCloseable owned;

    /** A Meta for a server: the engine outlives every connection. */
    public WeftMeta(QueryEngine engine) {
        this(null, engine, null);
    }

    private WeftMeta(AvaticaConnection connection, QueryEngine engine, AutoCloseable owned) {
        super(connection);
        this.engine = engine;
        this.owned = owned;
    }

    /**
     * A Meta for one embedded connection: {@code resources} (its engine, workspace) close with the connection. It
     * needs the connection because Avatica's result sets find their statement through it to fetch frames after the
     * first; errors are thrown as the client-side exceptions the embedded driver reads SQLSTATEs from.
     */
    public static WeftMeta owning(AvaticaConnection connection, QueryEngine engine, AutoCloseable resources) {
        return new WeftMeta(Objects.requireNonNull(connection, "connection"), engine, resources);
    }

    // ---- connections and statements --------------------------------------------------------------------------

    @Override
    public void openConnection(ConnectionHandle ch, Map<String, String> info) {
        connection(ch);
    }

    @Override
    public void closeConnection(ConnectionHandle ch) {
        connections.remove(ch.id);
        sessions.remove(ch.id);
        statements.entrySet().removeIf(entry -> {
            if (entry.getValue().connectionId.equals(ch.id)) {
                entry.getValue().closeResult();
                return true;
            }
            return false;
        });
        if (owned != null) {
            try {
                owned.close();
            } catch (Exception e) {
                throw toAvatica(new WeftException(ErrorCode.IO, "Closing the embedded workspace failed: " + e, e));
            }
        }
    }

    @Override
    public ConnectionProperties connectionSync(ConnectionHandle ch, ConnectionProperties properties) {
        final ConnectionPropertiesImpl current = connection(ch);
        if (properties.getSchema() != null) {
            session(ch.id).setSchema(properties.getSchema());
        }
        current.merge(properties);
        if (properties.getSchema() != null) {
            current.setSchema(session(ch.id).schema());
        }
        current.setDirty(false);
        return current;
    }

    @Override
    public StatementHandle createStatement(ConnectionHandle ch) {
        connection(ch);
        final int id = statementIds.incrementAndGet();
        statements.put(id, new StatementState(ch.id));
        return new StatementHandle(ch.id, id, null);
    }

    @Override
    public StatementHandle prepare(ConnectionHandle ch, String sql, long maxRowCount) {
        try {
            return prepareStatement(ch, sql);
        } catch (RuntimeException e) {
            throw toAvatica(e);
        }
    }

    private StatementHandle prepareStatement(ConnectionHandle ch, String sql) {
        final StatementHandle handle = createStatement(ch);
        final StatementState state = statements.get(handle.id);
        state.query = prepareQuery(sql, ch.id);
        state.signature = signature(state.query);
        handle.signature = state.signature;
        return handle;
    }

    @Override
    @SuppressWarnings("deprecation")
    public ExecuteResult prepareAndExecute(StatementHandle h, String sql, long maxRowCount,
            PrepareCallback callback) throws NoSuchStatementException {
        return prepareAndExecute(h, sql, maxRowCount, -1, callback);
    }

    @Override
    public ExecuteResult prepareAndExecute(StatementHandle h, String sql, long maxRowCount,
            int maxRowsInFirstFrame, PrepareCallback callback) throws NoSuchStatementException {
        final StatementState state = statement(h);
        try {
            return runNew(h, state, sql, maxRowCount, maxRowsInFirstFrame, callback);
        } catch (RuntimeException e) {
            throw toAvatica(e);
        }
    }

    private ExecuteResult runNew(StatementHandle h, StatementState state, String sql, long maxRowCount,
            int maxRowsInFirstFrame, PrepareCallback callback) {
        final PreparedQuery query = prepareQuery(sql, h.connectionId);
        synchronized (state) {
            state.closeResult();
            state.query = query;
            state.signature = signature(query);
            h.signature = state.signature;
            if (query.isSetting()) {
                query.execute(List.of()).close();
                try {
                    synchronized (callback.getMonitor()) {
                        callback.clear();
                        callback.assign(state.signature, null, 0);
                    }
                    callback.execute();
                } catch (SQLException e) {
                    throw new RuntimeException(e);
                }
                return new ExecuteResult(List.of(MetaResultSet.count(h.connectionId, h.id, 0)));
            }
            start(state, List.of(), maxRowCount);
            final Frame first = nextFrame(state, 0, maxRowsInFirstFrame);
            try {
                synchronized (callback.getMonitor()) {
                    callback.clear();
                    callback.assign(state.signature, first, -1);
                }
                callback.execute();
            } catch (SQLException e) {
                throw new RuntimeException(e);
            }
            return new ExecuteResult(List.of(MetaResultSet.create(h.connectionId, h.id, false, state.signature,
                    first)));
        }
    }

    @Override
    public ExecuteResult execute(StatementHandle h, List<TypedValue> parameterValues, long maxRowCount)
            throws NoSuchStatementException {
        return execute(h, parameterValues, (int) Math.min(maxRowCount, Integer.MAX_VALUE));
    }

    @Override
    public ExecuteResult execute(StatementHandle h, List<TypedValue> parameterValues, int maxRowsInFirstFrame)
            throws NoSuchStatementException {
        final StatementState state = statement(h);
        try {
            return runPrepared(h, state, parameterValues, maxRowsInFirstFrame);
        } catch (RuntimeException e) {
            throw toAvatica(e);
        }
    }

    private ExecuteResult runPrepared(StatementHandle h, StatementState state, List<TypedValue> parameterValues,
            int maxRowsInFirstFrame) {
        synchronized (state) {
            if (state.query == null) {
                throw new SqlException(ErrorCode.SQL_INVALID, "The statement has not been prepared", 0, 0, null);
            }
            final List<Object> values = new ArrayList<>();
            for (TypedValue value : parameterValues) {
                values.add(value == null ? null : value.value);
            }
            state.closeResult();
            if (state.query.isSetting()) {
                state.query.execute(List.of()).close();
                return new ExecuteResult(List.of(MetaResultSet.count(h.connectionId, h.id, 0)));
            }
            start(state, values, -1);
            final Frame first = nextFrame(state, 0, maxRowsInFirstFrame);
            return new ExecuteResult(List.of(MetaResultSet.create(h.connectionId, h.id, false, state.signature,
                    first)));
        }
    }

    @Override
    public Frame fetch(StatementHandle h, long offset, int fetchMaxRowCount) throws NoSuchStatementException {
        final StatementState state = statement(h);
        synchronized (state) {
            try {
                return nextFrame(state, offset, fetchMaxRowCount);
            } catch (RuntimeException e) {
                state.closeResult();
                throw toAvatica(e);
            }
        }
    }

    @Override
    public void closeStatement(StatementHandle h) {
        final StatementState state = statements.remove(h.id);
        if (state != null) {
            state.closeResult();
        }
    }

    @Override
    public boolean syncResults(StatementHandle sh, QueryState state, long offset) {
        return false;
    }

    @Override
    public ExecuteBatchResult prepareAndExecuteBatch(StatementHandle h, List<String> sqlCommands) {
        throw toAvatica(readOnly());
    }

    @Override
    public ExecuteBatchResult executeBatch(StatementHandle h, List<List<TypedValue>> parameterValues) {
        throw toAvatica(readOnly());
    }

    @Override
    public void commit(ConnectionHandle ch) {
        // Read-only and always in auto-commit: nothing to commit.
    }

    @Override
    public void rollback(ConnectionHandle ch) {
        // Read-only and always in auto-commit: nothing to roll back.
    }

    // ---- metadata --------------------------------------------------------------------------------------------

    @Override
    public Map<DatabaseProperty, Object> getDatabaseProperties(ConnectionHandle ch) {
        final Map<DatabaseProperty, Object> properties = new EnumMap<>(DatabaseProperty.class);
        properties.put(DatabaseProperty.GET_DATABASE_PRODUCT_NAME, PRODUCT_NAME);
        properties.put(DatabaseProperty.GET_DATABASE_PRODUCT_VERSION, WeftVersion.VERSION);
        properties.put(DatabaseProperty.GET_DATABASE_MAJOR_VERSION, WeftVersion.MAJOR);
        properties.put(DatabaseProperty.GET_DATABASE_MINOR_VERSION, WeftVersion.MINOR);
        properties.put(DatabaseProperty.GET_DRIVER_NAME, "Weft JDBC");
        properties.put(DatabaseProperty.GET_DRIVER_VERSION, WeftVersion.VERSION);
        properties.put(DatabaseProperty.GET_DRIVER_MAJOR_VERSION, WeftVersion.MAJOR);
        properties.put(DatabaseProperty.GET_DRIVER_MINOR_VERSION, WeftVersion.MINOR);
        properties.put(DatabaseProperty.GET_S_Q_L_KEYWORDS, String.join(",", SqlKeywords.jdbcKeywords()));
        properties.put(DatabaseProperty.GET_NUMERIC_FUNCTIONS, String.join(",", SqlKeywords.NUMERIC_FUNCTIONS));
        properties.put(DatabaseProperty.GET_STRING_FUNCTIONS, String.join(",", SqlKeywords.STRING_FUNCTIONS));
        properties.put(DatabaseProperty.GET_TIME_DATE_FUNCTIONS, String.join(",", SqlKeywords.TIME_DATE_FUNCTIONS));
        properties.put(DatabaseProperty.GET_SYSTEM_FUNCTIONS, String.join(",", SqlKeywords.SYSTEM_FUNCTIONS));
        properties.put(DatabaseProperty.GET_DEFAULT_TRANSACTION_ISOLATION, java.sql.Connection.TRANSACTION_NONE);
        return properties;
    }

    @Override
    public MetaResultSet getCatalogs(ConnectionHandle ch) {
        return rows(ch, List.of(column("TABLE_CAT", String.class, false)),
                List.of(List.of(WeftSchemas.CATALOG)));
    }

    @Override
    public MetaResultSet getSchemas(ConnectionHandle ch, String catalog, Pat schemaPattern) {
        final List<List<Object>> rows = new ArrayList<>();
        if (catalogMatches(catalog)) {
            for (String schema : CatalogMetadata.SCHEMAS) {
                if (SqlPatterns.matches(schemaPattern.s, schema)) {
                    rows.add(List.of(schema, WeftSchemas.CATALOG));
                }
            }
        }
        return rows(ch, List.of(column("TABLE_SCHEM", String.class, false), column("TABLE_CATALOG", String.class,
                true)), rows);
    }

    @Override
    public MetaResultSet getTableTypes(ConnectionHandle ch) {
        final List<List<Object>> rows = new ArrayList<>();
        for (String type : CatalogMetadata.TABLE_TYPES) {
            rows.add(List.of(type));
        }
        return rows(ch, List.of(column("TABLE_TYPE", String.class, false)), rows);
    }

    @Override
    public MetaResultSet getTables(ConnectionHandle ch, String catalog, Pat schemaPattern, Pat tableNamePattern,
            List<String> typeList) {
        final List<List<Object>> rows = new ArrayList<>();
        for (TableInfo table : tables(catalog, schemaPattern, tableNamePattern)) {
            if (typeList == null || typeList.contains(table.type())) {
                rows.add(nullable(table.catalog(), table.schema(), table.name(), table.type(), table.remarks(),
                        null, null, null, null, null));
            }
        }
        return rows(ch, List.of(column("TABLE_CAT", String.class, true), column("TABLE_SCHEM", String.class, true),
                column("TABLE_NAME", String.class, false), column("TABLE_TYPE", String.class, false),
                column("REMARKS", String.class, true), column("TYPE_CAT", String.class, true),
                column("TYPE_SCHEM", String.class, true), column("TYPE_NAME", String.class, true),
                column("SELF_REFERENCING_COL_NAME", String.class, true),
                column("REF_GENERATION", String.class, true)), rows);
    }

    @Override
    public MetaResultSet getColumns(ConnectionHandle ch, String catalog, Pat schemaPattern, Pat tableNamePattern,
            Pat columnNamePattern) {
        final List<List<Object>> rows = new ArrayList<>();
        for (TableInfo table : tables(catalog, schemaPattern, tableNamePattern)) {
            int position = 0;
            for (RelDataTypeField field : table.rowType().getFieldList()) {
                position++;
                if (!SqlPatterns.matches(columnNamePattern.s, field.getName())) {
                    continue;
                }
                final RelDataType type = field.getType();
                final boolean nullable = type.isNullable();
                rows.add(nullable(table.catalog(), table.schema(), table.name(), field.getName(),
                        CatalogMetadata.jdbcType(type), CatalogMetadata.typeName(type),
                        CatalogMetadata.columnSize(type), null, CatalogMetadata.decimalDigits(type),
                        radix(type), nullable ? DatabaseMetaData.columnNullable : DatabaseMetaData.columnNoNulls,
                        null, null, null, null, SqlTypeName.CHAR_TYPES.contains(type.getSqlTypeName())
                                ? CatalogMetadata.columnSize(type) : null,
                        position, nullable ? "YES" : "NO", null, null, null, null, "NO", "NO"));
            }
        }
        return rows(ch, List.of(column("TABLE_CAT", String.class, true), column("TABLE_SCHEM", String.class, true),
                column("TABLE_NAME", String.class, false), column("COLUMN_NAME", String.class, false),
                column("DATA_TYPE", int.class, false), column("TYPE_NAME", String.class, false),
                column("COLUMN_SIZE", Integer.class, true), column("BUFFER_LENGTH", Integer.class, true),
                column("DECIMAL_DIGITS", Integer.class, true), column("NUM_PREC_RADIX", Integer.class, true),
                column("NULLABLE", int.class, false), column("REMARKS", String.class, true),
                column("COLUMN_DEF", String.class, true), column("SQL_DATA_TYPE", Integer.class, true),
                column("SQL_DATETIME_SUB", Integer.class, true), column("CHAR_OCTET_LENGTH", Integer.class, true),
                column("ORDINAL_POSITION", int.class, false), column("IS_NULLABLE", String.class, false),
                column("SCOPE_CATALOG", String.class, true), column("SCOPE_SCHEMA", String.class, true),
                column("SCOPE_TABLE", String.class, true), column("SOURCE_DATA_TYPE", Short.class, true),
                column("IS_AUTOINCREMENT", String.class, false), column("IS_GENERATEDCOLUMN", String.class, false)),
                rows);
    }

    @Override
    public MetaResultSet getPrimaryKeys(ConnectionHandle ch, String catalog, String schema, String table) {
        final List<List<Object>> rows = new ArrayList<>();
        for (TableInfo info : CatalogMetadata.tables(engine.snapshot())) {
            if (catalogMatches(catalog) && (schema == null || schema.equals(info.schema()))
                    && info.name().equals(table)) {
                for (int i = 0; i < info.primaryKey().size(); i++) {
                    rows.add(nullable(info.catalog(), info.schema(), info.name(), info.primaryKey().get(i),
                            (short) (i + 1), info.name() + "_pkey"));
                }
            }
        }
        return rows(ch, List.of(column("TABLE_CAT", String.class, true), column("TABLE_SCHEM", String.class, true),
                column("TABLE_NAME", String.class, false), column("COLUMN_NAME", String.class, false),
                column("KEY_SEQ", short.class, false), column("PK_NAME", String.class, true)), rows);
    }

    @Override
    public MetaResultSet getImportedKeys(ConnectionHandle ch, String catalog, String schema, String table) {
        return noKeys(ch);
    }

    @Override
    public MetaResultSet getExportedKeys(ConnectionHandle ch, String catalog, String schema, String table) {
        return noKeys(ch);
    }

    @Override
    public MetaResultSet getCrossReference(ConnectionHandle ch, String parentCatalog, String parentSchema,
            String parentTable, String foreignCatalog, String foreignSchema, String foreignTable) {
        return noKeys(ch);
    }

    @Override
    public MetaResultSet getTypeInfo(ConnectionHandle ch) {
        final List<List<Object>> rows = new ArrayList<>();
        for (SqlTypes.TypeRow type : SqlTypes.ROWS) {
            rows.add(nullable(type.name(), type.jdbcType(), type.columnSize(), type.literalQuote(),
                    type.literalQuote(), type.createParams(), (short) DatabaseMetaData.typeNullable,
                    type.jdbcType() == java.sql.Types.VARCHAR, (short) DatabaseMetaData.typeSearchable, false,
                    false, false, type.name(), type.minScale(), type.maxScale(), null, null, type.radix()));
        }
        return rows(ch, List.of(column("TYPE_NAME", String.class, false), column("DATA_TYPE", int.class, false),
                column("PRECISION", Integer.class, true), column("LITERAL_PREFIX", String.class, true),
                column("LITERAL_SUFFIX", String.class, true), column("CREATE_PARAMS", String.class, true),
                column("NULLABLE", short.class, false), column("CASE_SENSITIVE", boolean.class, false),
                column("SEARCHABLE", short.class, false), column("UNSIGNED_ATTRIBUTE", boolean.class, false),
                column("FIXED_PREC_SCALE", boolean.class, false), column("AUTO_INCREMENT", boolean.class, false),
                column("LOCAL_TYPE_NAME", String.class, true), column("MINIMUM_SCALE", Short.class, true),
                column("MAXIMUM_SCALE", Short.class, true), column("SQL_DATA_TYPE", Integer.class, true),
                column("SQL_DATETIME_SUB", Integer.class, true), column("NUM_PREC_RADIX", Integer.class, true)),
                rows);
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    /** Prepares in the connection's session, so that {@code SET weft.as_at} applies to its later statements. */
    private PreparedQuery prepareQuery(String sql, String connectionId) {
        return engine.prepare(sql, session(connectionId));
    }

    private Session session(String connectionId) {
        return sessions.computeIfAbsent(connectionId, id -> new Session());
    }

    private void start(StatementState state, List<Object> parameters, long maxRowCount) {
        state.result = state.query.execute(parameters);
        state.batchRow = 0;
        state.done = false;
        state.rowsLeft = maxRowCount > 0 ? maxRowCount : Long.MAX_VALUE;
    }

    /** The next rows of a statement's run, at most {@code maxRows} (a default frame when not positive). */
    private static Frame nextFrame(StatementState state, long offset, int maxRows) {
        final int limit = maxRows > 0 ? maxRows : DEFAULT_FRAME_ROWS;
        final List<Object> rows = new ArrayList<>();
        final QueryResult result = state.result;
        if (result == null || state.done) {
            return new Frame(offset, true, Collections.emptyList());
        }
        final VectorSchemaRoot root = result.root();
        while (rows.size() < limit && state.rowsLeft > 0) {
            if (state.batchRow >= root.getRowCount()) {
                if (!result.loadNextBatch()) {
                    state.done = true;
                    break;
                }
                state.batchRow = 0;
                continue;
            }
            final List<Object> row = new ArrayList<>(root.getFieldVectors().size());
            for (FieldVector vector : root.getFieldVectors()) {
                row.add(JdbcValues.value(vector, state.batchRow));
            }
            state.batchRow++;
            state.rowsLeft--;
            rows.add(row);
        }
        if (state.rowsLeft == 0) {
            state.done = true;
        }
        if (state.done) {
            state.closeResult();
        }
        return new Frame(offset, state.done, rows);
    }

    private static Signature signature(PreparedQuery query) {
        final List<ColumnMetaData> columns = new ArrayList<>();
        for (RelDataTypeField field : query.rowType().getFieldList()) {
            columns.add(resultColumn(field.getIndex(), field.getName(), field.getType()));
        }
        final List<AvaticaParameter> parameters = new ArrayList<>();
        final List<RelDataType> types = query.parameterTypes();
        for (int i = 0; i < types.size(); i++) {
            final RelDataType type = types.get(i);
            final SqlType sqlType = SqlType.valueOf(CatalogMetadata.jdbcType(type));
            parameters.add(new AvaticaParameter(true, Math.max(type.getPrecision(), 0),
                    Math.max(CatalogMetadata.decimalDigits(type) == null ? 0 : type.getScale(), 0),
                    sqlType.id, CatalogMetadata.typeName(type), sqlType.clazz.getName(), "?" + (i + 1)));
        }
        return new Signature(columns, query.sql(), parameters, Collections.emptyMap(), CursorFactory.LIST,
                query.isSetting() ? StatementType.OTHER_DDL : StatementType.SELECT);
    }

    private static ColumnMetaData resultColumn(int index, String name, RelDataType type) {
        final SqlType sqlType = SqlType.valueOf(CatalogMetadata.jdbcType(type));
        final ColumnMetaData.AvaticaType avaticaType = ColumnMetaData.scalar(sqlType.id,
                CatalogMetadata.typeName(type), ColumnMetaData.Rep.of(sqlType.internal));
        final Integer size = CatalogMetadata.columnSize(type);
        final Integer digits = CatalogMetadata.decimalDigits(type);
        return new ColumnMetaData(index, false, SqlTypeName.CHAR_TYPES.contains(type.getSqlTypeName()), true, false,
                type.isNullable() ? DatabaseMetaData.columnNullable : DatabaseMetaData.columnNoNulls,
                SqlTypeName.NUMERIC_TYPES.contains(type.getSqlTypeName()), size == null ? 0 : size, name, name, null,
                size == null ? 0 : size, digits == null ? 0 : digits, null, WeftSchemas.CATALOG, avaticaType, true,
                false, false, sqlType.clazz.getName());
    }

    private static Integer radix(RelDataType type) {
        return SqlTypeName.NUMERIC_TYPES.contains(type.getSqlTypeName()) ? 10 : null;
    }

    private List<TableInfo> tables(String catalog, Pat schemaPattern, Pat tablePattern) {
        if (!catalogMatches(catalog)) {
            return List.of();
        }
        return CatalogMetadata.tables(engine.snapshot()).stream()
                .filter(t -> SqlPatterns.matches(schemaPattern.s, t.schema()))
                .filter(t -> SqlPatterns.matches(tablePattern.s, t.name()))
                .toList();
    }

    private static boolean catalogMatches(String catalog) {
        return catalog == null || catalog.isEmpty() || catalog.equals(WeftSchemas.CATALOG);
    }

    private MetaResultSet noKeys(ConnectionHandle ch) {
        final List<ColumnMetaData> columns = new ArrayList<>();
        for (String name : List.of("PKTABLE_CAT", "PKTABLE_SCHEM", "PKTABLE_NAME", "PKCOLUMN_NAME", "FKTABLE_CAT",
                "FKTABLE_SCHEM", "FKTABLE_NAME", "FKCOLUMN_NAME")) {
            columns.add(column(name, String.class, !name.endsWith("_NAME")));
        }
        columns.add(column("KEY_SEQ", short.class, false));
        columns.add(column("UPDATE_RULE", short.class, false));
        columns.add(column("DELETE_RULE", short.class, false));
        columns.add(column("FK_NAME", String.class, true));
        columns.add(column("PK_NAME", String.class, true));
        columns.add(column("DEFERRABILITY", short.class, false));
        return rows(ch, columns, List.of());
    }

    private static ColumnMetaData column(String name, Class<?> type, boolean nullable) {
        return MetaImpl.columnMetaData(name, 0, type, nullable);
    }

    private MetaResultSet rows(ConnectionHandle ch, List<ColumnMetaData> columns, List<List<Object>> rows) {
        final List<ColumnMetaData> indexed = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            final ColumnMetaData c = columns.get(i);
            indexed.add(new ColumnMetaData(i, c.autoIncrement, c.caseSensitive, c.searchable, c.currency,
                    c.nullable, c.signed, c.displaySize, c.label, c.columnName, c.schemaName, c.precision, c.scale,
                    c.tableName, c.catalogName, c.type, c.readOnly, c.writable, c.definitelyWritable,
                    c.columnClassName));
        }
        final StatementHandle handle = createStatement(ch);
        final Signature signature = new Signature(indexed, "", List.of(), Collections.emptyMap(),
                CursorFactory.LIST, StatementType.SELECT);
        statements.remove(handle.id);
        return MetaResultSet.create(ch.id, handle.id, true, signature, new Frame(0, true, new ArrayList<>(rows)));
    }

    private static List<Object> nullable(Object... values) {
        final List<Object> row = new ArrayList<>(values.length);
        Collections.addAll(row, values);
        return row;
    }

    /** The connection's properties; connections are registered on first use (embedded ones never "open"). */
    private ConnectionPropertiesImpl connection(ConnectionHandle ch) {
        return connections.computeIfAbsent(ch.id, id -> new ConnectionPropertiesImpl(true, true,
                java.sql.Connection.TRANSACTION_NONE, WeftSchemas.CATALOG, WeftSchemas.ODF));
    }

    private StatementState statement(StatementHandle h) throws NoSuchStatementException {
        final StatementState state = statements.get(h.id);
        if (state == null) {
            throw new NoSuchStatementException(h);
        }
        return state;
    }

    /**
     * The error as Avatica reports it to clients: message, SQLSTATE and our error code. A server's handler turns an
     * {@link AvaticaRuntimeException} into an error response; in process, Avatica's connection reads SQLSTATE and
     * message only from an {@link AvaticaClientRuntimeException} (the other carries no {@code getMessage()}).
     */
    private RuntimeException toAvatica(RuntimeException e) {
        if (e instanceof AvaticaRuntimeException || e instanceof AvaticaClientRuntimeException) {
            return e;
        }
        final ErrorCode code = e instanceof WeftException weft ? weft.code() : ErrorCode.INTERNAL;
        final String message = e.getMessage() == null ? e.toString() : e.getMessage();
        if (owned != null) {
            return new AvaticaClientRuntimeException(message, code.exitCode(), code.sqlState(), AvaticaSeverity.ERROR,
                    List.of(), null);
        }
        return new AvaticaRuntimeException(message, code.exitCode(), code.sqlState(), AvaticaSeverity.ERROR);
    }

    private static WeftException readOnly() {
        return new WeftException(ErrorCode.UNSUPPORTED, "Weft datasets are read-only through SQL: they change only "
                + "through ingest (weft ingest, weft pull)");
    }
}
