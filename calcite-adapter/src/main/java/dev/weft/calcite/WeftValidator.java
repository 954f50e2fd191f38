package dev.weft.calcite;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlValidatorCatalogReader;
import org.apache.calcite.sql.validate.SqlValidatorImpl;
import org.apache.calcite.sql.validate.SqlValidatorScope;

/**
 * Calcite's validator with PostgreSQL's rule for a parameter whose context gives it no type ({@code SELECT ?},
 * {@code SELECT ? || 'x'}): it is text, where Calcite refuses it as an illegal use of a dynamic parameter.
 */
final class WeftValidator extends SqlValidatorImpl {
    WeftValidator(SqlOperatorTable operators, SqlValidatorCatalogReader catalog, RelDataTypeFactory types,
            Config config) {
        super(operators, catalog, types, config);
    }

    @Override
    protected void inferUnknownTypes(RelDataType inferredType, SqlValidatorScope scope, SqlNode node) {
        if (node instanceof SqlDynamicParam && inferredType.equals(getUnknownType())) {
            final RelDataType text = getTypeFactory().createTypeWithNullability(
                    getTypeFactory().createSqlType(SqlTypeName.VARCHAR), true);
            super.inferUnknownTypes(text, scope, node);
            return;
        }
        super.inferUnknownTypes(inferredType, scope, node);
    }
}
