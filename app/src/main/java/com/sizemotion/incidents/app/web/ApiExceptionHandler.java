package com.sizemotion.incidents.app.web;

import com.sizemotion.incidents.api.access.TeamAccessDeniedException;
import com.sizemotion.incidents.api.web.ValidationFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import java.util.List;
import java.util.Map;

/**
 * Turns every exception that leaves a controller into the API's error envelope. Client mistakes
 * get their 4xx with a message that says what to fix; an unreachable database is a 503 that asks
 * to retry ({@link DatabaseUnavailable}); only genuine faults are 500s, and those never show a
 * stack trace.
 */
@RestControllerAdvice
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ValidationFailedException.class)
    ResponseEntity<ApiError> validationFailed(ValidationFailedException e) {
        return ApiError.answer(HttpStatus.UNPROCESSABLE_ENTITY).body(new ApiError(false, "Validation failed", e.errors()));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
        if (RequestSizeLimitFilter.isTooLarge(e)) {
            return answer(HttpStatus.PAYLOAD_TOO_LARGE, RequestSizeLimitFilter.MESSAGE);
        }
        return answer(HttpStatus.BAD_REQUEST, "Malformed JSON: the request body could not be parsed.");
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ApiError> unsupportedMediaType(HttpMediaTypeNotSupportedException e) {
        return answer(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported Content-Type: send application/json.");
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ApiError> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return answer(HttpStatus.NOT_ACCEPTABLE, "Not acceptable: this endpoint cannot answer in the media type the Accept header asks for.");
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ApiError> methodNotAllowed(HttpRequestMethodNotSupportedException e) {
        return answer(HttpStatus.METHOD_NOT_ALLOWED, "Method " + e.getMethod() + " is not allowed here.");
    }

    /** Spring Security's firewall refuses a parameter only when it is read (a NUL in its name). */
    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<ApiError> rejected(RequestRejectedException e) {
        return answer(HttpStatus.BAD_REQUEST, "Bad request: " + e.getMessage());
    }

    @ExceptionHandler(TeamAccessDeniedException.class)
    ResponseEntity<ApiError> teamAccessDenied(TeamAccessDeniedException e) {
        return answer(HttpStatus.FORBIDDEN, e.getMessage());
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ApiError> noSuchPath(NoResourceFoundException e) {
        return answer(HttpStatus.NOT_FOUND, "Not found.");
    }

    /** Spring's own exceptions and {@code ErrorResponseException}s of the controllers, with their status. */
    private static ResponseEntity<ApiError> errorResponse(ErrorResponse e) {
        HttpStatusCode status = e.getStatusCode();
        String message = e.getBody().getDetail() != null ? e.getBody().getDetail() : HttpStatus.valueOf(status.value()).getReasonPhrase();
        Map<String, Object> properties = e.getBody().getProperties();
        @SuppressWarnings("unchecked")
        Map<String, List<String>> errors = properties == null ? null : (Map<String, List<String>>) properties.get("errors");
        return ApiError.answer(status).headers(e.getHeaders()).body(new ApiError(false, message, errors));
    }

    /** The client hung up: there is nobody to answer. */
    @ExceptionHandler(AsyncRequestNotUsableException.class)
    void clientGone(AsyncRequestNotUsableException e) {
        log.debug("Client went away: {}", e.getMessage());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> other(Exception e) {
        if (DatabaseUnavailable.isCause(e)) {
            return DatabaseUnavailable.answer(e);
        }
        if (e instanceof ErrorResponse errorResponse) {
            return errorResponse(errorResponse);
        }
        log.error("Request failed unexpectedly", e);
        return answer(HttpStatus.INTERNAL_SERVER_ERROR, "Internal server error.");
    }

    private static ResponseEntity<ApiError> answer(HttpStatus status, String message) {
        return ApiError.answer(status).body(ApiError.of(message));
    }
}
