package io.accesskeys.keycloak.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.ws.rs.core.Response;

import io.accesskeys.keycloak.settings.AccessKeySettings;
import org.junit.jupiter.api.Test;

/** The STS endpoint's form reading, lifetimes and XML, without a server. */
class StsRequestPartsTest {

    private static StsForm form(String body) throws StsForm.Malformed {
        return StsForm.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void formsDecodeAsTheSdksEncodeThem() throws Exception {
        StsForm form = form("Action=AssumeRoleWithWebIdentity&Version=2011-06-15&WebIdentityToken=a.b.c%0A"
                + "&RoleArn=arn%3Aaws%3Aiam%3A%3Ar%3Arole%2Fx&RoleSessionName=a+b&Empty=&Bare");
        assertEquals("AssumeRoleWithWebIdentity", form.get("Action"));
        assertEquals("a.b.c\n", form.get("WebIdentityToken"));
        assertEquals("arn:aws:iam::r:role/x", form.get("RoleArn"));
        assertEquals("a b", form.get("RoleSessionName"));
        assertEquals("", form.get("Empty"));
        assertEquals("", form.get("Bare"));
        assertNull(form.get("Missing"));
        assertFalse(form.hasAnyStartingWith("PolicyArns."));
        assertTrue(form("PolicyArns.member.1.arn=x").hasAnyStartingWith("PolicyArns."));
        assertNull(form("").get("Action"));
    }

    @Test
    void repeatedNamesAndBrokenEncodingsAreRefused() {
        assertThrows(StsForm.Malformed.class, () -> form("Action=A&Action=B"));
        assertThrows(StsForm.Malformed.class, () -> form("Action=A&Action="));
        assertThrows(StsForm.Malformed.class, () -> form("Action=%ZZ"));
        assertThrows(StsForm.Malformed.class, () -> form("Action=%4"));
    }

    @Test
    void theDefaultLifetimeIsAwssBroughtIntoTheRealmsRange() {
        AccessKeySettings defaults = AccessKeySettings.defaults();
        assertEquals(3600, StsResource.duration(null, defaults));
        assertEquals(900, StsResource.duration("900", defaults));
        assertEquals(86_400, StsResource.duration("86400", defaults));
        for (String refused : List.of("899", "86401", "", "-900", "+900", "900.0", "1e3", " 900", "9999999999")) {
            assertNull(StsResource.duration(refused, defaults), refused);
        }
        AccessKeySettings shortOnly = new AccessKeySettings(false, 300, 900, 1800, 900, List.of(), false, false);
        assertEquals(1800, StsResource.duration(null, shortOnly));
        AccessKeySettings longOnly = new AccessKeySettings(false, 300, 7200, 86_400, 7200, List.of(), false, false);
        assertEquals(7200, StsResource.duration(null, longOnly));
    }

    @Test
    void valuesAreEscapedAndCharactersXmlCannotCarryAreReplaced() {
        Response response = StsXml.error(StsErrorCode.ACCESS_DENIED, "role <a&b> \"q\" 'x' \u0001 \uD83D\uDE00 \uD800.");
        String xml = (String) response.getEntity();
        assertEquals(403, response.getStatus());
        assertTrue(xml.startsWith("<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error>"
                + "<Type>Sender</Type><Code>AccessDenied</Code>"), xml);
        assertTrue(xml.contains("<Message>role &lt;a&amp;b&gt; &quot;q&quot; &apos;x&apos; ? \uD83D\uDE00 ?.</Message>"), xml);
        assertTrue(xml.matches(".*<RequestId>[0-9a-f-]{36}</RequestId></ErrorResponse>"), xml);
        assertEquals("no-store", response.getHeaderString("Cache-Control"));
    }

    @Test
    void resultsCarryTheirActionAndResponseMetadata() {
        Response response = StsXml.response("GetCallerIdentity").element("Arn", "arn:aws:iam::r:user/a&b")
                .element("Skipped", null).ok("GetCallerIdentity");
        String xml = (String) response.getEntity();
        assertEquals(200, response.getStatus());
        assertTrue(xml.startsWith("<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                + "<GetCallerIdentityResult><Arn>arn:aws:iam::r:user/a&amp;b</Arn></GetCallerIdentityResult>"
                + "<ResponseMetadata><RequestId>"), xml);
        assertTrue(xml.endsWith("</RequestId></ResponseMetadata></GetCallerIdentityResponse>"), xml);
    }
}
