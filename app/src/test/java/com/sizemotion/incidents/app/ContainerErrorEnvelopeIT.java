package com.sizemotion.incidents.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sizemotion.incidents.app.support.PostgresServiceTest;
import com.sizemotion.incidents.app.support.RawHttp;
import com.sizemotion.incidents.app.support.RawHttp.Answer;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Errors that Tomcat raises itself, before any filter or controller runs, are answered in the
 * envelope as application/json like every other error, with the status that names the problem.
 * Raw sockets, since HTTP clients refuse to send most of these requests.
 */
@Import(ContainerErrorEnvelopeIT.BrokenServlet.class)
class ContainerErrorEnvelopeIT extends PostgresServiceTest {

    /** A servlet beside Spring MVC whose failure only the container sees. */
    @TestConfiguration(proxyBeanMethods = false)
    static class BrokenServlet {

        @Bean
        ServletRegistrationBean<HttpServlet> brokenServlet() {
            return new ServletRegistrationBean<>(new HttpServlet() {
                @Override
                protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException {
                    throw new ServletException("broken on purpose");
                }
            }, "/it/broken");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private RawHttp http;

    @BeforeEach
    void socket() {
        http = new RawHttp("127.0.0.1", URI.create(baseUrl()).getPort());
    }

    @Test
    void answers414InTheEnvelopeToAQueryStringOverTheRequestLineLimit() {
        Answer answer = http.send("GET /api/v1/incidents?q=" + "a".repeat(9_000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n");

        assertThat(message(answer, 414)).contains("URI too long");
    }

    @Test
    void answers431InTheEnvelopeToAnAuthorizationHeaderOf9000Characters() {
        Answer answer = http.send("GET /api/v1/incidents HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                + "x".repeat(9_000) + "\r\n\r\n");

        assertThat(message(answer, 431)).contains("header fields too large");
    }

    @Test
    void answers400InTheEnvelopeToARawPipeInTheUrl() {
        assertThat(message(http.send(get("/api/v1/incidents?tag=a|b")), 400)).contains("Bad request");
    }

    @Test
    void answers400InTheEnvelopeToAnInvalidPercentSequenceInThePath() {
        message(http.send(get("/api/v1/incidents/%zz")), 400);
    }

    @Test
    void answers400InTheEnvelopeToAnEncodedNulInThePath() {
        message(http.send(get("/api/v1/incidents/%00")), 400);
    }

    @Test
    void answers400InTheEnvelopeToAUrlTheFirewallRefuses() {
        assertThat(message(http.send(get("/api/v1//incidents")), 400)).contains("//");
    }

    @Test
    void answers400InTheEnvelopeToAMalformedRequestLine() {
        message(http.send("GE(T /api/v1/incidents HTTP/1.1\r\nHost: localhost\r\n\r\n"), 400);
    }

    @Test
    void answers400InTheEnvelopeToAHeaderLineWithoutAColon() {
        message(http.send("GET /api/v1/incidents HTTP/1.1\r\nHost: localhost\r\nNot a header\r\n\r\n"), 400);
    }

    @Test
    void answers400InTheEnvelopeToARequestWithoutAHostHeader() {
        message(http.send("GET /api/v1/incidents HTTP/1.1\r\nConnection: close\r\n\r\n"), 400);
    }

    @Test
    void answers505InTheEnvelopeToAnUnknownHttpVersion() {
        message(http.send("GET /api/v1/incidents HTTP/1.2\r\nHost: localhost\r\n\r\n"), 505);
    }

    @Test
    void answers501InTheEnvelopeToAnUnknownTransferEncoding() {
        message(http.send("POST /api/v1/incidents HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: gzip\r\n"
                + "Content-Type: application/json\r\n\r\n{}"), 501);
    }

    @Test
    void answers405InTheEnvelopeToTrace() {
        assertThat(message(http.send("TRACE /api/v1/incidents HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"), 405))
                .contains("TRACE");
    }

    @Test
    void answers405InTheEnvelopeToAMethodThePathDoesNotHave() {
        assertThat(message(http.send("PUT /api/v1/incidents HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + basicAdmin()
                + "\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"), 405))
                .contains("PUT");
    }

    @Test
    void answers413InTheEnvelopeToABodyOverTheLimit() {
        message(http.send("POST /api/v1/incidents HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: 2000000\r\nConnection: close\r\n\r\n{}"), 413);
    }

    @Test
    void answers500InTheEnvelopeWhenAServletOutsideSpringMvcFails() {
        assertThat(message(http.send("GET /it/broken HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + basicAdmin()
                + "\r\nConnection: close\r\n\r\n"), 500)).isEqualTo("Internal server error.");
    }

    @Test
    void answers400InTheEnvelopeToANulInAParameterName() {
        assertThat(message(http.send("GET /api/v1/incidents?%00=1 HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + basicAdmin()
                + "\r\nConnection: close\r\n\r\n"), 400)).startsWith("Bad request");
    }

    @Test
    void answersErrorsAsJsonWhateverTheAcceptHeaderAsksFor() {
        for (String accept : new String[]{"text/html", "application/xml", "image/png"}) {
            assertThat(message(http.send("GET /api/v1/incidents HTTP/1.1\r\nHost: localhost\r\nAccept: " + accept
                    + "\r\nAuthorization: " + basicAdmin() + "\r\nConnection: close\r\n\r\n"), 406)).startsWith("Not acceptable");
        }
    }

    @Test
    void answersInTheEnvelopeOnEveryPathActuatorAndPagesIncluded() {
        message(http.send(get("/actuator/health?a|b")), 400);
        message(http.send(get("/admin/api-tokens?a|b")), 400);
        message(http.send(get("/incidents/1?a|b")), 400);
    }

    private static String get(String target) {
        return "GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
    }

    /** Asserts the status and the envelope as application/json, and returns the envelope's message. */
    private static String message(Answer answer, int status) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).as(answer.toString()).startsWith("application/json");
        JsonNode envelope = json(answer.body());
        assertThat(envelope.path("success").isBoolean() && !envelope.path("success").asBoolean()).as(answer.body()).isTrue();
        assertThat(envelope.path("message").asText()).as(answer.body()).isNotBlank();
        return envelope.path("message").asText();
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("Not JSON: " + body, e);
        }
    }

    private static String basicAdmin() {
        return "Basic " + Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
    }
}
