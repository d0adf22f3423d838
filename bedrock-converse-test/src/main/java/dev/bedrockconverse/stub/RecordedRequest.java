package dev.bedrockconverse.stub;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;

/**
 * One HTTP request the stub received, as the client sent it.
 *
 * @param operation {@code "Converse"}, {@code "ConverseStream"}, {@code "CountTokens"},
 * the STS actions {@code "AssumeRole"} and {@code "AssumeRoleWithWebIdentity"}, or
 * {@code "UnknownOperation"} for anything else
 * @param modelId the percent-decoded model id from the path (an inference-profile ARN
 * keeps its {@code /} and {@code :}), or {@code null} for unknown paths
 * @param method the HTTP method
 * @param path the raw, still percent-encoded request path
 * @param body the parsed JSON body; a {@code MissingNode} when the body was empty or not
 * JSON
 * @param bodyText the raw body as UTF-8 text
 * @param headers the request headers; keys are looked up case-insensitively
 * @param protocol the HTTP version the request arrived with, {@code "HTTP/1.1"} or
 * {@code "HTTP/2.0"}
 * @param signature what the stub concluded about the request's authentication
 */
public record RecordedRequest(String operation, String modelId, String method, String path, JsonNode body,
		String bodyText, Map<String, List<String>> headers, String protocol, SignatureResult signature) {

	/**
	 * Copies the headers into an unmodifiable, case-insensitive map, since HTTP/2
	 * lower-cases names and HTTP/1.1 clients do not.
	 * @param operation the operation name
	 * @param modelId the decoded model id
	 * @param method the HTTP method
	 * @param path the raw path
	 * @param body the parsed body
	 * @param bodyText the raw body
	 * @param headers the headers
	 * @param protocol the HTTP version
	 * @param signature the authentication outcome
	 */
	public RecordedRequest {
		TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
		headers = Collections.unmodifiableMap(copy);
	}

	/**
	 * The first value of a header, looked up case-insensitively.
	 * @param name the header name
	 * @return its first value, or {@code null} when the request did not carry it
	 */
	public String header(String name) {
		List<String> values = this.headers.get(name);
		return (values == null || values.isEmpty()) ? null : values.get(0);
	}

	/**
	 * The access key id of a SigV4-signed request: the first part of the
	 * {@code Credential} of its {@code Authorization} header.
	 * @return the access key id, or {@code null} when the request carries no SigV4
	 * credential
	 */
	public String accessKeyId() {
		String credential = credential();
		int end = (credential != null) ? credential.indexOf('/') : -1;
		return (end > 0) ? credential.substring(0, end) : null;
	}

	/**
	 * The credential scope of a SigV4-signed request: the part of the {@code Credential}
	 * of its {@code Authorization} header after the access key id, such as
	 * {@code 20250101/us-west-2/bedrock/aws4_request}. Its second part is the region the
	 * request was signed for.
	 * @return the scope, or {@code null} when the request carries no SigV4 credential
	 */
	public String credentialScope() {
		String credential = credential();
		int start = (credential != null) ? credential.indexOf('/') : -1;
		return (start > 0) ? credential.substring(start + 1) : null;
	}

	private String credential() {
		String authorization = header("Authorization");
		int start = (authorization != null) ? authorization.indexOf("Credential=") : -1;
		if (start < 0) {
			return null;
		}
		start += "Credential=".length();
		int end = authorization.indexOf(',', start);
		return (end > start) ? authorization.substring(start, end).strip() : authorization.substring(start).strip();
	}

}
