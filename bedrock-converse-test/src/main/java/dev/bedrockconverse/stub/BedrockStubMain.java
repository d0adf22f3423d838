package dev.bedrockconverse.stub;

import java.util.concurrent.CountDownLatch;

/**
 * Runs a {@link BedrockStub} as a standalone process, for clients in other languages or
 * manual testing.
 *
 * <pre>
 * java -jar bedrock-converse-test-VERSION-standalone.jar [--port 8089]
 *     [--access-key-id X --secret-access-key Y] [--session-token T] [--no-signature-check] [--no-validation] [--api-key K]
 * </pre> Prints the endpoint on standard output and serves until the process is stopped.
 */
public final class BedrockStubMain {

	private BedrockStubMain() {
	}

	/**
	 * Starts the stub and blocks until the JVM is shut down.
	 * @param args the command-line options
	 * @throws InterruptedException if interrupted while serving
	 */
	public static void main(String[] args) throws InterruptedException {
		BedrockStub.Builder builder = BedrockStub.builder();
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--port" -> builder.port(Integer.parseInt(value(args, ++i)));
				case "--access-key-id" -> builder.accessKeyId(value(args, ++i));
				case "--secret-access-key" -> builder.secretAccessKey(value(args, ++i));
				case "--session-token" -> builder.sessionToken(value(args, ++i));
				case "--api-key" -> builder.apiKey(value(args, ++i));
				case "--no-signature-check" -> builder.enforceSignatures(false);
				case "--no-validation" -> builder.validateRequests(false);
				case "--help", "-h" -> {
					usage();
					return;
				}
				default -> {
					System.err.println("Unknown option: " + args[i]);
					usage();
					System.exit(2);
				}
			}
		}
		BedrockStub stub = builder.build().start();
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			stub.close();
			stopped.countDown();
		}, "bedrock-stub-shutdown"));
		System.out.println("Bedrock stub listening on " + stub.endpoint());
		System.out.flush();
		// The server's threads are daemons, so the main thread is what keeps the process
		// alive.
		stopped.await();
	}

	private static String value(String[] args, int index) {
		if (index >= args.length) {
			System.err.println("Missing value for " + args[index - 1]);
			System.exit(2);
		}
		return args[index];
	}

	private static void usage() {
		System.err.println("Usage: java -jar bedrock-converse-test-standalone.jar [--port N] "
				+ "[--access-key-id X --secret-access-key Y] [--session-token T] [--no-signature-check] [--no-validation] [--api-key K]");
	}

}
