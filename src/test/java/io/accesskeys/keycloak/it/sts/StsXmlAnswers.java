package io.accesskeys.keycloak.it.sts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import io.accesskeys.keycloak.it.support.Http;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** Reads the STS endpoint's XML answers, checking AWS's namespace on every element read. */
final class StsXmlAnswers {

    static final String NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";

    private StsXmlAnswers() {
    }

    static Element parse(Http.Response response) {
        String type = response.header("Content-Type");
        assertNotNull(type, response.toString());
        assertTrue(type.startsWith("text/xml"), type);
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document document = factory.newDocumentBuilder()
                    .parse(new ByteArrayInputStream(response.body().getBytes(StandardCharsets.UTF_8)));
            Element root = document.getDocumentElement();
            assertEquals(NAMESPACE, root.getNamespaceURI(), response.body());
            return root;
        } catch (Exception e) {
            throw new AssertionError("Not XML: " + response, e);
        }
    }

    /** The child of {@code parent} with this local name (in AWS's namespace); fails when there is none. */
    static Element child(Element parent, String name) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && name.equals(element.getLocalName())) {
                assertEquals(NAMESPACE, element.getNamespaceURI());
                return element;
            }
        }
        throw new AssertionError("No " + name + " in " + parent.getLocalName());
    }

    /** The text at a path of child names below {@code root}. */
    static String text(Element root, String... path) {
        Element element = root;
        for (String name : path) {
            element = child(element, name);
        }
        return element.getTextContent();
    }

    /** A 200 answer of {@code action}: returns its {@code <action>Result}, after checking the request ID. */
    static Element result(Http.Response response, String action) {
        assertEquals(200, response.status(), response.body());
        Element root = parse(response);
        assertEquals(action + "Response", root.getLocalName());
        assertFalse(text(root, "ResponseMetadata", "RequestId").isBlank());
        return child(root, action + "Result");
    }

    /** An {@code ErrorResponse} with this status and code, of type Sender, with a message and a request ID. */
    static void assertError(Http.Response response, int status, String code) {
        assertEquals(status, response.status(), response.body());
        Element root = parse(response);
        assertEquals("ErrorResponse", root.getLocalName(), response.body());
        assertEquals(code, text(root, "Error", "Code"), response.body());
        assertEquals("Sender", text(root, "Error", "Type"));
        assertFalse(text(root, "Error", "Message").isBlank());
        assertFalse(text(root, "RequestId").isBlank());
    }
}
