package io.accesskeys.keycloak.signing;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The signing test vectors of {@code src/test/resources/vectors} (see the README there) and their files. */
final class Vectors {

    private Vectors() {
    }

    /** The vectors folder on the test classpath. */
    static Path dir() {
        URL readme = Vectors.class.getResource("/vectors/README.md");
        assertNotNull(readme, "test vectors missing from the test classpath (src/test/resources/vectors)");
        try {
            return Path.of(readme.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses a raw HTTP request of the SigV4 suite (.req/.sreq): request line, headers (a line starting with
     * whitespace continues the previous value, kept with its line break as a folded value would arrive),
     * blank line, body. Files have LF line ends and no trailing newline.
     */
    static SignedRequest parseRawRequest(String text) {
        String normalised = text.replace("\r\n", "\n");
        int blank = normalised.indexOf("\n\n");
        String head = blank < 0 ? normalised : normalised.substring(0, blank);
        String body = blank < 0 ? "" : normalised.substring(blank + 2);
        String[] lines = head.split("\n");

        String requestLine = lines[0];
        int firstSpace = requestLine.indexOf(' ');
        int versionAt = requestLine.lastIndexOf(" HTTP/");
        String method = requestLine.substring(0, firstSpace);
        String target = requestLine.substring(firstSpace + 1, versionAt);
        int q = target.indexOf('?');

        SignedRequest.Builder builder = SignedRequest.builder()
                .method(method)
                .rawPath(q < 0 ? target : target.substring(0, q))
                .rawQuery(q < 0 ? null : target.substring(q + 1))
                .body(body.getBytes(StandardCharsets.UTF_8));

        String name = null;
        StringBuilder value = null;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if ((line.startsWith(" ") || line.startsWith("\t")) && name != null) {
                value.append('\n').append(line);
                continue;
            }
            if (name != null) {
                builder.header(name, value.toString());
            }
            int colon = line.indexOf(':');
            name = line.substring(0, colon);
            value = new StringBuilder(line.substring(colon + 1));
        }
        if (name != null) {
            builder.header(name, value.toString());
        }
        return builder.build();
    }
}
