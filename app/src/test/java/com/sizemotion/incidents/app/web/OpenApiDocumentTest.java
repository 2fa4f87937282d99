package com.sizemotion.incidents.app.web;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The served {@code /openapi.yaml} is one well-formed document: a repeated key would make parsers drop half of it. */
class OpenApiDocumentTest {

    private static final Pattern REFERENCE = Pattern.compile("\\$ref: '#/([^']+)'");

    @Test
    void hasNoRepeatedKeysAndEveryReferenceResolves() throws IOException {
        String text = read();
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Map<?, ?> document = new Yaml(new SafeConstructor(options)).load(text);

        Set<String> unresolved = new TreeSet<>();
        Matcher reference = REFERENCE.matcher(text);
        while (reference.find()) {
            Object node = document;
            for (String part : reference.group(1).split("/")) {
                node = node instanceof Map<?, ?> map ? map.get(part) : null;
            }
            if (node == null) {
                unresolved.add(reference.group(1));
            }
        }
        assertThat(unresolved).isEmpty();
        Map<?, ?> paths = (Map<?, ?>) document.get("paths");
        assertThat(paths.containsKey("/api/v1/incidents") && paths.containsKey("/api/v1/admin/api-tokens/{id}")).isTrue();
    }

    private static String read() throws IOException {
        try (InputStream in = OpenApiDocumentTest.class.getResourceAsStream("/static/openapi.yaml")) {
            assertThat(in).as("static/openapi.yaml on the classpath").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
