package dev.weft.jdbc;

import java.io.InputStream;
import java.io.Reader;
import java.sql.NClob;
import java.sql.SQLException;
import java.sql.SQLXML;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaPreparedStatement;
import org.apache.calcite.avatica.Meta;

/**
 * Avatica's prepared statement, plus {@code setObject} with a {@link LocalDate} or {@link LocalDateTime} (JDBC 4.2),
 * which Avatica would send as an opaque object its protocol cannot carry. The JDBC 4.0 setters delegate to Avatica's
 * parameter sites, as Avatica's own (package-private) statement class does.
 */
final class WeftPreparedStatement extends AvaticaPreparedStatement {
    WeftPreparedStatement(AvaticaConnection connection, Meta.StatementHandle h, Meta.Signature signature,
            int resultSetType, int resultSetConcurrency, int resultSetHoldability) throws SQLException {
        super(connection, h, signature, resultSetType, resultSetConcurrency, resultSetHoldability);
    }

    @Override
    public void setObject(int parameterIndex, Object x) throws SQLException {
        if (x instanceof LocalDate date) {
            setDate(parameterIndex, JavaTime.toDate(date), JavaTime.utc());
        } else if (x instanceof LocalDateTime dateTime) {
            setTimestamp(parameterIndex, JavaTime.toTimestamp(dateTime), JavaTime.utc());
        } else {
            super.setObject(parameterIndex, x);
        }
    }

    @Override
    public void setObject(int parameterIndex, Object x, int targetSqlType) throws SQLException {
        if (x instanceof LocalDate date && targetSqlType == Types.DATE) {
            setDate(parameterIndex, JavaTime.toDate(date), JavaTime.utc());
        } else if (x instanceof LocalDateTime dateTime && targetSqlType == Types.TIMESTAMP) {
            setTimestamp(parameterIndex, JavaTime.toTimestamp(dateTime), JavaTime.utc());
        } else {
            super.setObject(parameterIndex, x, targetSqlType);
        }
    }

    @Override
    public void setRowId(int parameterIndex, java.sql.RowId x) throws SQLException {
        getSite(parameterIndex).setRowId(x);
    }

    @Override
    public void setNString(int parameterIndex, String x) throws SQLException {
        getSite(parameterIndex).setNString(x);
    }

    @Override
    public void setNCharacterStream(int parameterIndex, Reader x, long length) throws SQLException {
        getSite(parameterIndex).setNCharacterStream(x, length);
    }

    @Override
    public void setNClob(int parameterIndex, NClob x) throws SQLException {
        getSite(parameterIndex).setNClob(x);
    }

    @Override
    public void setClob(int parameterIndex, Reader x, long length) throws SQLException {
        getSite(parameterIndex).setClob(x, length);
    }

    @Override
    public void setBlob(int parameterIndex, InputStream x, long length) throws SQLException {
        getSite(parameterIndex).setBlob(x, length);
    }

    @Override
    public void setNClob(int parameterIndex, Reader x, long length) throws SQLException {
        getSite(parameterIndex).setNClob(x, length);
    }

    @Override
    public void setSQLXML(int parameterIndex, SQLXML x) throws SQLException {
        getSite(parameterIndex).setSQLXML(x);
    }

    @Override
    public void setAsciiStream(int parameterIndex, InputStream x, long length) throws SQLException {
        getSite(parameterIndex).setAsciiStream(x, length);
    }

    @Override
    public void setBinaryStream(int parameterIndex, InputStream x, long length) throws SQLException {
        getSite(parameterIndex).setBinaryStream(x, length);
    }

    @Override
    public void setCharacterStream(int parameterIndex, Reader x, long length) throws SQLException {
        getSite(parameterIndex).setCharacterStream(x, length);
    }

    @Override
    public void setAsciiStream(int parameterIndex, InputStream x) throws SQLException {
        getSite(parameterIndex).setAsciiStream(x);
    }

    @Override
    public void setBinaryStream(int parameterIndex, InputStream x) throws SQLException {
        getSite(parameterIndex).setBinaryStream(x);
    }

    @Override
    public void setCharacterStream(int parameterIndex, Reader x) throws SQLException {
        getSite(parameterIndex).setCharacterStream(x);
    }

    @Override
    public void setNCharacterStream(int parameterIndex, Reader x) throws SQLException {
        getSite(parameterIndex).setNCharacterStream(x);
    }

    @Override
    public void setClob(int parameterIndex, Reader x) throws SQLException {
        getSite(parameterIndex).setClob(x);
    }

    @Override
    public void setBlob(int parameterIndex, InputStream x) throws SQLException {
        getSite(parameterIndex).setBlob(x);
    }

    @Override
    public void setNClob(int parameterIndex, Reader x) throws SQLException {
        getSite(parameterIndex).setNClob(x);
    }
}
