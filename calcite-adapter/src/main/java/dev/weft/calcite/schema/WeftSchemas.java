package dev.weft.calcite.schema;

import dev.weft.odf.dataset.CatalogSnapshot;
import dev.weft.odf.dataset.DamagedDataset;
import dev.weft.odf.dataset.DatasetView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

/**
 * The schema tree a query is planned against: catalog {@code weft} with schema {@code odf} (one table per dataset of
 * the snapshot), schema {@code state} (the current state projection of each), schema {@code sys} and PostgreSQL's
 * {@code information_schema}. Built per query from a pinned {@link CatalogSnapshot}, so every table a query
 * names reads the same heads for the whole query.
 */
public final class WeftSchemas {
    public static final String CATALOG = "weft";
    public static final String ODF = "odf";
    public static final String SYS = "sys";
    public static final String STATE = "state";
    /** Where unqualified table names are looked up. */
    public static final List<String> DEFAULT_PATH = List.of(CATALOG, ODF);
    /**
     * Where names are resolved, in order: unqualified in {@code odf}, schema-qualified ({@code sys.blocks}) in the
     * catalog, fully qualified from the root.
     */
    public static final List<List<String>> LOOKUP_PATHS = lookupPaths(ODF);
    /** The schemas of the catalog. */
    public static final List<String> NAMES = List.of(ODF, STATE, SYS);

    /** {@link #LOOKUP_PATHS} with unqualified names resolved in {@code schema} instead of {@code odf}. */
    public static List<List<String>> lookupPaths(String schema) {
        return List.of(List.of(CATALOG, schema), List.of(CATALOG), List.of());
    }

    private WeftSchemas() {}

    /** The root of the schema tree for one query. */
    public static SchemaPlus root(CatalogSnapshot snapshot, OdfTable.TableScanner scanner) {
        final SchemaPlus root = CalciteSchema.createRootSchema(false, false).plus();
        final SchemaPlus weft = root.add(CATALOG, new AbstractSchema());
        final Map<String, Table> datasets = new LinkedHashMap<>();
        for (DatasetView view : snapshot.datasets()) {
            datasets.put(view.name(), new OdfTable(view, scanner));
        }
        final Map<String, Table> states = new LinkedHashMap<>();
        for (DatasetView view : snapshot.datasets()) {
            states.put(view.name(), new StateTable(view));
        }
        for (DamagedDataset damaged : snapshot.damaged()) {
            datasets.put(damaged.name(), new DamagedTable(damaged));
            states.put(damaged.name(), new DamagedTable(damaged));
        }
        weft.add(ODF, new FixedSchema(datasets));
        weft.add(STATE, new FixedSchema(states));
        weft.add(SYS, new FixedSchema(SysTables.of(snapshot)));
        weft.add(InformationSchema.NAME, new FixedSchema(InformationSchema.of(weft)));
        return root;
    }

    /** A schema whose tables are given up front. */
    private static final class FixedSchema extends AbstractSchema {
        private final Map<String, Table> tables;

        FixedSchema(Map<String, Table> tables) {
            this.tables = tables;
        }

        @Override
        protected Map<String, Table> getTableMap() {
            return tables;
        }
    }
}
