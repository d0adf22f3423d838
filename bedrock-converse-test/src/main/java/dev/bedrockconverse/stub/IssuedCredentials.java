package dev.bedrockconverse.stub;

import java.time.Instant;

/**
 * Temporary credentials the stub's STS issued, and for what. The stub accepts them, with
 * their session token, for Bedrock calls until it stops; so a test can check that a
 * Bedrock request was signed with the assumed role's credentials by comparing
 * {@link RecordedRequest#accessKeyId()} with {@link #accessKeyId()}.
 *
 * <p>
 * {@link #toString()} leaves out the secret access key and the session token.
 *
 * @param action {@code AssumeRole} or {@code AssumeRoleWithWebIdentity}
 * @param roleArn the requested role ARN
 * @param roleSessionName the requested session name
 * @param externalId the external id of an {@code AssumeRole} request, or {@code null}
 * @param durationSeconds the granted lifetime in seconds
 * @param callerAccessKeyId the access key id that signed an {@code AssumeRole} request,
 * or {@code null} for {@code AssumeRoleWithWebIdentity}, which is unsigned
 * @param accessKeyId the issued temporary access key id ({@code ASIA...})
 * @param secretAccessKey the issued secret access key
 * @param sessionToken the issued session token
 * @param expiration when the credentials expire
 */
public record IssuedCredentials(String action, String roleArn, String roleSessionName, String externalId,
		int durationSeconds, String callerAccessKeyId, String accessKeyId, String secretAccessKey, String sessionToken,
		Instant expiration) {

	@Override
	public String toString() {
		return "IssuedCredentials[action=" + this.action + ", roleArn=" + this.roleArn + ", roleSessionName="
				+ this.roleSessionName + ", accessKeyId=" + this.accessKeyId + ", expiration=" + this.expiration + "]";
	}

}
