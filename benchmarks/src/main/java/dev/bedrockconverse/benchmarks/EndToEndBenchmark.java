package dev.bedrockconverse.benchmarks;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One real request per operation over HTTP to the Bedrock stub: ours, raw SDK and
 * ChatClient on the same SDK client instances and the same stub. The stub runs in its own
 * JVM by default ({@code -p stub=fork}), so {@code -prof gc} counts the client's
 * allocation only; {@code -p stub=inproc} keeps it in the benchmark JVM.
 * <p>
 * Calls echo a 9-word prompt; streams echo a 99-word prompt as 100 deltas, so a stream's
 * bytes per delta are {@code gc.alloc.rate.norm / 100}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
@State(Scope.Benchmark)
public class EndToEndBenchmark {

	public static final int STREAM_WORDS = 99;

	@Param({ "fork" })
	public String stub;

	private StubServer server;

	private Clients clients;

	private String callText;

	private String streamText;

	private final Workload.Counter sink = new Workload.Counter();

	@Setup
	public void setup() throws IOException {
		this.server = StubServer.start(this.stub, List.of("-Xms512m", "-Xmx1g", "-XX:+UseParallelGC"));
		this.clients = new Clients(this.server.endpoint(), 16);
		this.callText = Clients.promptOfWords(9);
		this.streamText = Clients.promptOfWords(STREAM_WORDS);
	}

	@TearDown
	public void tearDown() {
		this.clients.close();
		this.server.close();
	}

	@Benchmark
	public Object oursCall() {
		return Workload.OURS_CALL.run(this.clients, this.callText, this.sink);
	}

	@Benchmark
	public Object rawCall() {
		return Workload.RAW_CALL.run(this.clients, this.callText, this.sink);
	}

	@Benchmark
	public Object chatClientCall() {
		return Workload.CHATCLIENT_CALL.run(this.clients, this.callText, this.sink);
	}

	@Benchmark
	public Object oursStream() {
		return Workload.OURS_STREAM.run(this.clients, this.streamText, this.sink);
	}

	@Benchmark
	public Object rawStream() {
		return Workload.RAW_STREAM.run(this.clients, this.streamText, this.sink);
	}

	@Benchmark
	public Object chatClientStream() {
		return Workload.CHATCLIENT_STREAM.run(this.clients, this.streamText, this.sink);
	}

}
