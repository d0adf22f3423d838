package dev.bedrockconverse.benchmarks;

import dev.bedrockconverse.stub.BedrockStub;

/**
 * Runs the Bedrock stub on its own, in its own JVM, so that the client JVM's CPU time and
 * allocation are the client's alone. Signature checks are off (benchmarks measure the
 * client, not the stub's SigV4 verifier); every request gets the stub's default echo
 * answer.
 * <p>
 * Prints {@code STUB_ENDPOINT <uri>} once listening, then serves until its standard input
 * closes (so it dies with the process that started it) or it is killed. <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.bedrockconverse.benchmarks.StubMain [--port 0]
 * </pre>
 */
public final class StubMain {

	public static final String READY_PREFIX = "STUB_ENDPOINT ";

	private StubMain() {
	}

	public static void main(String[] args) throws Exception {
		BedrockStub stub = start(CommandLine.intOption(args, "--port", 0));
		Thread trimmer = startRecordingTrimmer(stub);
		System.out.println(READY_PREFIX + stub.endpoint());
		System.out.flush();
		try {
			while (System.in.read() != -1) {
				// Serve until the parent closes our stdin.
			}
		}
		finally {
			trimmer.interrupt();
			stub.close();
		}
		System.exit(0);
	}

	static BedrockStub start(int port) {
		return BedrockStub.builder().port(port).enforceSignatures(false).build().start();
	}

	/**
	 * The stub records every request in a CopyOnWriteArrayList, so each request costs it
	 * a copy of all earlier ones: under load it would slow down as it runs. The
	 * benchmarks never read the recordings (nor queue answers), so they are dropped every
	 * {@value #TRIM_EVERY_MS} ms to keep the stub's cost per request flat.
	 * @param stub the stub
	 * @return the daemon thread doing it; interrupt it to stop
	 */
	static Thread startRecordingTrimmer(BedrockStub stub) {
		Thread trimmer = new Thread(() -> {
			try {
				while (!Thread.currentThread().isInterrupted()) {
					Thread.sleep(TRIM_EVERY_MS);
					stub.reset();
				}
			}
			catch (InterruptedException ex) {
				// stopped
			}
		}, "stub-recording-trimmer");
		trimmer.setDaemon(true);
		trimmer.start();
		return trimmer;
	}

	static final long TRIM_EVERY_MS = 50;

}
