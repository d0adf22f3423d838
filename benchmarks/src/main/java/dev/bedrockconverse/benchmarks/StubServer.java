package dev.bedrockconverse.benchmarks;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.bedrockconverse.stub.BedrockStub;

/**
 * Where the benchmarks' Bedrock stub runs.
 * <ul>
 * <li>{@code fork} (the default): {@link StubMain} in a child JVM on the same class path,
 * so the client JVM's process CPU time and allocation belong to the client alone. Its own
 * CPU time is read from the OS ({@link ProcessHandle.Info#totalCpuDuration()}).</li>
 * <li>{@code inproc}: in this JVM (for the smoke test); process CPU then includes the
 * stub.</li>
 * <li>a URI: a stub someone else started (e.g. {@code StubMain} pinned to a core with
 * {@code taskset}).</li>
 * </ul>
 * Only loopback endpoints are accepted.
 */
public final class StubServer implements AutoCloseable {

	private final URI endpoint;

	private final Process process;

	private final BedrockStub inProcess;

	private Thread trimmer;

	private StubServer(URI endpoint, Process process, BedrockStub inProcess) {
		if (!"127.0.0.1".equals(endpoint.getHost()) && !"localhost".equals(endpoint.getHost())) {
			throw new IllegalArgumentException("benchmarks only talk to a stub on 127.0.0.1, not " + endpoint);
		}
		this.endpoint = endpoint;
		this.process = process;
		this.inProcess = inProcess;
	}

	/**
	 * Start (or attach to) the stub.
	 * @param where {@code fork}, {@code inproc} or an endpoint URI
	 * @param stubJvmArgs extra JVM options for a forked stub, e.g. {@code -Xmx1g}
	 * @return the running stub
	 */
	public static StubServer start(String where, List<String> stubJvmArgs) throws IOException {
		return start(where, stubJvmArgs, null);
	}

	/**
	 * Start (or attach to) the stub, a forked one pinned to some CPUs.
	 * @param where {@code fork}, {@code inproc} or an endpoint URI
	 * @param stubJvmArgs extra JVM options for a forked stub, e.g. {@code -Xmx1g}
	 * @param stubCpus for {@code fork}: a {@code taskset -c} CPU list to pin the stub to,
	 * or {@code null} not to pin it
	 * @return the running stub
	 */
	public static StubServer start(String where, List<String> stubJvmArgs, String stubCpus) throws IOException {
		if ("inproc".equals(where)) {
			BedrockStub stub = StubMain.start(0);
			StubServer server = new StubServer(stub.endpoint(), null, stub);
			server.trimmer = StubMain.startRecordingTrimmer(stub);
			return server;
		}
		if (!"fork".equals(where)) {
			return new StubServer(URI.create(where), null, null);
		}
		List<String> command = new ArrayList<>();
		if (stubCpus != null && !stubCpus.isBlank()) {
			command.add("taskset");
			command.add("-c");
			command.add(stubCpus);
		}
		command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
		command.addAll(stubJvmArgs);
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(StubMain.class.getName());
		Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
		BufferedReader out = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
		String line;
		while ((line = out.readLine()) != null) {
			if (line.startsWith(StubMain.READY_PREFIX)) {
				URI endpoint = URI.create(line.substring(StubMain.READY_PREFIX.length()).trim());
				Thread drain = new Thread(() -> {
					try {
						while (out.readLine() != null) {
							// discard the stub's stdout
						}
					}
					catch (IOException ignored) {
						// the stub is gone
					}
				}, "stub-stdout");
				drain.setDaemon(true);
				drain.start();
				StubServer server = new StubServer(endpoint, process, null);
				Runtime.getRuntime().addShutdownHook(new Thread(server::close));
				return server;
			}
		}
		process.destroyForcibly();
		throw new IOException("the forked stub exited before printing its endpoint");
	}

	public URI endpoint() {
		return this.endpoint;
	}

	/** Where it runs, for the report line. */
	public String mode() {
		return (this.process != null) ? "fork(pid " + this.process.pid() + ")"
				: (this.inProcess != null) ? "inproc" : "external";
	}

	/**
	 * The forked stub's total CPU time so far, or -1 if not known (in-process or
	 * external).
	 * @return nanoseconds
	 */
	public long stubCpuNanos() {
		if (this.process == null) {
			return -1;
		}
		return this.process.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
	}

	@Override
	public void close() {
		if (this.trimmer != null) {
			this.trimmer.interrupt();
		}
		if (this.inProcess != null) {
			this.inProcess.close();
		}
		if (this.process != null && this.process.isAlive()) {
			try {
				this.process.getOutputStream().close();
				if (!this.process.waitFor(5, TimeUnit.SECONDS)) {
					this.process.destroyForcibly();
				}
			}
			catch (IOException | InterruptedException ex) {
				this.process.destroyForcibly();
			}
		}
	}

}
