package dev.weft.server.differential;

import dev.weft.server.avatica.AvaticaServer;
import dev.weft.server.flight.FlightSqlServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks that the wire protocols never change an answer: each query runs on the embedded engine and through the
 * Flight SQL JDBC driver and the Avatica remote driver against servers over the same engine. An outcome is named
 * {@code flight/<id>} or {@code avatica/<id>} (category {@code flight} or {@code avatica}); it fails when the client
 * sees other columns or rows than the embedded engine returns, or an error where the engine answered (an error on both sides
 * counts as the same answer).
 */
final class ProtocolCheck implements AutoCloseable {
    private final WeftTables weft;
    private final FlightSqlServer flight;
    private final AvaticaServer avatica;
    private final Connection flightConnection;
    private final Connection avaticaConnection;

    ProtocolCheck(WeftTables weft) throws SQLException {
        this.weft = weft;
        this.flight = FlightSqlServer.start(weft.engine(), weft.allocator(), "127.0.0.1", 0, new SimpleMeterRegistry());
        this.avatica = AvaticaServer.start(weft.engine(), "127.0.0.1", 0);
        this.flightConnection = DriverManager.getConnection(
                "jdbc:arrow-flight-sql://127.0.0.1:" + flight.port() + "/?useEncryption=false");
        this.avaticaConnection = DriverManager.getConnection(
                "jdbc:avatica:remote:url=http://127.0.0.1:" + avatica.port() + ";serialization=protobuf");
    }

    List<Outcome> run(List<CorpusQuery> queries) {
        final List<Outcome> outcomes = new ArrayList<>();
        for (CorpusQuery query : queries) {
            List<List<Object>> embedded;
            List<String> columns;
            try {
                embedded = weft.query(query.sql());
                columns = weft.columns(query.sql());
            } catch (RuntimeException e) {
                embedded = null;
                columns = null;
            }
            outcomes.add(compare("flight", flightConnection, query, embedded, columns));
            outcomes.add(compare("avatica", avaticaConnection, query, embedded, columns));
        }
        return outcomes;
    }

    /**
     * Compares one protocol's answer with the embedded one: the column names (so that an empty result with a wrong
     * shape is caught too), then the rows.
     */
    private static Outcome compare(String protocol, Connection connection, CorpusQuery query,
            List<List<Object>> embedded, List<String> embeddedColumns) {
        final CorpusQuery named = new CorpusQuery(protocol + "/" + query.id(), protocol, query.sql(), query.ordered());
        final List<List<Object>> remote;
        final List<String> remoteColumns = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(query.sql())) {
            for (int c = 1; c <= rows.getMetaData().getColumnCount(); c++) {
                remoteColumns.add(rows.getMetaData().getColumnLabel(c));
            }
            remote = ResultRows.read(rows);
        } catch (SQLException | RuntimeException e) {
            return embedded == null ? new Outcome(named, Outcome.Status.PASS, "")
                    : new Outcome(named, Outcome.Status.WEFT_ERROR, DifferentialRunner.oneLine(
                            "embedded engine answered, " + protocol + " failed: " + e.getMessage()));
        }
        if (embedded == null) {
            return new Outcome(named, Outcome.Status.DIFFERENT, "embedded engine failed, " + protocol + " answered");
        }
        if (!remoteColumns.equals(embeddedColumns)) {
            return new Outcome(named, Outcome.Status.DIFFERENT, DifferentialRunner.oneLine(
                    "columns (" + embedded.size() + " rows): embedded " + embeddedColumns + ", " + protocol + " "
                            + remoteColumns));
        }
        final Optional<String> difference = ResultComparator.difference(embedded, remote, query.ordered());
        return difference.map(d -> new Outcome(named, Outcome.Status.DIFFERENT, DifferentialRunner.oneLine(d)))
                .orElseGet(() -> new Outcome(named, Outcome.Status.PASS, ""));
    }

    @Override
    public void close() throws SQLException {
        try {
            flightConnection.close();
            avaticaConnection.close();
        } finally {
            avatica.close();
            flight.close();
        }
    }
}
