package io.accesskeys.keycloak.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link QueryParameters#canonicalQuery}: what it gives for queries that are already canonical (in order or not) is
 * what parsing, re-encoding and sorting gives, for both schemes' orders; a query in order comes back as it was sent.
 */
class CanonicalQueryTest {

    private static final List<String> QUERIES = List.of(
            "a=1", "b=2&a=1", "max-items=50&prefix=team%2Fa&starting-token=eyJ0b2tlbiI6IjEyMyJ9",
            "prefix=team%2Fa&starting-token=eyJ0b2tlbiI6IjEyMyJ9&max-items=50",
            "tag=b&tag=a&Tag=c", "tag=b&tag=a", "a%20b=1&a=2", "a=&b=", "=x&a=1",
            "z=1&y=2&x=3&w=4&v=5&u=6&t=7&s=8&r=9&q=10&p=11&o=12&n=13&m=14&l=15&k=16",
            "z=1&y=2&x=3&w=4&v=5&u=6&t=7&s=8&r=9&q=10&p=11&o=12&n=13&m=14&l=15&k=16&j=17",
            // Not canonical: the general way.
            "a", "b=1&&a=2", "a=1&", "a=%2f", "a=%41", "a=b=c", "a=+", "a=%E2%82%AC&a=%e2%82%ac");

    @Test
    void sameAsTheGeneralWayForBothOrders() throws Rejection {
        for (var order : List.of(QueryParameters.BY_NAME_THEN_VALUE, QueryParameters.BY_NAME)) {
            for (String query : QUERIES) {
                assertEquals(QueryParameters.canonical(QueryParameters.parse(query), null, order),
                        QueryParameters.canonicalQuery(query, order), query);
            }
        }
    }

    @Test
    void repeatedNamesKeepTheSchemesOrder() throws Rejection {
        assertEquals("tag=a&tag=b", QueryParameters.canonicalQuery("tag=b&tag=a", QueryParameters.BY_NAME_THEN_VALUE));
        assertEquals("tag=b&tag=a", QueryParameters.canonicalQuery("tag=b&tag=a", QueryParameters.BY_NAME));
    }

    @Test
    void aQueryInOrderIsUsedAsSent() throws Rejection {
        String query = "max-items=50&prefix=team%2Fa";
        assertSame(query, QueryParameters.canonicalQuery(query, QueryParameters.BY_NAME_THEN_VALUE));
        assertEquals("", QueryParameters.canonicalQuery(null, QueryParameters.BY_NAME));
    }
}
