package dev.weft.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.odf.hash.Multihash;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeftCliTest {
    private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @BeforeEach
    void initWorkspace() {
        assertThat(weft("init").exitCode).isZero();
    }

    @Test
    void addedExampleDatasetsListLogAndVerify() throws IOException {
        final Result add = weft("add", example("shop.daily-revenue.yaml"), example("shop.orders.yaml"),
                example("cities.population.yaml"));
        assertThat(add.exitCode).as(add.err).isZero();
        assertThat(add.out).contains("Added shop.orders (root, 4 blocks", "Added shop.daily-revenue (derivative, 3 blocks",
                "Added cities.population (root, 5 blocks");

        final Result list = weft("list");
        assertThat(list.out.lines()).hasSize(4);
        assertThat(list.out).containsPattern("cities\\.population\\s+root\\s+\\w{8}\\s+5\\s+0\\s+0 B");
        assertThat(list.out).containsPattern("shop\\.daily-revenue\\s+derivative\\s+\\w{8}\\s+3\\s+0");

        final Result log = weft("log", "shop.daily-revenue");
        assertThat(log.out.lines()).hasSize(3);
        assertThat(log.out.lines().toList().get(0)).contains("#2", "SetInfo");
        assertThat(log.out).contains("SetTransform", "Sql over shop.orders", "Seed");

        final Result yaml = weft("log", "shop.daily-revenue", "-o", "yaml", "-n", "2");
        assertThat(yaml.out).startsWith("kind: MetadataBlock\nversion: 3\ncontent:\n");
        assertThat(yaml.out).contains("---", "kind: SetTransform", "datasetRef: did:odf:fed01", "alias: shop.orders");

        final Result verify = weft("verify", "--all");
        assertThat(verify.exitCode).as(verify.err).isZero();
        assertThat(verify.out.lines()).hasSize(3).allMatch(line -> line.contains(": ok ("));

        for (Path block : blockFiles()) {
            assertThat(Multihash.sha3(block).toMultibase()).isEqualTo(block.getFileName().toString());
        }
    }

    @Test
    void oneBadManifestAmongGoodOnesWritesNothing() throws IOException {
        final Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, Files.readString(EXAMPLES.resolve("shop.orders.yaml"))
                .replace("name: shop.orders", "name: shop.returns")
                .replace("header: true", "header: true\n        seperator: ';'"));
        final Result add = weft("add", example("cities.population.yaml"), bad.toString());
        assertThat(add.exitCode).isEqualTo(3);
        assertThat(add.err).startsWith("weft: " + bad + ":").contains("seperator").hasLineCount(1);
        assertThat(datasetDirectories()).isEmpty();
    }

    @Test
    void addingAnExistingDatasetFailsAndKeepsTheOriginal() {
        assertThat(weft("add", example("shop.orders.yaml")).exitCode).isZero();
        final String before = weft("log", "shop.orders").out;
        final Result again = weft("add", example("shop.orders.yaml"));
        assertThat(again.exitCode).isEqualTo(5);
        assertThat(again.err).contains("'shop.orders'", "has a dataset of that name already");
        assertThat(weft("log", "shop.orders").out).isEqualTo(before);
    }

    @Test
    void derivativeWithUnknownInputWritesNothing() throws IOException {
        final Result add = weft("add", example("cities.population.yaml"), example("shop.daily-revenue.yaml"));
        assertThat(add.exitCode).isEqualTo(4);
        assertThat(add.err).contains("'shop.daily-revenue'", "input 'shop.orders'");
        assertThat(datasetDirectories()).isEmpty();
    }

    @Test
    void duplicateNamesAcrossManifestsWriteNothing() throws IOException {
        final Path copy = dir.resolve("copy.yaml");
        Files.writeString(copy, Files.readString(EXAMPLES.resolve("shop.orders.yaml"))
                .replace("name: shop.orders", "name: SHOP.Orders"));
        final Result add = weft("add", example("shop.orders.yaml"), copy.toString());
        assertThat(add.exitCode).isEqualTo(5);
        assertThat(add.err).contains("defined twice");
        assertThat(datasetDirectories()).isEmpty();
    }

    @Test
    void rootDatasetWithTransformIsRejected() throws IOException {
        final Path manifest = dir.resolve("wrong-kind.yaml");
        Files.writeString(manifest, Files.readString(EXAMPLES.resolve("shop.daily-revenue.yaml"))
                .replace("kind: Derivative", "kind: Root"));
        final Result add = weft("add", example("shop.orders.yaml"), manifest.toString());
        assertThat(add.exitCode).isEqualTo(3);
        assertThat(add.err).contains("a root dataset cannot have a SetTransform");
        assertThat(datasetDirectories()).isEmpty();
    }

    @Test
    void verifyNamesTheBlockOfATamperedFile() throws IOException {
        assertThat(weft("add", example("shop.orders.yaml")).exitCode).isZero();
        final Path block = blockFiles().get(0);
        final byte[] bytes = Files.readAllBytes(block);
        bytes[bytes.length - 1] ^= 1;
        Files.write(block, bytes);
        final Result verify = weft("verify", "shop.orders");
        assertThat(verify.exitCode).isEqualTo(7);
        assertThat(verify.err).contains("shop.orders", block.getFileName().toString());
    }

    @Test
    void ingestedSnapshotsShowInListAndLogAndVerify() {
        assertThat(weft("add", example("cities.population.yaml")).exitCode).isZero();
        final Result first = weft("ingest", "cities.population", example("data/cities-2020.csv"));
        assertThat(first.exitCode).as(first.err).isZero();
        assertThat(first.out).startsWith("Ingested 3 records into cities.population (offsets 0..2, head ");
        final Result second = weft("ingest", "cities.population", example("data/cities-2021.csv"));
        // As kamu writes it: Toronto's unchanged population with a new census date is a correction too.
        assertThat(second.out).startsWith("Ingested 6 records into cities.population (offsets 3..8, head ");
        final Result again = weft("ingest", "cities.population", example("data/cities-2021.csv"));
        assertThat(again.out).startsWith("Read 3 records; nothing new for cities.population");

        assertThat(weft("list").out).containsPattern("cities\\.population\\s+root\\s+\\w{8}\\s+8\\s+9\\s");
        assertThat(weft("log", "cities.population", "-n", "3").out)
                .contains("AddData", "6 records [3..8]", "watermark 2021-01-01 00:00:00Z", "SetDataSchema");
        assertThat(weft("verify", "cities.population").exitCode).isZero();
    }

    @Test
    void systemTimePinsTheCommitsSoSlicesHashAsKamusDo() {
        assertThat(weft("add", example("cities.population.yaml")).exitCode).isZero();
        assertThat(weft("ingest", "cities.population", example("data/cities-2020.csv"), "--system-time",
                "2050-01-01T00:00:00Z").exitCode).isZero();
        assertThat(weft("ingest", "cities.population", example("data/cities-2021.csv"), "--system-time",
                "2050-01-02T00:00:00Z").exitCode).isZero();
        // The logical hashes kamu-cli 0.265.0 writes for the same two ingests at the same system times.
        assertThat(weft("log", "cities.population", "-o", "yaml").out).contains(
                "f9680c00120610b318f5b978bc5bc194b57f8a04afa35fe9e2dd6f7317f8d9fc4a917b951c0",
                "f9680c0012094b633d8f5f15bccbfb21e51d307bc9c08c141eaf2640c928a2d27a557e7e829",
                "2050-01-02T00:00:00Z");
        final Result bad = weft("ingest", "cities.population", example("data/cities-2021.csv"), "--system-time",
                "tomorrow");
        assertThat(bad.exitCode).isNotZero();
        assertThat(bad.err).contains("--system-time 'tomorrow' is not an RFC 3339 timestamp");
    }

    @Test
    void ingestOfABadFileNamesTheLineAndLeavesTheDatasetAsItWas() throws IOException {
        assertThat(weft("add", example("cities.population.yaml")).exitCode).isZero();
        final Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "census_date,city,population\n2021-01-01,Calgary,many\n");
        final Result ingest = weft("ingest", "cities.population", bad.toString());
        assertThat(ingest.exitCode).isEqualTo(3);
        assertThat(ingest.err).isEqualTo("weft: " + bad + ":2:20: column 'population': cannot read 'many' as BIGINT: "
                + "not an integer\n");
        assertThat(weft("list").out).containsPattern("cities\\.population\\s+root\\s+\\w{8}\\s+5\\s+0\\s");
    }

    @Test
    void pullTakesNewFilesOfAFilesGlobSourceOnce() throws IOException {
        assertThat(weft("add", example("shop.orders.yaml")).exitCode).isZero();
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("data/orders-1.csv"), "order_time,order_id,product,quantity,price\n"
                + "2026-03-01T10:00:00Z,1,tea,2,3.50\n2026-03-01T11:00:00Z,2,cake,1,4.25\n");
        final Result first = weft("pull", "shop.orders");
        assertThat(first.exitCode).as(first.err).isZero();
        assertThat(first.out).startsWith("shop.orders: 2 records in 1 commit(s), head ");
        assertThat(weft("pull", "--all").out).isEqualTo("shop.orders: up to date\n");
        Files.writeString(dir.resolve("data/orders-2.csv"), "order_time,order_id,product,quantity,price\n"
                + "2026-03-02T09:00:00Z,2,cake,1,4.25\n2026-03-02T09:30:00Z,3,tea,1,3.50\n");
        assertThat(weft("pull", "shop.orders").out).startsWith("shop.orders: 1 records in 1 commit(s)");
        assertThat(weft("log", "shop.orders", "-n", "1").out).contains("1 records [2..2]", "source state");
        assertThat(weft("verify", "shop.orders").exitCode).isZero();
    }

    @Test
    void pullSaysWhatAnEmptyGlobLookedForAndNamesTheDerivativesItSkips() {
        assertThat(weft("add", example("shop.orders.yaml"), example("shop.daily-revenue.yaml")).exitCode).isZero();
        final Result pull = weft("pull", "--all");
        assertThat(pull.exitCode).as(pull.err).isZero();
        assertThat(pull.out).isEqualTo("shop.orders: nothing pulled yet: no file matches 'orders-*.csv' in "
                + dir.resolve("data") + " (no such directory) (FilesGlob path 'data/orders-*.csv', relative to "
                + dir + ")\nshop.daily-revenue: skipped, a derivative dataset (Weft does not run transforms yet)\n");
    }

    @Test
    void aManifestWithAPreprocessStepWeftCannotRunIsRefusedNamingTheField() throws IOException {
        final Path manifest = dir.resolve("pre.yaml");
        Files.writeString(manifest, """
                kind: DatasetSnapshot
                version: 1
                content:
                  name: pre
                  kind: Root
                  metadata:
                    - kind: AddPushSource
                      sourceName: feed
                      read: {kind: Csv, header: true, schema: ["a BIGINT"]}
                      preprocess:
                        kind: Sql
                        engine: datafusion
                        query: SELECT a * 2 AS a FROM input
                      merge: {kind: Append}
                """);
        final Result add = weft("add", manifest.toString());
        assertThat(add.exitCode).isNotZero();
        assertThat(add.err).contains("Cannot add dataset 'pre': its push source 'feed' has a preprocess.query Weft "
                + "cannot run: 'a * 2 AS a' is neither a column, a renamed column (column AS name) nor a "
                + "string constant with a name ('text' AS name)");
        assertThat(datasetDirectories()).isEmpty();
    }

    @Test
    void aManifestWithADecimalOutOfRangeIsRefusedNamingTheFieldAndTheRange() throws IOException {
        final Path manifest = dir.resolve("broken.yaml");
        Files.writeString(manifest, """
                kind: DatasetSnapshot
                version: 1
                content:
                  name: prices
                  kind: Root
                  metadata:
                    - kind: SetDataSchema
                      schema:
                        fields:
                          - {name: price, type: {kind: Decimal, precision: 2147483647, scale: -5}}
                """);
        final Result add = weft("add", manifest.toString());
        assertThat(add.exitCode).isEqualTo(3);
        assertThat(add.err).isEqualTo("weft: " + manifest + ":10:60: content.metadata[0].schema.fields[0].type.precision: "
                + "Decimal(2147483647, -5) is out of range: precision must be 1..38 and scale 0..precision\n");
        assertThat(datasetDirectories()).isEmpty();
    }

    @Test
    void ingestOfACsvThatIsNotUtf8NamesWhereAndLeavesTheDatasetAsItWas() throws IOException {
        assertThat(weft("add", example("cities.population.yaml")).exitCode).isZero();
        final Path bad = dir.resolve("latin1.csv");
        Files.write(bad, "census_date,city,population\n2021-01-01,Montréal,1800000\n"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        final Result ingest = weft("ingest", "cities.population", bad.toString());
        assertThat(ingest.exitCode).isEqualTo(3);
        assertThat(ingest.err).isEqualTo("weft: " + bad + ":2:17: byte 0xE9 is not valid UTF-8\n");
        assertThat(weft("list").out).containsPattern("cities\\.population\\s+root\\s+\\w{8}\\s+5\\s+0\\s");
    }

    @Test
    void listShowsHealthyDatasetsEvenWhenOneIsUnreadable() throws IOException {
        assertThat(weft("add", example("shop.orders.yaml"), example("cities.population.yaml")).exitCode).isZero();
        final Path cities = dir.resolve(".weft/datasets/cities.population");
        Files.delete(cities.resolve("blocks").resolve(Files.readString(cities.resolve("refs/head"))));
        final Result list = weft("list");
        assertThat(list.exitCode).isEqualTo(4);
        assertThat(list.out).containsPattern("cities\\.population\\s+\\?.*unreadable")
                .containsPattern("shop\\.orders\\s+root\\s+\\w{8}\\s+4");
        assertThat(list.err).startsWith("weft: ").contains("cities.population");
        assertThat(weft("verify", "cities.population").exitCode).isEqualTo(7);
    }

    @Test
    void commandsOutsideAWorkspaceExplainWhatToDo() {
        final Result list = run("--workspace", dir.resolve("elsewhere").toString(), "list");
        assertThat(list.exitCode).isEqualTo(9);
        assertThat(list.err).contains("no Weft workspace", "init");
    }

    @Test
    void unknownDatasetIsNotFound() {
        final Result log = weft("log", "no.such.dataset");
        assertThat(log.exitCode).isEqualTo(4);
        assertThat(log.err).contains("'no.such.dataset'");
    }

    private List<Path> blockFiles() throws IOException {
        final List<Path> blocks = new ArrayList<>();
        for (Path dataset : datasetDirectories()) {
            try (Stream<Path> files = Files.list(dataset.resolve("blocks"))) {
                files.sorted().forEach(blocks::add);
            }
        }
        assertThat(blocks).isNotEmpty();
        return blocks;
    }

    private List<Path> datasetDirectories() throws IOException {
        try (Stream<Path> entries = Files.list(dir.resolve(".weft").resolve("datasets"))) {
            return entries.sorted().toList();
        }
    }

    private static String example(String name) {
        return EXAMPLES.resolve(name).toString();
    }

    @Test
    void serveHelpFormatsWithoutPicocliWarnings() {
        // picocli reports a description it cannot format (a lone '%') on System.err, not on the command's writer.
        final PrintStream stderr = System.err;
        final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        final Result help;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            help = run("serve", "--help");
        } finally {
            System.setErr(stderr);
        }
        assertThat(help.exitCode).isZero();
        assertThat(help.out).contains("(default: 80%\n", "of RAM less the JVM heap");
        assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain("picocli WARN");
    }

    private Result weft(String... args) {
        final String[] all = new String[args.length + 2];
        all[0] = "--workspace";
        all[1] = dir.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return run(all);
    }

    private static Result run(String... args) {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int exitCode = WeftCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(exitCode, out.toString(), err.toString());
    }

    private record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n" + out + err;
        }
    }
}
