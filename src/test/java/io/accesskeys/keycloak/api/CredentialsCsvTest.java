package io.accesskeys.keycloak.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.charset.StandardCharsets;

import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

class CredentialsCsvTest {

    private static final String AK = "KCAKABCDEFGHIJKLMNOP";
    private static final String SK = "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789wxyz";

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void permanentIsAHeaderAndOneRowWithCrlf() {
        assertArrayEquals(utf8("User Name,Access Key Id,Secret Access Key\r\n"
                        + "alice," + AK + "," + SK + "\r\n"),
                utf8(CredentialsCsv.permanent("alice", AK, SK)));
    }

    @Test
    void temporaryAddsTokenAndExpiration() {
        String token = "KCT1.a2lk.AAAAAAAAAAAAAAAA.-_v7";
        assertEquals("User Name,Access Key Id,Secret Access Key,Security Token,Expiration\r\n"
                        + "bob,KCTKABCDEFGHIJKLMNOP," + SK + "," + token + ",2026-12-01T10:15:00Z\r\n",
                CredentialsCsv.temporary("bob", "KCTKABCDEFGHIJKLMNOP", SK, token, "2026-12-01T10:15:00Z"));
    }

    @Test
    void thereIsNoByteOrderMarkAndNoBareLineFeed() {
        byte[] bytes = utf8(CredentialsCsv.permanent("alice", AK, SK));
        assertEquals('U', bytes[0]);
        String text = CredentialsCsv.temporary("bob", AK, SK, "t", "e");
        assertFalse(text.startsWith("\uFEFF"));
        assertEquals(2, text.split("\r\n", -1).length - 1, "two CRLF-terminated lines");
        assertEquals(text.replace("\r\n", "").indexOf('\n'), -1);
        assertEquals(text.replace("\r\n", "").indexOf('\r'), -1);
    }

    @Test
    void aUsernameWithACommaIsQuoted() {
        assertEquals("User Name,Access Key Id,Secret Access Key\r\n\"doe, jane\"," + AK + "," + SK + "\r\n",
                CredentialsCsv.permanent("doe, jane", AK, SK));
    }

    @Test
    void aUsernameWithAQuoteIsQuotedAndTheQuoteDoubled() {
        assertEquals("User Name,Access Key Id,Secret Access Key\r\n\"o\"\"neil\"," + AK + "," + SK + "\r\n",
                CredentialsCsv.permanent("o\"neil", AK, SK));
        assertEquals("User Name,Access Key Id,Secret Access Key\r\n\"\"\"a,b\"\"\"," + AK + "," + SK + "\r\n",
                CredentialsCsv.permanent("\"a,b\"", AK, SK));
    }

    @Test
    void lineBreaksInAFieldAreQuoted() {
        assertEquals("User Name,Access Key Id,Secret Access Key\r\n\"a\r\nb\"," + AK + "," + SK + "\r\n",
                CredentialsCsv.permanent("a\r\nb", AK, SK));
        assertEquals("User Name,Access Key Id,Secret Access Key\r\n\"a\nb\"," + AK + "," + SK + "\r\n",
                CredentialsCsv.permanent("a\nb", AK, SK));
    }

    @Test
    void otherCharactersAreNotQuoted() {
        assertEquals("User Name,Access Key Id,Secret Access Key\r\njane doe;x@example.com'," + AK + "," + SK + "\r\n",
                CredentialsCsv.permanent("jane doe;x@example.com'", AK, SK));
    }

    @Test
    void nonAsciiUsernamesAreUtf8() {
        byte[] expected = utf8("User Name,Access Key Id,Secret Access Key\r\nj\u00fcrgen," + AK + "," + SK + "\r\n");
        Response response = CredentialsCsv.attachment(201, CredentialsCsv.permanent("j\u00fcrgen", AK, SK)).build();
        assertArrayEquals(expected, assertInstanceOf(byte[].class, response.getEntity()));
    }

    @Test
    void theAttachmentIsAnUncachedUtf8CsvDownload() {
        String csv = CredentialsCsv.permanent("alice", AK, SK);
        Response response = CredentialsCsv.attachment(200, csv).build();
        assertEquals(200, response.getStatus());
        assertEquals("text/csv; charset=utf-8", response.getHeaderString("Content-Type"));
        assertEquals("attachment; filename=\"credentials.csv\"", response.getHeaderString("Content-Disposition"));
        assertEquals("no-store", response.getHeaderString("Cache-Control"));
        assertArrayEquals(utf8(csv), (byte[]) response.getEntity());
    }
}
