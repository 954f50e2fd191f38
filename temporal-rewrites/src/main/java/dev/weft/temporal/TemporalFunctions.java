package dev.weft.temporal;

import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlOperatorTables;

/**
 * {@code WEFT_BLOCK('f1620…')}: names a block in a {@code FOR SYSTEM_TIME AS OF} period. Calcite requires the period
 * to be a TIMESTAMP, so a block-hash period is rewritten into this call (typed TIMESTAMP) before validation, and the
 * AS AT rewrite resolves it against the dataset of the table it applies to. It has no value of its own: anywhere else
 * it is an error.
 */
public final class AsAtFunctions {
    public static final SqlFunction BLOCK = new SqlFunction("WEFT_BLOCK", SqlKind.OTHER_FUNCTION,
            ReturnTypes.explicit(SqlTypeName.TIMESTAMP), null, OperandTypes.CHARACTER,
            SqlFunctionCategory.SYSTEM);

    public static final SqlOperatorTable OPERATORS = SqlOperatorTables.of(BLOCK);

    private AsAtFunctions() {}
}
