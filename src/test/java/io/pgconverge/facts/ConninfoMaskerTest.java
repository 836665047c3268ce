package io.pgconverge.facts;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ConninfoMaskerTest {
    @Test
    void masksPlainQuotedAndConfQuotedPasswords() {
        assertEquals("host=a password=(sensitive) port=5432", ConninfoMasker.mask("host=a password=secret port=5432"));
        assertEquals("host=a password = (sensitive) user=x", ConninfoMasker.mask("host=a password = 'se cr\\'et' user=x"));
        assertEquals("primary_conninfo = 'user=repl password=(sensitive) host=h'",
                ConninfoMasker.mask("primary_conninfo = 'user=repl password=''a b'' host=h'"));
        assertEquals("primary_conninfo = 'host=h password=(sensitive)'",
                ConninfoMasker.mask("primary_conninfo = 'host=h password=x'"));
        assertEquals("PASSWORD=(sensitive)", ConninfoMasker.mask("PASSWORD=x"));
    }

    @Test
    void masksUriPasswords() {
        assertEquals("postgresql://repl:(sensitive)@db1:5432/postgres",
                ConninfoMasker.mask("postgresql://repl:pw@db1:5432/postgres"));
        assertEquals("postgres://db1/x?user=a&password=(sensitive)&sslmode=require",
                ConninfoMasker.mask("postgres://db1/x?user=a&password=pw&sslmode=require"));
    }

    @Test
    void leavesEverythingElseAlone() {
        String conf = "password_encryption = scram-sha-256\nhost=a passfile=/x/pgpass user=repl\n";
        assertEquals(conf, ConninfoMasker.mask(conf));
        assertEquals("", ConninfoMasker.mask(""));
        assertEquals("postgresql://repl@db1/x", ConninfoMasker.mask("postgresql://repl@db1/x"));
    }

    @Test
    void masksEveryOccurrenceInAFile() {
        String text = "a = 'password=one'\nb = 'password=two host=x'\n";
        assertEquals("a = 'password=(sensitive)'\nb = 'password=(sensitive) host=x'\n", ConninfoMasker.mask(text));
    }
}
