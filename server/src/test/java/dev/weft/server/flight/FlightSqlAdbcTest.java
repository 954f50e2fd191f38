package dev.weft.server.flight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.server.testing.ServedWorkspace;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.adbc.core.AdbcConnection;
import org.apache.arrow.adbc.core.AdbcDatabase;
import org.apache.arrow.adbc.core.AdbcDriver;
import org.apache.arrow.adbc.core.AdbcException;
import org.apache.arrow.adbc.core.AdbcStatement;
import org.apache.arrow.adbc.driver.flightsql.FlightSqlDriver;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The Java ADBC Flight SQL driver against Weft's Flight SQL server. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FlightSqlAdbcTest {
    private BufferAllocator allocator;
    private AdbcDatabase database;
    private AdbcConnection connection;

    @BeforeAll
    void connect() throws AdbcException {
        allocator = new RootAllocator();
        final Map<String, Object> parameters = new HashMap<>();
        AdbcDriver.PARAM_URI.set(parameters, "grpc+tcp://127.0.0.1:" + ServedWorkspace.get().flight.port());
        database = new FlightSqlDriver(allocator).open(parameters);
        connection = database.connect();
    }

    @AfterAll
    void disconnect() throws Exception {
        connection.close();
        database.close();
        allocator.close();
    }

    @Test
    void queriesStreamArrowBatches() throws Exception {
        long rows = 0;
        try (AdbcStatement statement = connection.createStatement()) {
            statement.setSqlQuery("SELECT l_orderkey, l_comment, r_name FROM lineitem, region");
            try (AdbcStatement.QueryResult result = statement.executeQuery()) {
                final ArrowReader reader = result.getReader();
                int batches = 0;
                while (reader.loadNextBatch()) {
                    rows += reader.getVectorSchemaRoot().getRowCount();
                    batches++;
                }
                assertThat(batches).isGreaterThan(1);
            }
        }
        assertThat(rows).isEqualTo(5 * 60_175);
    }

    @Test
    void preparedStatementsTakeBoundParameters() throws Exception {
        try (AdbcStatement statement = connection.createStatement()) {
            statement.setSqlQuery("SELECT n_name FROM nation WHERE n_nationkey = ?");
            statement.prepare();
            final Schema parameters = statement.getParameterSchema();
            assertThat(parameters.getFields()).hasSize(1);
            try (VectorSchemaRoot bind = VectorSchemaRoot.of(new BigIntVector("?1", allocator))) {
                ((BigIntVector) bind.getVector(0)).setSafe(0, 7);
                bind.setRowCount(1);
                statement.bind(bind);
                try (AdbcStatement.QueryResult result = statement.executeQuery()) {
                    final ArrowReader reader = result.getReader();
                    assertThat(reader.loadNextBatch()).isTrue();
                    final VarCharVector names = (VarCharVector) reader.getVectorSchemaRoot().getVector(0);
                    assertThat(names.getObject(0).toString()).isEqualTo("GERMANY");
                }
            }
        }
    }

    @Test
    void objectsDescribeTheCatalog() throws Exception {
        final List<String> catalogs = new ArrayList<>();
        try (ArrowReader reader = connection.getObjects(AdbcConnection.GetObjectsDepth.CATALOGS, null, null, null,
                null, null)) {
            while (reader.loadNextBatch()) {
                final VarCharVector names = (VarCharVector) reader.getVectorSchemaRoot().getVector(0);
                for (int i = 0; i < names.getValueCount(); i++) {
                    catalogs.add(names.getObject(i).toString());
                }
            }
        }
        assertThat(catalogs).containsExactly("weft");
    }

    @Test
    void errorsCarryTheSqlState() throws Exception {
        try (AdbcStatement statement = connection.createStatement()) {
            statement.setSqlQuery("SELECT * FROM missing_table");
            assertThatThrownBy(statement::executeQuery).isInstanceOf(AdbcException.class)
                    .hasMessageContaining("missing_table").hasMessageContaining("42P01");
        }
        try (AdbcStatement statement = connection.createStatement()) {
            statement.setSqlQuery("SELECT count(*) FROM region");
            try (AdbcStatement.QueryResult result = statement.executeQuery()) {
                assertThat(result.getReader().loadNextBatch()).isTrue();
                assertThat(((BigIntVector) result.getReader().getVectorSchemaRoot().getVector(0)).get(0))
                        .isEqualTo(5);
            }
        }
    }
}
