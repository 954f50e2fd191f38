package dev.weft.calcite;

import dev.weft.odf.dataset.WorkspaceCatalog;
import dev.weft.odf.store.Workspace;
import dev.weft.odf.testing.TpchAnswers;
import dev.weft.odf.testing.TpchWorkspace;
import java.nio.file.Path;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScratchTest {
    @Test
    void explain(@TempDir Path dir) {
        try (Workspace ws = TpchWorkspace.create(dir.resolve("t"), 0.001); RootAllocator a = new RootAllocator();
                QueryEngine e = new QueryEngine(new WorkspaceCatalog(ws), a, 2, null)) {
            for (String q : (System.getProperty("queries", "q15") + "," + System.getProperty("queries", "q15")).split(",")) {
                PreparedQuery p = e.prepare(TpchAnswers.sql(q));
                System.out.println("=== " + q + " planned in " + p.planningNanos() / 1e6 + " ms\n" + p.explain());
            }
        }
    }
}
