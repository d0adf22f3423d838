package dev.bedrockconverse.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Drives N calls or streams at concurrency C against the Bedrock stub, through our
 * adapter, the bare SDK and Spring AI's ChatClient, alternating the order every round
 * (ours, raw, … then …, raw, ours), and prints one line per run plus, at the end, the
 * median ratio of each non-raw side against raw from the same round, with its spread.
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.bedrockconverse.benchmarks.LoadDriver \
 *     --mode both --calls 4000 --streams 800 --concurrency 4 --rounds 5
 * </pre> Options: {@code --mode call|stream|both},
 * {@code --impls ours,raw,chatclient,meters} ({@code meters}: the starter as users run
 * it, {@link StarterApp}, on the same stub), {@code --calls N} (per call run),
 * {@code --streams N} (per stream run), {@code --concurrency C}, {@code --rounds R},
 * {@code --warmup-fraction F} (of N, once per side before round 1),
 * {@code --call-words W} (prompt words for calls, default 9), {@code --stream-words W}
 * (default 99, so 100 deltas per answer), {@code --stub
 * fork|inproc|http://127.0.0.1:PORT}, {@code --stub-jvm-args "-Xmx1g ..."},
 * {@code --protocol h2c|http1} (the async transport of every side but {@code meters},
 * whose is the starter's: h2c by default, the same as the starter's),
 * {@code --stub-cpus 1} (pin the forked stub with {@code taskset -c}; start the driver
 * itself under {@code taskset -c 0} so that client and stub each own a core).
 * <p>
 * CPU: {@code cpu/call} is this JVM's process CPU time (all threads: callers, SDK and
 * Netty threads, GC, JIT) over the run divided by the number of requests; with the
 * default {@code --stub fork} the stub is in another JVM, so it is the client's alone
 * ({@code stubcpu/call} is the stub process's, from the OS). With {@code --stub inproc}
 * it includes the stub. {@code alloc/call} sums
 * {@code ThreadMXBean.getThreadAllocatedBytes} over live threads.
 */
public final class LoadDriver {

	private LoadDriver() {
	}

	public static void main(String[] args) throws Exception {
		Config config = parse(args);
		List<Result> results = run(config);
		long errors = results.stream().mapToLong(Result::errors).sum();
		System.exit((errors == 0) ? 0 : 1);
	}

	static Config parse(String[] args) {
		Config c = new Config();
		for (int i = 0; i < args.length; i++) {
			String a = args[i];
			String v = (i + 1 < args.length) ? args[i + 1] : null;
			switch (a) {
				case "--mode" -> c.mode = v;
				case "--impls" -> c.impls = List.of(v.split(","));
				case "--calls" -> c.calls = Integer.parseInt(v);
				case "--streams" -> c.streams = Integer.parseInt(v);
				case "--concurrency", "-c" -> c.concurrency = Integer.parseInt(v);
				case "--rounds" -> c.rounds = Integer.parseInt(v);
				case "--warmup-fraction" -> c.warmupFraction = Double.parseDouble(v);
				case "--call-words" -> c.callWords = Integer.parseInt(v);
				case "--stream-words" -> c.streamWords = Integer.parseInt(v);
				case "--stub" -> c.stub = v;
				case "--protocol" -> c.protocol = v;
				case "--stub-cpus" -> c.stubCpus = v;
				case "--stub-jvm-args" -> c.stubJvmArgs = v.isBlank() ? List.of() : List.of(v.trim().split("\\s+"));
				default -> throw new IllegalArgumentException("unknown option " + a);
			}
			i++;
		}
		if (!List.of("call", "stream", "both").contains(c.mode)) {
			throw new IllegalArgumentException("--mode must be call, stream or both");
		}
		return c;
	}

	/**
	 * Run everything the config asks for and print one line per run, then the summary.
	 * @param config the options
	 * @return every measured (non-warm-up) run
	 */
	public static List<Result> run(Config config) throws Exception {
		List<Result> all = new ArrayList<>();
		try (StubServer stub = StubServer.start(config.stub, config.stubJvmArgs, config.stubCpus);
				Clients clients = new Clients(stub.endpoint(), config.concurrency, config.impls.contains("meters"),
						config.h2c())) {
			print(config, String.format(Locale.ROOT,
					"# LoadDriver stub=%s stub_cpus=%s endpoint=%s protocol=%s impls=%s c=%d rounds=%d nproc=%d java=%s",
					stub.mode(), (config.stubCpus != null) ? config.stubCpus : "any", stub.endpoint(), config.protocol,
					config.impls, config.concurrency, config.rounds, Runtime.getRuntime().availableProcessors(),
					System.getProperty("java.version")));
			List<Boolean> modes = switch (config.mode) {
				case "call" -> List.of(false);
				case "stream" -> List.of(true);
				default -> List.of(false, true);
			};
			for (boolean streaming : modes) {
				int n = streaming ? config.streams : config.calls;
				String text = Clients.promptOfWords(streaming ? config.streamWords : config.callWords);
				int warm = (int) Math.ceil(n * config.warmupFraction);
				if (warm > 0) {
					for (String impl : config.impls) {
						Result r = once(stub, clients, Workload.of(impl, streaming), text, warm, config.concurrency, 0);
						print(config, "warmup " + r.line());
					}
				}
				List<Result> mine = new ArrayList<>();
				for (int round = 1; round <= config.rounds; round++) {
					List<String> order = new ArrayList<>(config.impls);
					if (round % 2 == 0) {
						java.util.Collections.reverse(order);
					}
					for (String impl : order) {
						Result r = once(stub, clients, Workload.of(impl, streaming), text, n, config.concurrency,
								round);
						print(config, r.line());
						mine.add(r);
					}
				}
				for (String line : summary(mine, streaming)) {
					print(config, line);
				}
				all.addAll(mine);
			}
		}
		return all;
	}

	private static void print(Config config, String line) {
		if (!config.quiet) {
			System.out.println(line);
			System.out.flush();
		}
	}

	/**
	 * One run: n requests from c threads, each taking the next ticket until none is left.
	 */
	static Result once(StubServer stub, Clients clients, Workload workload, String text, int n, int c, int round)
			throws InterruptedException {
		long[] latency = new long[n];
		long[] ttft = new long[n];
		AtomicInteger tickets = new AtomicInteger();
		AtomicLong errors = new AtomicLong();
		AtomicLong deltas = new AtomicLong();
		AtomicReference<String> firstError = new AtomicReference<>();
		Thread[] workers = new Thread[c];
		System.gc();
		Thread.sleep(200);
		com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory
			.getOperatingSystemMXBean();
		long stubCpu0 = stub.stubCpuNanos();
		Map<Long, Long> alloc0 = allocatedBytesByThread();
		AtomicLong workerAlloc = new AtomicLong();
		long cpu0 = os.getProcessCpuTime();
		long t0 = System.nanoTime();
		for (int w = 0; w < c; w++) {
			workers[w] = new Thread(() -> {
				OpSink sink = new OpSink();
				long myAlloc0 = currentThreadAllocatedBytes();
				int i;
				while ((i = tickets.getAndIncrement()) < n) {
					sink.reset();
					long start = System.nanoTime();
					try {
						Object out = workload.run(clients, text, sink);
						if (out == null) {
							throw new IllegalStateException("no answer text");
						}
					}
					catch (Throwable ex) {
						errors.incrementAndGet();
						firstError.compareAndSet(null, ex.toString());
					}
					long end = System.nanoTime();
					latency[i] = end - start;
					ttft[i] = (sink.first != 0) ? sink.first - start : end - start;
					deltas.addAndGet(sink.count);
				}
				workerAlloc.addAndGet(currentThreadAllocatedBytes() - myAlloc0);
			}, "load-" + w);
			workers[w].start();
		}
		for (Thread t : workers) {
			t.join();
		}
		long wall = System.nanoTime() - t0;
		long cpu = os.getProcessCpuTime() - cpu0;
		long alloc = workerAlloc.get() + allocatedSince(alloc0);
		long stubCpu1 = stub.stubCpuNanos();
		double seconds = wall / 1e9;
		Arrays.sort(latency);
		Arrays.sort(ttft);
		long d = deltas.get();
		return new Result(round, workload.streaming, workload.impl, n, c, errors.get(), seconds, n / seconds,
				pct(latency, 0.50), pct(latency, 0.90), pct(latency, 0.99), pct(ttft, 0.50), pct(ttft, 0.99), d,
				d / seconds, cpu / 1e3 / n, (d > 0) ? cpu / 1e3 / d : 0,
				(stubCpu0 >= 0 && stubCpu1 >= 0) ? (stubCpu1 - stubCpu0) / 1e3 / n : -1, (double) alloc / n,
				loadAverage(), firstError.get());
	}

	/** The 1-minute load average (Linux), to spot runs that shared the machine. */
	private static String loadAverage() {
		try {
			return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
		}
		catch (Exception ex) {
			return "?";
		}
	}

	private static double pct(long[] sorted, double p) {
		int idx = (int) Math.ceil(p * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, idx))] / 1e6;
	}

	private static long currentThreadAllocatedBytes() {
		return (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads)
				? threads.getCurrentThreadAllocatedBytes() : 0;
	}

	private static Map<Long, Long> allocatedBytesByThread() {
		Map<Long, Long> bytes = new java.util.HashMap<>();
		if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads) {
			long[] ids = threads.getAllThreadIds();
			long[] allocated = threads.getThreadAllocatedBytes(ids);
			for (int i = 0; i < ids.length; i++) {
				if (allocated[i] >= 0) {
					bytes.put(ids[i], allocated[i]);
				}
			}
		}
		return bytes;
	}

	/**
	 * Bytes allocated since the snapshot by threads alive now (SDK and Netty threads);
	 * the load threads, already gone, report their own.
	 */
	private static long allocatedSince(Map<Long, Long> before) {
		long sum = 0;
		for (Map.Entry<Long, Long> now : allocatedBytesByThread().entrySet()) {
			sum += now.getValue() - before.getOrDefault(now.getKey(), 0L);
		}
		return sum;
	}

	/**
	 * Median and spread over rounds of each non-raw side against raw in the same round.
	 */
	static List<String> summary(List<Result> results, boolean streaming) {
		List<String> lines = new ArrayList<>();
		Map<Integer, Result> raw = new LinkedHashMap<>();
		for (Result r : results) {
			if ("raw".equals(r.impl())) {
				raw.put(r.round(), r);
			}
		}
		if (raw.isEmpty()) {
			return lines;
		}
		for (String impl : List.of("ours", "chatclient", "meters")) {
			List<double[]> rows = new ArrayList<>();
			for (Result r : results) {
				Result base = raw.get(r.round());
				if (impl.equals(r.impl()) && base != null) {
					rows.add(new double[] { r.callsPerSecond() / base.callsPerSecond(), r.p99Ms() / base.p99Ms(),
							r.p50Ms() / base.p50Ms(), r.ttftP50Ms() - base.ttftP50Ms(),
							r.cpuPerCallUs() - base.cpuPerCallUs(), r.cpuPerDeltaUs() - base.cpuPerDeltaUs(),
							r.allocPerCallBytes() - base.allocPerCallBytes(),
							(base.deltasPerSecond() > 0) ? r.deltasPerSecond() / base.deltasPerSecond() : 0 });
				}
			}
			if (rows.isEmpty()) {
				continue;
			}
			StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "SUMMARY mode=%s %s/raw rounds=%d",
					streaming ? "stream" : "call", impl, rows.size()));
			sb.append(" throughput_ratio=").append(stat(rows, 0, "%.3f"));
			sb.append(" p99_ratio=").append(stat(rows, 1, "%.3f"));
			sb.append(" p50_ratio=").append(stat(rows, 2, "%.3f"));
			if (streaming) {
				sb.append(" ttft_p50_diff_ms=").append(stat(rows, 3, "%+.3f"));
				sb.append(" deltas_per_s_ratio=").append(stat(rows, 7, "%.3f"));
			}
			sb.append(" cpu_per_call_diff_us=").append(stat(rows, 4, "%+.1f"));
			if (streaming) {
				sb.append(" cpu_per_delta_diff_us=").append(stat(rows, 5, "%+.3f"));
			}
			sb.append(" alloc_per_call_diff_B=").append(stat(rows, 6, "%+.0f"));
			lines.add(sb.toString());
		}
		return lines;
	}

	private static String stat(List<double[]> rows, int col, String fmt) {
		double[] v = rows.stream().mapToDouble((r) -> r[col]).sorted().toArray();
		double median = (v.length % 2 == 1) ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
		return String.format(Locale.ROOT, fmt + "[" + fmt + ".." + fmt + "]", median, v[0], v[v.length - 1]);
	}

	/** The options of one invocation. */
	public static final class Config {

		public String mode = "both";

		public List<String> impls = List.of("ours", "raw", "chatclient", "meters");

		public int calls = 4000;

		public int streams = 800;

		public int concurrency = 4;

		public int rounds = 3;

		public double warmupFraction = 0.5;

		public int callWords = 9;

		public int streamWords = 99;

		public String stub = "fork";

		/**
		 * The async transport of the {@code raw}, {@code ours} and {@code chatclient}
		 * sides: {@code h2c} (cleartext HTTP/2 by prior knowledge, what the starter, the
		 * {@code meters} side, speaks to an {@code http://} endpoint, so that time to
		 * first token compares the same transport) or {@code http1} (the SDK's default
		 * without TLS).
		 */
		public String protocol = "h2c";

		boolean h2c() {
			return switch (this.protocol) {
				case "h2c" -> true;
				case "http1" -> false;
				default -> throw new IllegalArgumentException("--protocol is h2c or http1, not " + this.protocol);
			};
		}

		public List<String> stubJvmArgs = List.of("-Xms512m", "-Xmx1g", "-XX:+UseParallelGC");

		/** A {@code taskset -c} CPU list for the forked stub, or null. */
		public String stubCpus;

		public boolean quiet;

	}

	/** What one run measured. */
	public record Result(int round, boolean streaming, String impl, int n, int concurrency, long errors, double seconds,
			double callsPerSecond, double p50Ms, double p90Ms, double p99Ms, double ttftP50Ms, double ttftP99Ms,
			long deltas, double deltasPerSecond, double cpuPerCallUs, double cpuPerDeltaUs, double stubCpuPerCallUs,
			double allocPerCallBytes, String loadAverage, String firstError) {

		String line() {
			return String.format(Locale.ROOT,
					"round=%d mode=%s impl=%s n=%d c=%d errors=%d calls/s=%.1f p50=%.3fms p90=%.3fms p99=%.3fms "
							+ "ttft_p50=%s ttft_p99=%s deltas/s=%.0f cpu/call=%.1fus cpu/delta=%s stubcpu/call=%s "
							+ "alloc/call=%.0fB wall=%.2fs loadavg=%s%s",
					this.round, this.streaming ? "stream" : "call", this.impl, this.n, this.concurrency, this.errors,
					this.callsPerSecond, this.p50Ms, this.p90Ms, this.p99Ms,
					this.streaming ? String.format(Locale.ROOT, "%.3fms", this.ttftP50Ms) : "-",
					this.streaming ? String.format(Locale.ROOT, "%.3fms", this.ttftP99Ms) : "-", this.deltasPerSecond,
					this.cpuPerCallUs, this.streaming ? String.format(Locale.ROOT, "%.2fus", this.cpuPerDeltaUs) : "-",
					(this.stubCpuPerCallUs >= 0) ? String.format(Locale.ROOT, "%.1fus", this.stubCpuPerCallUs) : "-",
					this.allocPerCallBytes, this.seconds, this.loadAverage,
					(this.firstError != null) ? " first_error=" + this.firstError : "");
		}

	}

	/**
	 * Per-request sink; read only after the request completed (join/blockLast order it).
	 */
	private static final class OpSink implements Workload.Sink {

		long first;

		int count;

		void reset() {
			this.first = 0;
			this.count = 0;
		}

		@Override
		public void delta(long nanoTime) {
			if (this.count++ == 0) {
				this.first = nanoTime;
			}
		}

	}

}
