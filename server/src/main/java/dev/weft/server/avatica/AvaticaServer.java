package dev.weft.server.avatica;

import dev.weft.calcite.QueryEngine;
import dev.weft.calcite.jdbc.WeftMeta;
import dev.weft.odf.error.ErrorCode;
import dev.weft.odf.error.WeftException;
import java.util.List;
import org.apache.calcite.avatica.remote.Driver.Serialization;
import org.apache.calcite.avatica.remote.LocalService;
import org.apache.calcite.avatica.server.HttpServer;
import org.apache.calcite.avatica.server.ServerCustomizer;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The JDBC endpoint: Avatica's protocol over HTTP with protobuf messages, answered by {@link WeftMeta}. Any JDBC tool
 * connects with Avatica's remote driver or Weft's own ({@code jdbc:weft://host:port}).
 */
public final class AvaticaServer implements AutoCloseable {
    private final HttpServer server;

    private AvaticaServer(HttpServer server) {
        this.server = server;
    }

    /** Starts serving on {@code host:port} (port 0 picks a free port). */
    public static AvaticaServer start(QueryEngine engine, String host, int port) {
        final ServerCustomizer<Server> bindHost = server -> {
            for (Connector connector : server.getConnectors()) {
                ((ServerConnector) connector).setHost(host);
            }
        };
        final HttpServer server = HttpServer.Builder.<Server>newBuilder()
                .withHandler(MessageOnlyErrors.wrap(new LocalService(new WeftMeta(engine))), Serialization.PROTOBUF)
                .withPort(port)
                .withServerCustomizers(List.of(bindHost), Server.class)
                .build();
        try {
            server.start();
        } catch (RuntimeException e) {
            throw new WeftException(ErrorCode.IO, "Cannot serve JDBC (Avatica) on " + host + ":" + port + ": "
                    + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage()), e);
        }
        return new AvaticaServer(server);
    }

    public int port() {
        return server.getPort();
    }

    @Override
    public void close() {
        server.stop();
    }
}
