package io.accesskeys.keycloak.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.accesskeys.keycloak.it.support.Signers;

/** One HTTP request as wrk sends it: written to a request file as one line, CR LF as TAB (see bench/replay.lua). */
record Req(String method, URI uri, Map<String, String> headers, String body) {

    /** Signed by the AWS SDK for Java v2's SigV4 signer, payload hash included (see it/support/Signers). */
    static Req signed(String accessKeyId, String secret, String method, String url, String contentType, String body) {
        Signers.Signed signed = Signers.Aws.of(accessKeyId, secret).sign(method, url, contentType, body);
        return new Req(method, URI.create(signed.url()), signed.headers(), body);
    }

    static Req plain(String method, String url, Map<String, String> headers, String body) {
        return new Req(method, URI.create(url), headers, body);
    }

    Req withHeaders(Map<String, String> more) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.putAll(more);
        return new Req(method, uri, all, body);
    }

    String rawLine() {
        StringBuilder raw = new StringBuilder();
        String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        raw.append(method).append(' ').append(target).append(" HTTP/1.1\t");
        raw.append("Host: ").append(uri.getRawAuthority()).append('\t');
        headers.forEach((name, value) -> raw.append(name).append(": ").append(value).append('\t'));
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (body != null) {
            raw.append("Content-Length: ").append(bytes.length).append('\t');
        }
        raw.append('\t');
        if (body != null) {
            raw.append(body);
        }
        String line = raw.toString();
        if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0 || (body != null && body.indexOf('\t') >= 0)) {
            throw new IllegalArgumentException("a request line cannot hold CR, LF or a TAB in its body");
        }
        return line;
    }

    static Path write(Path file, List<Req> requests) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Req request : requests) {
                out.write(request.rawLine());
                out.write('\n');
            }
        }
        return file;
    }

    HttpResponse<String> send(HttpClient client) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
