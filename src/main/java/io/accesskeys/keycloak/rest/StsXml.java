package io.accesskeys.keycloak.rest;

import java.util.UUID;

import jakarta.ws.rs.core.Response;

/**
 * The XML of AWS's query protocol for STS ({@value #NAMESPACE}): responses with their {@code ResponseMetadata} and
 * {@code ErrorResponse}s. Built as text, every value escaped; no entity expansion can arise since nothing is parsed.
 */
final class StsXml {

    static final String NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";
    static final String CONTENT_TYPE = "text/xml;charset=UTF-8";

    private final StringBuilder xml = new StringBuilder(1024);

    private StsXml() {
    }

    static StsXml response(String action) {
        StsXml out = new StsXml();
        out.xml.append("<").append(action).append("Response xmlns=\"").append(NAMESPACE).append("\">")
                .append("<").append(action).append("Result>");
        return out;
    }

    StsXml open(String element) {
        xml.append('<').append(element).append('>');
        return this;
    }

    StsXml close(String element) {
        xml.append("</").append(element).append('>');
        return this;
    }

    StsXml element(String element, String value) {
        if (value != null) {
            open(element);
            escape(value);
            close(element);
        }
        return this;
    }

    /** Ends the result, adds the request ID and gives the 200 answer. */
    Response ok(String action) {
        xml.append("</").append(action).append("Result>")
                .append("<ResponseMetadata><RequestId>").append(UUID.randomUUID()).append("</RequestId></ResponseMetadata>")
                .append("</").append(action).append("Response>");
        return Response.ok(xml.toString(), CONTENT_TYPE).header("Cache-Control", "no-store")
                .header("X-Content-Type-Options", "nosniff").build();
    }

    /** {@code ErrorResponse/{Error/{Type,Code,Message},RequestId}} with {@code status}. */
    static Response error(int status, String code, String message) {
        StsXml out = new StsXml();
        out.xml.append("<ErrorResponse xmlns=\"").append(NAMESPACE).append("\">").append("<Error>");
        out.element("Type", status >= 500 ? "Receiver" : "Sender").element("Code", code).element("Message", message);
        out.xml.append("</Error><RequestId>").append(UUID.randomUUID()).append("</RequestId></ErrorResponse>");
        return Response.status(status).type(CONTENT_TYPE).entity(out.xml.toString())
                .header("Cache-Control", "no-store")
                .header("X-Content-Type-Options", "nosniff").build();
    }

    static Response error(StsErrorCode code, String message) {
        return error(code.httpStatus(), code.code(), message);
    }

    private void escape(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> xml.append("&amp;");
                case '<' -> xml.append("&lt;");
                case '>' -> xml.append("&gt;");
                case '"' -> xml.append("&quot;");
                case '\'' -> xml.append("&apos;");
                default -> {
                    // Characters XML 1.0 cannot carry at all (controls, lone surrogates, U+FFFE/U+FFFF) become '?'.
                    boolean allowed = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF)
                            || (c >= 0xE000 && c <= 0xFFFD);
                    if (Character.isHighSurrogate(c) && i + 1 < value.length()
                            && Character.isLowSurrogate(value.charAt(i + 1))) {
                        xml.append(c).append(value.charAt(++i));
                    } else {
                        xml.append(allowed ? c : '?');
                    }
                }
            }
        }
    }
}
