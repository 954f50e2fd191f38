package dev.weft.calcite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.calcite.exec.QueryResult;
import dev.weft.odf.dataset.WorkspaceCatalog;
import dev.weft.odf.store.Workspace;
import dev.weft.odf.testing.TpchAnswers;
import dev.weft.odf.testing.TpchWorkspace;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The 22 TPC-H queries, exactly as written, over SF 0.01 datasets, against the reference answers. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TpchQueriesTest {
    private Workspace workspace;
    private BufferAllocator allocator;
    private QueryEngine engine;

    @BeforeAll
    void createDatasets(@TempDir Path dir) {
        workspace = TpchWorkspace.create(dir.resolve("tpch"), 0.01);
        allocator = new RootAllocator();
        engine = new QueryEngine(new WorkspaceCatalog(workspace), allocator, 2, null);
    }

    @AfterAll
    void close() {
        engine.close();
        allocator.close();
        workspace.close();
    }

    static Stream<String> queries() {
        return TpchAnswers.queries().stream();
    }

    @ParameterizedTest
    @MethodSource("queries")
    void answersMatchTheReference(String query) {
        final PreparedQuery prepared = engine.prepare(TpchAnswers.sql(query));
        final List<List<Object>> rows;
        try (QueryResult result = prepared.execute(List.of())) {
            assertThat(result.schema()).isEqualTo(prepared.resultSchema());
            rows = ArrowRows.drain(result);
        }
        TpchAnswers.assertMatches(query, rows);
    }
}
