package com.sizemotion.incidents.app.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.apache.tomcat.util.res.StringManager;
import org.springframework.http.MediaType;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tomcat's error report, as the envelope: answers the errors that Tomcat raises before the
 * application sees the request (malformed request lines, URLs and headers, unsupported versions
 * and transfer encodings) and any error that no error page answered. A request line or header
 * block over the connector's limit, which Tomcat answers 400, is answered 414 (the request line
 * alone) or 431.
 */
class EnvelopeErrorReportValve extends ErrorReportValve {

    /** Tomcat's message for a request line and headers that do not fit in the connector's header buffer. */
    private static final String HEADER_TOO_LARGE =
            StringManager.getManager("org.apache.coyote.http11").getString("iib.requestheadertoolarge.error");

    private final ObjectMapper objectMapper;

    EnvelopeErrorReportValve(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        if (response.getStatus() < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        int status = status(request, response, throwable);
        try {
            response.setStatus(status);
            String envelope = objectMapper.writeValueAsString(ApiError.of(message(request, status)));
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(envelope);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            container.getLogger().debug("The error answer could not be written", e);
        }
    }

    /** The error's status; Tomcat's 400 for a request over the header limit is 414 or 431. */
    private static int status(Request request, Response response, Throwable throwable) {
        boolean overHeaderLimit = response.getStatus() == 400 && throwable instanceof IllegalArgumentException
                && HEADER_TOO_LARGE.equals(throwable.getMessage());
        if (!overHeaderLimit) {
            return response.getStatus();
        }
        return request.getCoyoteRequest().requestURI().isNull() ? 414 : 431;
    }

    private static String message(Request request, int status) {
        String limit = request.getConnector().getProtocolHandler() instanceof AbstractHttp11Protocol<?> http
                ? http.getMaxHttpRequestHeaderSize() + " bytes" : "the server's limit";
        return switch (status) {
            case 414 -> "URI too long: the request line (method, URL and HTTP version) may not exceed " + limit
                    + "; send fewer or shorter query parameters.";
            case 431 -> "Request header fields too large: the request line and headers together may not exceed "
                    + limit + ".";
            default -> StatusMessages.of(request, status);
        };
    }
}
