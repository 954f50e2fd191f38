package dev.weft.server.differential;

import java.util.List;

/** The tables a corpus file creates and the queries it runs over them; both engines are loaded with the same tables. */
public record Corpus(String name, List<TableData> tables, List<CorpusQuery> queries) {
    public Corpus {
        tables = List.copyOf(tables);
        queries = List.copyOf(queries);
    }

    /** The same tables with other queries (the generated corpus runs over the tables of the BI corpus). */
    public Corpus withQueries(String newName, List<CorpusQuery> newQueries) {
        return new Corpus(newName, tables, newQueries);
    }
}
