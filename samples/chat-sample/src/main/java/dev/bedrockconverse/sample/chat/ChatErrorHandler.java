package dev.bedrockconverse.sample.chat;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import dev.bedrockconverse.chat.BedrockConverseFailure;
import dev.bedrockconverse.chat.BedrockConverseNonTransientException;
import dev.bedrockconverse.chat.BedrockConverseTransientException;

/**
 * Answers the model's errors as problem details, so a caller reads what went wrong: a
 * prompt the model refuses to send is the caller's mistake (400); missing AWS credentials
 * are this application's (500, misconfigured: nothing reached Bedrock and no retry will
 * help); a failure that Bedrock reports, or a network that does not reach it, is the
 * upstream's (503 when retrying later may help, 502 otherwise). The messages name the
 * field or the fix and carry no secrets.
 */
@RestControllerAdvice
class ChatErrorHandler {

	@ExceptionHandler(IllegalArgumentException.class)
	ProblemDetail invalidPrompt(IllegalArgumentException ex) {
		return problem(HttpStatus.BAD_REQUEST, "Invalid prompt", ex.getMessage());
	}

	@ExceptionHandler(BedrockConverseTransientException.class)
	ProblemDetail transientFailure(BedrockConverseTransientException ex) {
		ProblemDetail problem = problem(HttpStatus.SERVICE_UNAVAILABLE, "Bedrock is temporarily unavailable",
				ex.getMessage());
		problem.setProperty("errorType", ex.getErrorType());
		return problem;
	}

	@ExceptionHandler(BedrockConverseNonTransientException.class)
	ProblemDetail nonTransientFailure(BedrockConverseNonTransientException ex) {
		ProblemDetail problem = BedrockConverseFailure.CREDENTIALS_UNAVAILABLE.equals(ex.getErrorType())
				? problem(HttpStatus.INTERNAL_SERVER_ERROR, "The application is misconfigured", ex.getMessage())
				: problem(HttpStatus.BAD_GATEWAY, "Bedrock refused the request", ex.getMessage());
		problem.setProperty("errorType", ex.getErrorType());
		return problem;
	}

	private static ProblemDetail problem(HttpStatus status, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		return problem;
	}

}
