package com.sizemotion.incidents.app.security;

import com.sizemotion.incidents.app.token.PagerDutySigningSecrets;
import com.sizemotion.incidents.app.web.ApiErrorWriter;
import com.sizemotion.incidents.app.web.RequestSizeLimitFilter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Checks {@code X-PagerDuty-Signature} on deliveries to the PagerDuty endpoint made with an API
 * token that has a signing secret: 401 unless a signature matches the raw body. Runs after the
 * security filter chain, so the token is known and a refused delivery still counts against its
 * rate limit. Tokens without a secret, and the admin, are not checked.
 */
class PagerDutySignatureFilter extends OncePerRequestFilter {

    static final String HEADER = "X-PagerDuty-Signature";
    static final String MESSAGE = "Invalid or missing X-PagerDuty-Signature: deliveries with this API token must be signed with its PagerDuty signing secret.";

    private final PagerDutySigningSecrets secrets;
    private final ApiErrorWriter errors;

    PagerDutySignatureFilter(PagerDutySigningSecrets secrets, ApiErrorWriter errors) {
        this.secrets = secrets;
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        Optional<String> secret = authentication instanceof ApiTokenAuthentication token
                ? secrets.secretOf(token.token().id()) : Optional.empty();
        if (secret.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body;
        try {
            body = request.getInputStream().readAllBytes();
        } catch (IOException e) {
            if (RequestSizeLimitFilter.isTooLarge(e)) {
                errors.write(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, RequestSizeLimitFilter.MESSAGE);
                return;
            }
            throw e;
        }
        if (!PagerDutySignature.matches(secret.get(), body, request.getHeader(HEADER))) {
            errors.write(response, HttpServletResponse.SC_UNAUTHORIZED, MESSAGE);
            return;
        }
        chain.doFilter(new ReadBodyRequest(request, body), response);
    }

    /** The request with its body already read, for the controller to read again. */
    private static final class ReadBodyRequest extends HttpServletRequestWrapper {

        private final byte[] body;

        ReadBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream bytes = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return bytes.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return bytes.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return bytes.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("The body was read already");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding() != null ? getCharacterEncoding() : StandardCharsets.UTF_8.name();
            return new BufferedReader(new InputStreamReader(getInputStream(), Charset.forName(encoding)));
        }
    }
}
