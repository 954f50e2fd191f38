package dev.weft.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An example project in the shape of kamu's (manifests and a {@code data/} folder, the workspace at the project's
 * root) run end to end the way kamu's READMEs and scripts do: {@code init --exists-ok}, {@code add -r}, {@code pull
 * --all}, {@code pull --fetch} for a source whose URL is out of reach, {@code ingest} into a push source, then
 * {@code verify --all} and SQL over what was ingested. It exercises the features kamu's root examples use: FilesGlob
 * with a glob, CSV headers that differ from the declared schema, projecting {@code preprocess} queries, a
 * {@code Pipe} prepare step, NdJson push sources with a renamed event time column, and Ledger merges.
 */
class ExampleProjectCliTest {
    @TempDir
    Path project;

    @Test
    void aKamuStyleProjectIsAddedPulledIngestedVerifiedAndQueried() throws IOException {
        writeProject();

        assertThat(weft("init", "--exists-ok").exitCode).isZero();
        final Result again = weft("init", "--exists-ok");
        assertThat(again.exitCode).as(again.err).isZero();
        assertThat(again.out).contains("exists already");

        final Result withoutRecursive = weft("add", project.toString());
        assertThat(withoutRecursive.exitCode).isEqualTo(2);
        assertThat(withoutRecursive.err).contains("it is a directory; give -r to add the manifests in it");

        final Result add = weft("add", "-r", project.toString());
        assertThat(add.exitCode).as(add.err).isZero();
        assertThat(add.out).contains("Added bookshop.sales (root", "Added bookshop.rates (root",
                "Added bookshop.reviews (root", "Added bookshop.sales.eur (derivative");

        // The rates come from a URL this test cannot reach: it fails on its own and the other sources are pulled.
        final Result pull = weft("pull", "--all");
        assertThat(pull.exitCode).isEqualTo(10);
        assertThat(pull.err).contains("Cannot fetch http://127.0.0.1:9/rates.csv for 'bookshop.rates'",
                "1 of 2 dataset(s) could not be pulled");
        assertThat(pull.out).contains("bookshop.sales: 3 records in 2 commit(s)",
                "bookshop.sales.eur: skipped, a derivative dataset");

        final Result fetch = weft("pull", "bookshop.rates", "--fetch", project.resolve("downloads/rates.txt").toString());
        assertThat(fetch.exitCode).as(fetch.err).isZero();
        assertThat(fetch.out).contains("bookshop.rates: 2 records from");

        final Result derivative = weft("pull", "bookshop.sales.eur");
        assertThat(derivative.exitCode).isEqualTo(8);
        assertThat(derivative.err).contains("Cannot pull 'bookshop.sales.eur': it is a derivative dataset, and Weft "
                + "does not run transforms yet");

        for (String file : new String[] {"data/reviews/1.ndjson", "data/reviews/2.ndjson"}) {
            final Result ingest = weft("ingest", "bookshop.reviews", project.resolve(file).toString());
            assertThat(ingest.exitCode).as(ingest.err).isZero();
        }

        final Result verify = weft("verify", "--all");
        assertThat(verify.exitCode).as(verify.err).isZero();
        assertThat(verify.out.lines()).hasSize(4).allMatch(line -> line.contains(": ok ("));

        final Result sales = weft("sql", "-c", "select sale_id, title, amount, currency, event_time "
                + "from \"bookshop.sales\" order by sale_id");
        assertThat(sales.exitCode).as(sales.err).isZero();
        assertThat(sales.out.lines().map(String::strip).map(l -> l.replaceAll("\\s+", " ")).toList()).containsSequence(
                "sale_id title amount currency event_time",
                "1 Dune 12.5 USD 2026-01-05 00:00:00",
                "2 Emma 8.0 USD 2026-01-05 00:00:00",
                "3 Ulysses 15.25 USD 2026-01-12 00:00:00");

        final Result answer = weft("sql", "-c", "select r.base, max(r.rate) as top, "
                + "(select sum(score) from \"bookshop.reviews\") as scores from \"bookshop.rates\" r group by r.base");
        assertThat(answer.exitCode).as(answer.err).isZero();
        assertThat(answer.out.lines().map(l -> l.strip().replaceAll("\\s+", " ")).toList())
                .containsSequence("base top scores", "EUR 1.09 14");
    }

