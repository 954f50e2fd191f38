package dev.weft.server.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class PostgresServerTest {
    @Test
    void startsAPostgres15ThatAnswersThenStopsItAndRemovesItsDirectory() throws Exception {
        final int port;
        final Path directory;
        try (PostgresServer server = PostgresServer.start()) {
            port = server.port();
            directory = server.directory();
            server.createDatabase("scratch");
            try (Connection connection = server.connect("scratch");
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery(
                            "SELECT 7 / 2, current_setting('server_version_num')::int >= 150000")) {
                assertTrue(rows.next());
                assertEquals(3, rows.getInt(1));
                assertTrue(rows.getBoolean(2));
            }
        }
        assertFalse(Files.exists(directory));
        try (Socket socket = new Socket()) {
            assertThrows(IOException.class, () -> socket.connect(new InetSocketAddress("127.0.0.1", port), 1000));
        }
    }
}
