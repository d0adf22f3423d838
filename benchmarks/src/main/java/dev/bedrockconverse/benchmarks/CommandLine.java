package dev.bedrockconverse.benchmarks;

/**
 * The command-line options of the small drivers here ({@code --name value}).
 */
public final class CommandLine {

	private CommandLine() {
	}

	/**
	 * The value of an integer option.
	 * @param args the command-line arguments
	 * @param name the option, e.g. {@code --port}
	 * @param defaultValue the value when the option is not given
	 * @return the last value given for the option, else the default
	 */
	public static int intOption(String[] args, String name, int defaultValue) {
		int value = defaultValue;
		for (int i = 0; i < args.length; i++) {
			if (name.equals(args[i])) {
				value = Integer.parseInt(args[++i]);
			}
		}
		return value;
	}

}
