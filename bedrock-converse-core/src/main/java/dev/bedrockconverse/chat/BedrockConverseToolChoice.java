package dev.bedrockconverse.chat;

import java.util.Locale;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * How the model must use the tools it is given: Converse's {@code toolConfig.toolChoice}.
 * <ul>
 * <li>{@link #AUTO}: the model decides whether to call a tool (Bedrock's default).</li>
 * <li>{@link #ANY}: the model must call at least one of the tools.</li>
 * <li>{@link #tool(String)}: the model must call this tool.</li>
 * </ul>
 * In properties it is written {@code auto}, {@code any} or {@code tool:<name>} (see
 * {@link #parse(String)}).
 *
 * @param mode the kind of choice
 * @param toolName the tool's name for {@link Mode#TOOL}, otherwise {@code null}
 */
public record BedrockConverseToolChoice(Mode mode, @Nullable String toolName) {

	/** The model decides whether to call a tool. */
	public static final BedrockConverseToolChoice AUTO = new BedrockConverseToolChoice(Mode.AUTO, null);

	/** The model must call at least one tool. */
	public static final BedrockConverseToolChoice ANY = new BedrockConverseToolChoice(Mode.ANY, null);

	/** The kinds of tool choice Converse offers. */
	public enum Mode {

		/** Converse {@code auto}. */
		AUTO,

		/** Converse {@code any}. */
		ANY,

		/** Converse {@code tool} with a name. */
		TOOL

	}

	/**
	 * Validate the combination.
	 * @param mode the kind of choice
	 * @param toolName the tool name, required exactly for {@link Mode#TOOL}
	 */
	public BedrockConverseToolChoice {
		Objects.requireNonNull(mode, "mode");
		if (mode == Mode.TOOL && (toolName == null || toolName.isBlank())) {
			throw new IllegalArgumentException("toolChoice 'tool' needs the name of the tool to force");
		}
		if (mode != Mode.TOOL && toolName != null) {
			throw new IllegalArgumentException("toolChoice '" + mode.name().toLowerCase(Locale.ROOT)
					+ "' takes no tool name; use BedrockConverseToolChoice.tool(name) to force a tool");
		}
	}

	/**
	 * Force the model to call this tool.
	 * @param name the tool's name, as in its definition
	 * @return the tool choice
	 */
	public static BedrockConverseToolChoice tool(String name) {
		return new BedrockConverseToolChoice(Mode.TOOL, name);
	}

	/**
	 * Parse {@code auto}, {@code any} or {@code tool:<name>} (case-insensitive keywords).
	 * @param value the text
	 * @return the tool choice
	 * @throws IllegalArgumentException for any other text
	 */
	public static BedrockConverseToolChoice parse(String value) {
		String trimmed = (value != null) ? value.trim() : "";
		String lower = trimmed.toLowerCase(Locale.ROOT);
		if (lower.equals("auto")) {
			return AUTO;
		}
		if (lower.equals("any")) {
			return ANY;
		}
		if (lower.startsWith("tool:") && trimmed.length() > 5) {
			return tool(trimmed.substring(5).trim());
		}
		throw new IllegalArgumentException(
				"Invalid tool choice '" + value + "': use 'auto', 'any' or 'tool:<name>' (e.g. 'tool:get_weather')");
	}

	/**
	 * The property form: {@code auto}, {@code any} or {@code tool:<name>}.
	 * @return the text
	 */
	@Override
	public String toString() {
		return (this.mode == Mode.TOOL) ? "tool:" + this.toolName : this.mode.name().toLowerCase(Locale.ROOT);
	}

}
