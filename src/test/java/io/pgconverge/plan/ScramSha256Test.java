package io.pgconverge.plan;

import io.pgconverge.facts.ScramVerifier;
import io.pgconverge.model.Secret;
import io.pgconverge.plan.access.ScramSha256;
import org.junit.jupiter.api.Test;

import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Verifiers read from pg_authid.rolpassword of a PostgreSQL 15 server after ALTER ROLE ... PASSWORD. */
class ScramSha256Test {
    private static final ScramVerifier SECRET = new ScramVerifier("SCRAM-SHA-256$4096:TdZkRgmUV1Hm9n+zXgutaA=="
            + "$MaZSwotRchGEDjsuOV+38+LmTIg9Tm+twtKySIOOMik=:XccL2n+MNngWvTIefTGqRWb7IqJqRapwxcfZhmoUeTI=");
    private static final ScramVerifier UMLAUTS = new ScramVerifier("SCRAM-SHA-256$4096:mk89fluuK7i8FWty41Q4iw=="
            + "$Xj89X7x5NBWTNiR+C/pgN//ZtnavZJ5taLx6vifQNVI=:nLLn09xQxG8E3yiWb7izTo5/+ZJhyshxUFmOAqqyreM=");

    @Test
    void computesTheVerifierPostgresqlStored() {
        byte[] salt = Base64.getDecoder().decode("TdZkRgmUV1Hm9n+zXgutaA==");
        assertEquals(SECRET, ScramSha256.verifier(new Secret("secret"), salt, 4096));
    }

    @Test
    void recognisesAnUnchangedPassword() {
        assertTrue(ScramSha256.matches(SECRET, new Secret("secret")));
        assertTrue(ScramSha256.matches(UMLAUTS, new Secret("pässwörd")));
    }

    @Test
    void recognisesAChangedPassword() {
        assertFalse(ScramSha256.matches(SECRET, new Secret("Secret")));
        assertFalse(ScramSha256.matches(SECRET, new Secret("")));
    }

    @Test
    void malformedVerifiersMatchNothing() {
        assertFalse(ScramSha256.matches(new ScramVerifier("md5abcdef"), new Secret("secret")));
        assertFalse(ScramSha256.matches(new ScramVerifier("SCRAM-SHA-256$x:y$z"), new Secret("secret")));
        assertFalse(ScramSha256.matches(new ScramVerifier("SCRAM-SHA-256$0:AAAA$a:b"), new Secret("secret")));
    }

    @Test
    void verifierNeverShowsInItsStringForm() {
        assertEquals("(sensitive)", SECRET.toString());
    }
}
