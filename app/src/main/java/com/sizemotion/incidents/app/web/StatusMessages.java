package com.sizemotion.incidents.app.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;

/** What an error answer says when all that is known is its status: errors of the container, its filters and its error pages. */
final class StatusMessages {

    private StatusMessages() {
    }

    static String of(HttpServletRequest request, int status) {
        return switch (status) {
            case 400 -> "Bad request: the request line, the URL or a header is malformed. Percent-encode what a URL"
                    + " may not carry as it is (a space, \" | { } and the like); %00 and incomplete % sequences are refused.";
            case 404 -> "Not found.";
            case 405 -> "Method " + request.getMethod() + " is not allowed here.";
            case 413 -> RequestSizeLimitFilter.MESSAGE;
            case 500 -> "Internal server error.";
            case 501 -> "Not implemented: this service does not support the request's method or transfer encoding.";
            case 505 -> "HTTP version not supported: send HTTP/1.1.";
            default -> {
                HttpStatus known = HttpStatus.resolve(status);
                yield known == null ? "Error " + status + "." : known.getReasonPhrase() + ".";
            }
        };
    }
}
