package dev.weft.bench.jmh;

import dev.weft.odf.codec.BlockCodec;
import dev.weft.odf.testing.SharedReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/** Decoding metadata blocks: the 24 golden blocks of the ODF reference (every event kind), per block. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class BlockDecodeBenchmark {
    private List<byte[]> blocks;

    @Setup
    public void readGoldenBlocks() throws IOException {
        blocks = new ArrayList<>();
        for (String version : List.of("v2", "v3")) {
            try (Stream<Path> files = Files.list(SharedReference.odf().resolve("golden-blocks").resolve(version))) {
                for (Path file : files.sorted().toList()) {
                    blocks.add(Files.readAllBytes(file));
                }
            }
        }
    }

    /** Decodes every golden block once; the score divided by their number is the time per block. */
    @Benchmark
    public void decodeGoldenBlocks(Blackhole sink) {
        for (byte[] block : blocks) {
            sink.consume(BlockCodec.decode(block));
        }
    }
}
