package dev.weft.jdbc;

import dev.weft.calcite.meta.WeftVersion;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Weft JDBC driver. Two kinds of URL:
 *
 * <ul>
 *   <li>{@code jdbc:weft://host:port} — a running Weft server's JDBC endpoint (Avatica over HTTP, protobuf);
 *   <li>{@code jdbc:weft:file:/path/to/workspace} — the workspace in this process, no server (embedded).
 * </ul>
 */
public final class WeftDriver implements Driver {
    public static final String REMOTE_PREFIX = "jdbc:weft://";
    public static final String EMBEDDED_PREFIX = "jdbc:weft:file:";
    private static final Pattern REMOTE = Pattern.compile("jdbc:weft://([^/:?;]+)(?::(\\d+))?/?(?:[?;](.*))?");
    static final int DEFAULT_PORT = 8765;

    static {
        try {
            DriverManager.registerDriver(new WeftDriver());
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (url == null) {
            throw new SQLException("The URL is null");
        }
        final Properties properties = new Properties();
        if (info != null) {
            properties.putAll(info);
        }
        if (url.startsWith(EMBEDDED_PREFIX)) {
            return new EmbeddedDriver(url.substring(EMBEDDED_PREFIX.length())).open(properties);
        }
        if (url.startsWith(REMOTE_PREFIX)) {
            final Matcher matcher = REMOTE.matcher(url);
            if (!matcher.matches()) {
                throw new SQLException("Malformed Weft URL '" + url + "'; expected jdbc:weft://host:port", "08001");
            }
            final String port = matcher.group(2) == null ? Integer.toString(DEFAULT_PORT) : matcher.group(2);
            if (matcher.group(3) != null) {
                for (String pair : matcher.group(3).split("[&;]")) {
                    final int equals = pair.indexOf('=');
                    if (equals > 0) {
                        properties.setProperty(pair.substring(0, equals), pair.substring(equals + 1));
                    }
                }
            }
            return new RemoteDriver().open("http://" + matcher.group(1) + ":" + port, properties);
        }
        return null;
    }

    @Override
    public boolean acceptsURL(String url) {
        return url != null && (url.startsWith(REMOTE_PREFIX) || url.startsWith(EMBEDDED_PREFIX));
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
        return new DriverPropertyInfo[0];
    }

    @Override
    public int getMajorVersion() {
        return WeftVersion.MAJOR;
    }

    @Override
    public int getMinorVersion() {
        return WeftVersion.MINOR;
    }

    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("The Weft driver does not log through java.util.logging");
    }
}
