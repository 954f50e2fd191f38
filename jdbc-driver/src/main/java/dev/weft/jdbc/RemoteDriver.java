package dev.weft.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.apache.calcite.avatica.AvaticaFactory;
import org.apache.calcite.avatica.DriverVersion;
import org.apache.calcite.avatica.remote.Driver;

/** Avatica's remote driver speaking protobuf to a Weft server, reporting itself as Weft. */
final class RemoteDriver extends Driver {
    private static final String PREFIX = "jdbc:weft:remote:";

    @Override
    protected String getConnectStringPrefix() {
        return PREFIX;
    }

    @Override
    protected AvaticaFactory createFactory() {
        return new WeftFactory(super.createFactory());
    }

    @Override
    protected DriverVersion createDriverVersion() {
        return DriverVersions.create();
    }

    /** Connects to the Avatica endpoint at {@code httpUrl}. */
    Connection open(String httpUrl, Properties properties) throws SQLException {
        properties.setProperty("url", httpUrl);
        properties.setProperty("serialization", "protobuf");
        return connect(PREFIX, properties);
    }
}
