package io.accesskeys.keycloak.api;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.ws.rs.core.Response;

/**
 * {@code credentials.csv} as cloud consoles offer it: one header line and one row, CRLF, no BOM, read by Huawei
 * Cloud's tools and by {@code aws configure import}. Fields are never quoted unless they must be (a username with
 * a comma or quote), which the generated AK, SK and token never need.
 */
public final class CredentialsCsv {

    public static final String MEDIA_TYPE = "text/csv";
    private static final String PERMANENT_HEADER = "User Name,Access Key Id,Secret Access Key";
    private static final String TEMPORARY_HEADER = PERMANENT_HEADER + ",Security Token,Expiration";

    private CredentialsCsv() {
    }

    public static String permanent(String username, String accessKeyId, String secret) {
        return PERMANENT_HEADER + "\r\n" + row(List.of(username, accessKeyId, secret));
    }

    public static String temporary(String username, String accessKeyId, String secret, String token, String expiration) {
        return TEMPORARY_HEADER + "\r\n" + row(List.of(username, accessKeyId, secret, token, expiration));
    }

    /** The download response: the CSV as an attachment named {@code credentials.csv}. */
    public static Response.ResponseBuilder attachment(int status, String csv) {
        return Response.status(status)
                .type(MEDIA_TYPE + "; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"credentials.csv\"")
                .header("Cache-Control", "no-store")
                .entity(csv.getBytes(StandardCharsets.UTF_8));
    }

    private static String row(List<String> fields) {
        return fields.stream().map(CredentialsCsv::field).collect(Collectors.joining(",")) + "\r\n";
    }

    private static String field(String value) {
        if (value.chars().anyMatch(c -> c == ',' || c == '"' || c == '\r' || c == '\n')) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }
}
