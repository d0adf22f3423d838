package dev.bedrockconverse.autoconfigure.credentials;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.bedrockconverse.autoconfigure.BedrockConverseContextRunners;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Start-up failures of conflicting or incomplete authentication properties, each analysed
 * by the Bedrock Converse failure analyzer with the properties named and no secret shown.
 */
class AuthenticationModeFailureAnalysisTests {

	private static final String SECRET = "wJalrXUtnFEMI-do-not-print-me";

	private static final String API_KEY = "bedrock-api-key-do-not-print-me";

	private static final String ROLE_ARN = "arn:aws:iam::123456789012:role/bedrock-caller";

	private final ApplicationContextRunner contextRunner = BedrockConverseContextRunners.chat();

	@TempDir
	Path tempDir;

	@Test
	void apiKeyWithStaticKeysFails() {
		this.contextRunner
			.withPropertyValues("bedrock.converse.api-key=" + API_KEY,
					"bedrock.converse.credentials.access-key-id=AKIDTEST",
					"bedrock.converse.credentials.secret-access-key=" + SECRET)
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription()).contains("Property: bedrock.converse.api-key")
					.contains("'bedrock.converse.credentials.access-key-id'")
					.contains("'bedrock.converse.credentials.secret-access-key'");
				assertThat(analysis.getAction()).contains("Remove either the property 'bedrock.converse.api-key'");
			});
	}

	@Test
	void apiKeyWithAssumeRoleFails() {
		this.contextRunner
			.withPropertyValues("bedrock.converse.api-key=" + API_KEY,
					"bedrock.converse.credentials.assume-role.role-arn=" + ROLE_ARN)
			.run((context) -> assertThat(analyze(context).getDescription())
				.contains("Property: bedrock.converse.api-key")
				.contains("'bedrock.converse.credentials.assume-role.role-arn'"));
	}

	@Test
	void blankApiKeyCountsAsUnset() {
		this.contextRunner.withPropertyValues("bedrock.converse.api-key= ")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(BedrockApiKeyClientCustomizer.class));
	}

	@Test
	void sdkBearerTokenSettingWithStaticKeysFails() {
		this.contextRunner.withSystemProperties("aws.bearerTokenBedrock=" + API_KEY)
			.withPropertyValues("bedrock.converse.credentials.access-key-id=AKIDTEST",
					"bedrock.converse.credentials.secret-access-key=" + SECRET)
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription()).contains("Property: bedrock.converse.credentials.access-key-id")
					.contains("AWS_BEARER_TOKEN_BEDROCK");
				assertThat(analysis.getAction()).contains("Unset AWS_BEARER_TOKEN_BEDROCK");
			});
	}

	@Test
	void assumeRoleExternalIdWithoutRoleArnFails() {
		this.contextRunner.withPropertyValues("bedrock.converse.credentials.assume-role.external-id=partner-42")
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription())
					.contains("Property: bedrock.converse.credentials.assume-role.role-arn")
					.contains("'bedrock.converse.credentials.assume-role.external-id' set but no role to assume");
				assertThat(analysis.getAction())
					.contains("Set the property 'bedrock.converse.credentials.assume-role.role-arn'");
			});
	}

	@Test
	void assumeRoleDurationWithoutRoleArnFails() {
		this.contextRunner.withPropertyValues("bedrock.converse.credentials.assume-role.duration=1h")
			.run((context) -> assertThat(analyze(context).getDescription())
				.contains("Property: bedrock.converse.credentials.assume-role.role-arn")
				.contains("'bedrock.converse.credentials.assume-role.duration'"));
	}

	@Test
	void roleArnThatIsNotAnIamRoleFails() {
		this.contextRunner
			.withPropertyValues("bedrock.converse.credentials.assume-role.role-arn=arn:aws:iam::123456789012:user/bob")
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription())
					.contains("Property: bedrock.converse.credentials.assume-role.role-arn")
					.contains("not an IAM role ARN");
				assertThat(analysis.getAction()).contains("arn:aws:iam::123456789012:role/role-name");
			});
	}

	@Test
	void assumeRoleDurationBelowFifteenMinutesFails() {
		this.contextRunner
			.withPropertyValues("bedrock.converse.credentials.assume-role.role-arn=" + ROLE_ARN,
					"bedrock.converse.credentials.assume-role.duration=5m")
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription())
					.contains("Property: bedrock.converse.credentials.assume-role.duration")
					.contains("between 15 minutes and 12 hours");
				assertThat(analysis.getAction()).contains("between 15m and 12h");
			});
	}

	@Test
	void invalidSessionNameFails() {
		this.contextRunner
			.withPropertyValues("bedrock.converse.credentials.assume-role.role-arn=" + ROLE_ARN,
					"bedrock.converse.credentials.assume-role.session-name=chat app with spaces")
			.run((context) -> assertThat(analyze(context).getDescription())
				.contains("Property: bedrock.converse.credentials.assume-role.session-name")
				.contains("2 to 64"));
	}

	@Test
	void webIdentityTogetherWithAssumeRoleFails() throws IOException {
		Path token = Files.writeString(this.tempDir.resolve("token"), "oidc-token");
		this.contextRunner
			.withPropertyValues("bedrock.converse.credentials.assume-role.role-arn=" + ROLE_ARN,
					"bedrock.converse.credentials.web-identity.role-arn=" + ROLE_ARN,
					"bedrock.converse.credentials.web-identity.token-file=" + token)
			.run((context) -> assertThat(analyze(context).getDescription())
				.contains("Property: bedrock.converse.credentials.web-identity.role-arn")
				.contains("'bedrock.converse.credentials.assume-role.role-arn'"));
	}

	@Test
	void webIdentityWithStaticKeysFails() throws IOException {
		Path token = Files.writeString(this.tempDir.resolve("token"), "oidc-token");
		this.contextRunner
			.withPropertyValues("bedrock.converse.credentials.web-identity.role-arn=" + ROLE_ARN,
					"bedrock.converse.credentials.web-identity.token-file=" + token,
					"bedrock.converse.credentials.access-key-id=AKIDTEST",
					"bedrock.converse.credentials.secret-access-key=" + SECRET)
			.run((context) -> assertThat(analyze(context).getDescription())
				.contains("Property: bedrock.converse.credentials.web-identity.role-arn")
				.contains("'bedrock.converse.credentials.access-key-id'"));
	}

	@Test
	void webIdentityTokenFileWithoutRoleArnFails() throws IOException {
		Path token = Files.writeString(this.tempDir.resolve("token"), "oidc-token");
		this.contextRunner.withPropertyValues("bedrock.converse.credentials.web-identity.token-file=" + token)
			.run((context) -> assertThat(analyze(context).getDescription())
				.contains("Property: bedrock.converse.credentials.web-identity.role-arn")
				.contains("'bedrock.converse.credentials.web-identity.token-file' is set"));
	}

	@Test
	void webIdentityWithAMissingTokenFileFails() {
		this.contextRunner
			.withPropertyValues("bedrock.converse.credentials.web-identity.role-arn=" + ROLE_ARN,
					"bedrock.converse.credentials.web-identity.token-file=" + this.tempDir.resolve("absent"))
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription())
					.contains("Property: bedrock.converse.credentials.web-identity.token-file")
					.contains("does not exist or cannot be read");
			});
	}

	@Test
	void missingSharedCredentialsFileFails() {
		this.contextRunner
			.withPropertyValues(
					"bedrock.converse.credentials.shared-credentials-file=" + this.tempDir.resolve("absent"))
			.run((context) -> assertThat(analyze(context).getDescription())
				.contains("Property: bedrock.converse.credentials.shared-credentials-file")
				.contains("does not exist or cannot be read"));
	}

	@Test
	void configFileWithStaticKeysFails() throws IOException {
		Path config = Files.writeString(this.tempDir.resolve("config"), "");
		this.contextRunner
			.withPropertyValues("bedrock.converse.credentials.config-file=" + config,
					"bedrock.converse.credentials.access-key-id=AKIDTEST",
					"bedrock.converse.credentials.secret-access-key=" + SECRET)
			.run((context) -> assertThat(analyze(context).getDescription())
				.contains("Property: bedrock.converse.credentials.config-file")
				.contains("static keys"));
	}

	@Test
	void stsEndpointWithoutARoleFails() {
		this.contextRunner.withPropertyValues("bedrock.converse.credentials.sts-endpoint=https://sts.example.com")
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription()).contains("Property: bedrock.converse.credentials.sts-endpoint")
					.contains("no role is configured");
				assertThat(analysis.getAction()).contains("bedrock.converse.credentials.assume-role.role-arn");
			});
	}

	@Test
	void assumeRoleWithoutTheStsModuleFails() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("software.amazon.awssdk.services.sts"))
			.withPropertyValues("bedrock.converse.credentials.assume-role.role-arn=" + ROLE_ARN)
			.run((context) -> assertThat(analyze(context).getAction()).contains("software.amazon.awssdk:sts"));
	}

	private static FailureAnalysis analyze(AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		FailureAnalysis analysis = BedrockConverseContextRunners.analyze(context);
		assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain(SECRET).doesNotContain(API_KEY);
		assertThat(context.getStartupFailure()).rootCause().message().doesNotContain(SECRET).doesNotContain(API_KEY);
		return analysis;
	}

}
