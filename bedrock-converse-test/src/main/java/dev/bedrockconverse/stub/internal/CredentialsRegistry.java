package dev.bedrockconverse.stub.internal;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The AWS credentials the stub accepts, by access key id: the configured long-term key
 * pair and every set of temporary credentials the stub's STS has issued since it started.
 *
 * <p>
 * Like AWS, a temporary access key id is only valid together with the session token it
 * was issued with; the configured key pair is bound to a session token only when one was
 * configured. Thread-safe. Secrets never appear in {@code toString()}.
 */
public final class CredentialsRegistry {

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final char[] KEY_ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

	private final Map<String, Entry> entries = new ConcurrentHashMap<>();

	/**
	 * Registers a set of credentials, replacing any with the same access key id.
	 * @param entry the credentials
	 */
	public void register(Entry entry) {
		this.entries.put(entry.accessKeyId(), entry);
	}

	/**
	 * Looks credentials up.
	 * @param accessKeyId the access key id a request was signed with
	 * @return the registered credentials, or {@code null} if the key is unknown
	 */
	public Entry find(String accessKeyId) {
		return (accessKeyId != null) ? this.entries.get(accessKeyId) : null;
	}

	/**
	 * Creates and registers fresh temporary credentials in the shape STS issues: an
	 * {@code ASIA} access key id, a 40-character secret and an opaque session token.
	 * @return the new credentials
	 */
	public Entry issueTemporary() {
		StringBuilder keyId = new StringBuilder("ASIA");
		for (int i = 0; i < 16; i++) {
			keyId.append(KEY_ID_CHARS[RANDOM.nextInt(KEY_ID_CHARS.length)]);
		}
		Entry entry = new Entry(keyId.toString(), randomBase64(30), "IQoJb3JpZ2luX2VjE" + randomBase64(96));
		register(entry);
		return entry;
	}

	private static String randomBase64(int bytes) {
		byte[] random = new byte[bytes];
		RANDOM.nextBytes(random);
		return Base64.getEncoder().encodeToString(random);
	}

	@Override
	public String toString() {
		return "CredentialsRegistry[" + this.entries.size() + " access keys]";
	}

	/**
	 * One accepted set of credentials.
	 *
	 * @param accessKeyId the access key id
	 * @param secretAccessKey its secret
	 * @param sessionToken the session token requests must carry with this key, or
	 * {@code null} to accept any or none
	 */
	public record Entry(String accessKeyId, String secretAccessKey, String sessionToken) {

		@Override
		public String toString() {
			return "Entry[accessKeyId=" + this.accessKeyId + "]";
		}

	}

}
