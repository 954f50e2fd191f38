package dev.weft.jdbc;

import java.sql.ResultSet;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaDatabaseMetaData;
import org.apache.calcite.avatica.InternalProperty;
import org.apache.calcite.avatica.util.Casing;

/**
 * Avatica's {@code DatabaseMetaData} with Weft's facts where Avatica's defaults are Calcite's or unimplemented:
 * unquoted names fold to lower case (quoted ones keep their case and compare exactly), and result sets are
 * read-only, forward-only and held over commits, so no change to them is ever visible or detected.
 */
final class WeftDatabaseMetaData extends AvaticaDatabaseMetaData {
    WeftDatabaseMetaData(AvaticaConnection connection) {
        super(connection);
        // Avatica answers every stores…/supports…Identifiers call from these connection properties.
        connection.properties.put(InternalProperty.UNQUOTED_CASING, Casing.TO_LOWER);
        connection.properties.put(InternalProperty.QUOTED_CASING, Casing.UNCHANGED);
        connection.properties.put(InternalProperty.CASE_SENSITIVE, true);
    }

    @Override
    public boolean ownUpdatesAreVisible(int type) {
        return false;
    }

    @Override
    public boolean ownDeletesAreVisible(int type) {
        return false;
    }

    @Override
    public boolean ownInsertsAreVisible(int type) {
        return false;
    }

    @Override
    public boolean othersUpdatesAreVisible(int type) {
        return false;
    }

    @Override
    public boolean othersDeletesAreVisible(int type) {
        return false;
    }

    @Override
    public boolean othersInsertsAreVisible(int type) {
        return false;
    }

    @Override
    public boolean updatesAreDetected(int type) {
        return false;
    }

    @Override
    public boolean deletesAreDetected(int type) {
        return false;
    }

    @Override
    public boolean insertsAreDetected(int type) {
        return false;
    }

    @Override
    public boolean supportsResultSetHoldability(int holdability) {
        return holdability == getResultSetHoldability();
    }

    /** The holdability Avatica reports; stated here so that {@link #supportsResultSetHoldability} agrees with it. */
    @Override
    public int getResultSetHoldability() {
        return ResultSet.HOLD_CURSORS_OVER_COMMIT;
    }
}
