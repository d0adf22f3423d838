package dev.bedrockconverse.chat.internal;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.MessageType;
import org.springframework.ai.chat.messages.ToolResponseMessage;

/**
 * Repairs the histories that a chat memory window produces and Converse rejects, and
 * nothing else: turns before the first user turn (a window that starts with an assistant
 * turn, or with a tool result whose tool use was cut off) are dropped, and consecutive
 * turns of one role are noted as merged (the merge itself is the mapper's: it appends the
 * content of a turn of the same role to the previous turn, in order). Tool results next
 * to a user text are one user turn in Converse and are no repair. System messages are
 * kept wherever they are: Converse takes them out of band.
 * <p>
 * Each repair is described in one short sentence naming the original message index;
 * {@link PreparedRequest} carries the descriptions to the response metadata
 * ({@code BedrockConverseMetadata.HISTORY_REPAIRS}) and each is logged at DEBUG.
 *
 * @param messages the repaired messages
 * @param repairs what was repaired, in order; empty when the history was already valid
 */
record HistoryRepair(List<Message> messages, List<String> repairs) {

	private static final Log logger = LogFactory.getLog(HistoryRepair.class);

	/**
	 * Repair a history.
	 * @param messages the prompt's messages
	 * @return the repaired messages and the repairs
	 */
	static HistoryRepair of(List<Message> messages) {
		List<Message> kept = new ArrayList<>(messages.size());
		List<String> repairs = new ArrayList<>();
		MessageType previousType = null;
		int previousIndex = -1;
		int index = -1;
		for (Message message : messages) {
			index++;
			MessageType type = message.getMessageType();
			if (type != MessageType.SYSTEM) {
				if (previousType == null && type != MessageType.USER) {
					repairs.add(dropped(message, index));
					continue;
				}
				if (previousType != null && PromptValidator.repeatsTurn(previousType, type)) {
					repairs.add("merged messages[" + index + "] (" + type.getValue() + ") into the "
							+ PromptValidator.role(type).getValue() + " turn of messages[" + previousIndex + "]");
				}
				previousType = type;
				previousIndex = index;
			}
			// System messages stay where they are: Converse takes them out of band.
			kept.add(message);
		}
		if (logger.isDebugEnabled()) {
			repairs.forEach((repair) -> logger.debug("Converse history repaired: " + repair));
		}
		return new HistoryRepair(repairs.isEmpty() ? messages : List.copyOf(kept), List.copyOf(repairs));
	}

	private static String dropped(Message message, int index) {
		if (message instanceof ToolResponseMessage toolResponse) {
			List<String> ids = toolResponse.getResponses().stream().map(ToolResponseMessage.ToolResponse::id).toList();
			return "dropped messages[" + index + "] (tool result for tool use " + ids
					+ ") at the start of the history: its tool use was cut off";
		}
		return "dropped messages[" + index + "] (" + message.getMessageType().getValue()
				+ ") at the start of the history: Converse starts with a user turn";
	}

}
