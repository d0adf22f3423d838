package dev.bedrockconverse.benchmarks;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The adapter's whole cost per call and per streamed delta with no network at all: ours,
 * raw SDK and ChatClient over {@link InMemoryClients} (canned response, canned events
 * replayed synchronously). Whatever "ours" costs above "raw" here is what the adapter
 * adds to a real request: mapping both ways, option merging, the (no-op) observation, and
 * for streams the Reactor bridge.
 * <p>
 * Call benchmarks are per call; stream benchmarks are per delta
 * ({@link OperationsPerInvocation} = {@value #DELTAS}: one stream of that many deltas
 * plus its start/stop/metadata events, the per-stream cost spread over its deltas). Run
 * with {@code -prof gc} for bytes per call / per delta ({@code gc.alloc.rate.norm}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
@State(Scope.Benchmark)
public class AdapterOverheadBenchmark {

	public static final int DELTAS = 100;

	private Clients clients;

	private String callText;

	private String streamText;

	private final Workload.Counter sink = new Workload.Counter();

	@Setup
	public void setup() {
		this.callText = Clients.promptOfWords(9);
		this.streamText = Clients.promptOfWords(DELTAS - 1);
		this.clients = new Clients(InMemoryClients.sync(InMemoryClients.converseResponse("Echo: " + this.callText)),
				InMemoryClients.async(InMemoryClients.streamEvents(DELTAS)));
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
	@OperationsPerInvocation(DELTAS)
	public Object oursStreamPerDelta() {
		return Workload.OURS_STREAM.run(this.clients, this.streamText, this.sink);
	}

	@Benchmark
	@OperationsPerInvocation(DELTAS)
	public Object rawStreamPerDelta() {
		return Workload.RAW_STREAM.run(this.clients, this.streamText, this.sink);
	}

	@Benchmark
	@OperationsPerInvocation(DELTAS)
	public Object chatClientStreamPerDelta() {
		return Workload.CHATCLIENT_STREAM.run(this.clients, this.streamText, this.sink);
	}

}
