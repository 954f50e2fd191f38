package dev.weft.server.flight;

import dev.weft.calcite.ResultTypes;
import dev.weft.calcite.meta.CatalogMetadata;
import dev.weft.calcite.meta.SqlPatterns;
import dev.weft.calcite.meta.SqlTypes;
import dev.weft.calcite.meta.TableInfo;
import dev.weft.calcite.schema.WeftSchemas;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.sql.DatabaseMetaData;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.flight.sql.FlightSqlColumnMetadata;
import org.apache.arrow.flight.sql.FlightSqlProducer.Schemas;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.impl.UnionListWriter;
import org.apache.arrow.vector.ipc.WriteChannel;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.type.SqlTypeName;

/** The Arrow batches of Flight SQL's metadata commands, in the exact schemas the protocol fixes. */
final class MetadataBatches {
    private MetadataBatches() {}

    /** An Arrow IPC schema message, as Flight SQL carries schemas inside other messages. */
    static byte[] serialize(Schema schema) {
        try {
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            MessageSerializer.serialize(new WriteChannel(Channels.newChannel(out)), schema);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static VectorSchemaRoot catalogs(BufferAllocator allocator) {
        final VectorSchemaRoot root = VectorSchemaRoot.create(Schemas.GET_CATALOGS_SCHEMA, allocator);
        text(root, 0, 0, WeftSchemas.CATALOG);
        root.setRowCount(1);
        return root;
    }

    static VectorSchemaRoot schemas(BufferAllocator allocator, String catalog, String schemaPattern) {
        final VectorSchemaRoot root = VectorSchemaRoot.create(Schemas.GET_SCHEMAS_SCHEMA, allocator);
        int row = 0;
        if (catalog == null || catalog.equals(WeftSchemas.CATALOG)) {
            for (String schema : CatalogMetadata.SCHEMAS) {
                if (SqlPatterns.matches(schemaPattern, schema)) {
                    text(root, 0, row, WeftSchemas.CATALOG);
                    text(root, 1, row, schema);
                    row++;
                }
            }
        }
        root.setRowCount(row);
        return root;
    }

    static VectorSchemaRoot tableTypes(BufferAllocator allocator) {
        final VectorSchemaRoot root = VectorSchemaRoot.create(Schemas.GET_TABLE_TYPES_SCHEMA, allocator);
        final List<String> types = CatalogMetadata.TABLE_TYPES;
        for (int i = 0; i < types.size(); i++) {
            text(root, 0, i, types.get(i));
        }
        root.setRowCount(types.size());
        return root;
    }

    /** The tables matching the filters (nulls match all), with their column schemas when asked. */
    static VectorSchemaRoot tables(BufferAllocator allocator, List<TableInfo> all, String catalog,
            String schemaPattern, String tablePattern, List<String> types, boolean includeSchema) {
        final VectorSchemaRoot root = VectorSchemaRoot.create(
                includeSchema ? Schemas.GET_TABLES_SCHEMA : Schemas.GET_TABLES_SCHEMA_NO_SCHEMA, allocator);
        int row = 0;
        for (TableInfo table : all) {
            if ((catalog != null && !catalog.equals(table.catalog()))
                    || !SqlPatterns.matches(schemaPattern, table.schema())
                    || !SqlPatterns.matches(tablePattern, table.name())
                    || (!types.isEmpty() && !types.contains(table.type()))) {
                continue;
            }
            text(root, 0, row, table.catalog());
            text(root, 1, row, table.schema());
            text(root, 2, row, table.name());
            text(root, 3, row, table.type());
            if (includeSchema) {
                ((VarBinaryVector) root.getVector(4)).setSafe(row, serialize(columnSchema(table)));
            }
            row++;
        }
        root.setRowCount(row);
        return root;
    }

    /** A table's columns as Arrow fields carrying Flight SQL column metadata (type name, precision, scale, ...). */
    static Schema columnSchema(TableInfo table) {
        final List<Field> fields = new ArrayList<>();
        for (RelDataTypeField column : table.rowType().getFieldList()) {
            final RelDataType type = column.getType();
            final FlightSqlColumnMetadata.Builder metadata = new FlightSqlColumnMetadata.Builder()
                    .catalogName(table.catalog())
                    .schemaName(table.schema())
                    .tableName(table.name())
                    .typeName(CatalogMetadata.typeName(type))
                    .isAutoIncrement(false)
                    .isCaseSensitive(SqlTypeName.CHAR_TYPES.contains(type.getSqlTypeName()))
                    .isReadOnly(true)
                    .isSearchable(true);
            final Integer size = CatalogMetadata.columnSize(type);
            if (size != null) {
                metadata.precision(size);
            }
            final Integer digits = CatalogMetadata.decimalDigits(type);
            if (digits != null) {
                metadata.scale(digits);
            }
            final Field plain = ResultTypes.arrowField(column.getName(), type);
            fields.add(new Field(plain.getName(), new FieldType(plain.isNullable(), plain.getType(), null,
                    metadata.build().getMetadataMap()), plain.getChildren()));
        }
        return new Schema(fields);
    }

    static VectorSchemaRoot primaryKeys(BufferAllocator allocator, List<TableInfo> all, String catalog,
            String schema, String table) {
        final VectorSchemaRoot root = VectorSchemaRoot.create(Schemas.GET_PRIMARY_KEYS_SCHEMA, allocator);
        int row = 0;
        for (TableInfo info : all) {
            if ((catalog != null && !catalog.equals(info.catalog()))
                    || (schema != null && !schema.equals(info.schema())) || !info.name().equals(table)) {
                continue;
            }
            for (int i = 0; i < info.primaryKey().size(); i++) {
                text(root, 0, row, info.catalog());
                text(root, 1, row, info.schema());
                text(root, 2, row, info.name());
                text(root, 3, row, info.primaryKey().get(i));
                ((IntVector) root.getVector(4)).setSafe(row, i + 1);
                text(root, 5, row, info.name() + "_pkey");
                row++;
            }
        }
        root.setRowCount(row);
        return root;
    }

    /** Weft has no foreign keys: imported, exported and cross-reference keys are always empty. */
    static VectorSchemaRoot noKeys(BufferAllocator allocator) {
        final VectorSchemaRoot root = VectorSchemaRoot.create(Schemas.GET_IMPORTED_KEYS_SCHEMA, allocator);
        root.setRowCount(0);
        return root;
    }

    /** The SQL types Weft supports, optionally only the one with JDBC type code {@code dataType}. */
    static VectorSchemaRoot typeInfo(BufferAllocator allocator, Integer dataType) {
        final VectorSchemaRoot root = VectorSchemaRoot.create(Schemas.GET_TYPE_INFO_SCHEMA, allocator);
        int row = 0;
        for (SqlTypes.TypeRow type : SqlTypes.ROWS) {
            if (dataType != null && type.jdbcType() != dataType) {
                continue;
            }
            text(root, 0, row, type.name());
            integer(root, 1, row, type.jdbcType());
            integer(root, 2, row, type.columnSize());
            text(root, 3, row, type.literalQuote());
            text(root, 4, row, type.literalQuote());
            final ListVector params = (ListVector) root.getVector(5);
            if (type.createParamList().isEmpty()) {
                params.setNull(row);
            } else {
                final UnionListWriter writer = params.getWriter();
                writer.setPosition(row);
                writer.startList();
                for (String param : type.createParamList()) {
                    final byte[] bytes = param.getBytes(StandardCharsets.UTF_8);
                    try (var buffer = allocator.buffer(bytes.length)) {
                        buffer.setBytes(0, bytes);
                        writer.varChar().writeVarChar(0, bytes.length, buffer);
                    }
                }
                writer.endList();
            }
            integer(root, 6, row, DatabaseMetaData.typeNullable);
            bit(root, 7, row, type.jdbcType() == Types.VARCHAR);
            integer(root, 8, row, type.jdbcType() == Types.VARCHAR ? DatabaseMetaData.typeSearchable
                    : DatabaseMetaData.typePredBasic);
            bit(root, 9, row, false);
            bit(root, 10, row, false);
            bit(root, 11, row, false);
            text(root, 12, row, type.name());
            integer(root, 13, row, type.minScale() == null ? null : (int) type.minScale());
            integer(root, 14, row, type.maxScale() == null ? null : (int) type.maxScale());
            integer(root, 15, row, type.jdbcType());
            integer(root, 16, row, null);
            integer(root, 17, row, type.radix());
            integer(root, 18, row, null);
            row++;
        }
        root.setRowCount(row);
        return root;
    }

    private static void text(VectorSchemaRoot root, int column, int row, String value) {
        final VarCharVector vector = (VarCharVector) root.getVector(column);
        if (value == null) {
            vector.setNull(row);
        } else {
            vector.setSafe(row, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void integer(VectorSchemaRoot root, int column, int row, Integer value) {
        final IntVector vector = (IntVector) root.getVector(column);
        if (value == null) {
            vector.setNull(row);
        } else {
            vector.setSafe(row, value);
        }
    }

    private static void bit(VectorSchemaRoot root, int column, int row, boolean value) {
        ((BitVector) root.getVector(column)).setSafe(row, value ? 1 : 0);
    }
}