    private void writeProject() throws IOException {
        write("bookshop.sales.yaml", """
                kind: DatasetSnapshot
                version: 1
                content:
                  name: bookshop.sales
                  kind: Root
                  metadata:
                    - kind: SetPollingSource
                      fetch:
                        kind: FilesGlob
                        path: data/sales-*.csv
                      read:
                        kind: Csv
                        header: true
                        schema:
                          fields:
                            - {name: SoldOn, type: timestamp}
                            - {name: SaleId, type: int64}
                            - {name: Title, type: string}
                            - {name: Amount, type: float64}
                      preprocess:
                        kind: Sql
                        engine: datafusion
                        query: |
                          SELECT
                            SoldOn as event_time,
                            SaleId as sale_id,
                            Title as title,
                            Amount as amount,
                            'USD' as currency
                          FROM input
                      merge:
                        kind: Ledger
                        primaryKey:
                          - sale_id
                """);
        // Headers with spaces, unlike the schema's names: with a schema, kamu matches columns by position.
        write("data/sales-001.csv", "Sold On,Sale Id,Title,Amount\n2026-01-05,1,Dune,12.5\n2026-01-05,2,Emma,8.0\n");
        write("data/sales-002.csv", "Sold On,Sale Id,Title,Amount\n2026-01-05,2,Emma,8.0\n2026-01-12,3,Ulysses,15.25\n");

        write("bookshop.rates.yaml", """
                kind: DatasetSnapshot
                version: 1
                content:
                  name: bookshop.rates
                  kind: Root
                  metadata:
                    - kind: SetPollingSource
                      fetch:
                        kind: Url
                        url: http://127.0.0.1:9/rates.csv
                      prepare:
                        - kind: Pipe
                          command:
                            - sed
                            - -e
                            - 1,/OBSERVATIONS/d
                      read:
                        kind: Csv
                        header: true
                        schema:
                          fields:
                            - {name: date, type: timestamp}
                            - {name: FXEURUSD, type: float64}
                            - {name: FXGBPUSD, type: float64}
                      preprocess:
                        kind: Sql
                        engine: datafusion
                        query: select date, 'EUR' as base, FXEURUSD as rate from input
                      merge:
                        kind: Ledger
                        primaryKey:
                          - date
                    - kind: SetVocab
                      eventTimeColumn: date
                """);
        write("downloads/rates.txt", "\"TERMS\"\n\"use freely\"\n\n\"OBSERVATIONS\"\ndate,FXEURUSD,FXGBPUSD\n"
                + "2026-01-05,1.08,1.27\n2026-01-06,1.09,1.26\n");

        write("reviews/bookshop.reviews.yaml", """
                kind: DatasetSnapshot
                version: 1
                content:
                  name: bookshop.reviews
                  kind: Root
                  metadata:
                    - kind: AddPushSource
                      sourceName: default
                      read:
                        kind: NdJson
                        schema:
                          fields:
                            - {name: reviewed_at, type: timestamp}
                            - {name: review_id, type: int64}
                            - {name: reviewer, type: string}
                            - {name: score, type: int64}
                      merge:
                        kind: Ledger
                        primaryKey: [review_id, reviewer]
                    - kind: SetVocab
                      eventTimeColumn: reviewed_at
                """);
        write("data/reviews/1.ndjson", "{\"reviewed_at\": \"2026-01-06\", \"review_id\": 1, \"reviewer\": \"Ann\", "
                + "\"score\": 5}\n{\"reviewed_at\": \"2026-01-06\", \"review_id\": 1, \"reviewer\": \"Bo\", \"score\": 4}");
        write("data/reviews/2.ndjson", "{\"reviewed_at\": \"2026-01-07\", \"review_id\": 2, \"reviewer\": \"Ann\", "
                + "\"score\": 5}\n{\"reviewed_at\": \"2026-01-06\", \"review_id\": 1, \"reviewer\": \"Bo\", \"score\": 4}\n");

        write("bookshop.sales.eur.yaml", """
                kind: DatasetSnapshot
                version: 1
                content:
                  name: bookshop.sales.eur
                  kind: Derivative
                  metadata:
                    - kind: SetTransform
                      inputs:
                        - datasetRef: bookshop.sales
                        - datasetRef: bookshop.rates
                      transform:
                        kind: Sql
                        engine: datafusion
                        query: |
                          select s.event_time, s.sale_id, s.amount / r.rate as amount_eur
                          from "bookshop.sales" s join "bookshop.rates" r on s.event_time = r.date
                """);
    }

    private void write(String relative, String text) throws IOException {
        final Path file = project.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private Result weft(String... args) {
        final String[] all = new String[args.length + 2];
        all[0] = "--workspace";
        all[1] = project.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int exitCode = WeftCommand.run(all, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(exitCode, out.toString(), err.toString());
    }

    private record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n" + out + err;
        }
    }
}
