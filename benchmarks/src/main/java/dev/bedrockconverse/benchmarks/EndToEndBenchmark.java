package dev.bedrockconverse.benchmarks;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One real request per operation over HTTP to the Bedrock stub: ours, raw SDK and
 * ChatClient on the same SDK client instances and the same stub. The stub runs in its own
 * JVM by default ({@code -p stub=fork}), so {@code -prof gc} counts the client's
 * allocation only; {@code -p stub=inproc} keeps it in the benchmark JVM.
 * <p>
 * Calls echo a 9-word prompt; streams echo a 99-word prompt as 100 deltas, so a stream's
 * bytes per delta are {@code gc.alloc.rate.norm / 100}.
 */
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EndToEndBenchmark extends WorkloadBenchmark {

	public static final int STREAM_WORDS = 99;

	@Param({ "fork" })
	public String stub;

	private StubServer server;

	@Setup
	public void setup() throws IOException {
		this.server = StubServer.start(this.stub, List.of("-Xms512m", "-Xmx1g", "-XX:+UseParallelGC"));
		this.clients = new Clients(this.server.endpoint(), 16, false);
		this.callText = Clients.promptOfWords(9);
		this.streamText = Clients.promptOfWords(STREAM_WORDS);
	}

	@TearDown
	public void tearDown() {
		this.clients.close();
		this.server.close();
	}

	@Benchmark
	public Object oursStream() {
		return stream(Workload.OURS_STREAM);
	}

	@Benchmark
	public Object rawStream() {
		return stream(Workload.RAW_STREAM);
	}

	@Benchmark
	public Object chatClientStream() {
		return stream(Workload.CHATCLIENT_STREAM);
	}

}
