package io.pgconverge.facts;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HbaFileParserTest {
    @Test
    void readsRulesLikePgHbaFileRules() {
        String text = """
                # comment
                local   all             postgres                                peer
                host    replication     repl            192.168.56.0/24         scram-sha-256  # trailing
                host    all             all             ::1/128                 scram-sha-256
                hostssl db1,db2         "Quoted User"   192.168.1.0 255.255.255.0 md5
                host    all             all             samenet                 md5
                host    all             all             fe80::/10               md5
                host    all             all             db.example.com          md5 clientcert=verify-ca
                """;
        List<HbaRuleFact> rules = HbaFileParser.parse(text);
        assertEquals(7, rules.size());
        assertEquals(new HbaRuleFact(2, "local", List.of("all"), List.of("postgres"), Optional.empty(),
                Optional.empty(), "peer", Optional.empty()), rules.get(0));
        assertEquals(new HbaRuleFact(3, "host", List.of("replication"), List.of("repl"), Optional.of("192.168.56.0"),
                Optional.of("255.255.255.0"), "scram-sha-256", Optional.empty()), rules.get(1));
        assertEquals(Optional.of("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"), rules.get(2).netmask());
        HbaRuleFact ssl = rules.get(3);
        assertEquals(List.of("db1", "db2"), ssl.databases());
        assertEquals(List.of("Quoted User"), ssl.users());
        assertEquals(Optional.of("255.255.255.0"), ssl.netmask());
        assertEquals("md5", ssl.method());
        assertEquals(Optional.of("samenet"), rules.get(4).address());
        assertEquals(Optional.empty(), rules.get(4).netmask());
        assertEquals(Optional.of("ffc0::"), rules.get(5).netmask());
        assertEquals(Optional.of("db.example.com"), rules.get(6).address());
        assertEquals("md5", rules.get(6).method());
    }

    @Test
    void keepsTheOptionsOfARuleInOrder() {
        List<HbaRuleFact> rules = HbaFileParser.parse("local all backup peer map=backup\n"
                + "hostssl all all 10.0.0.0/8 scram-sha-256 clientcert=verify-full\n"
                + "host all all 10.0.0.0/8 ldap ldapserver=ldap.example.net ldapprefix=cn= ldapsuffix=,dc=example\n"
                + "local all all peer\n");
        assertEquals(List.of("map=backup"), rules.get(0).options());
        assertEquals(List.of("clientcert=verify-full"), rules.get(1).options());
        assertEquals(List.of("ldapserver=ldap.example.net", "ldapprefix=cn=", "ldapsuffix=,dc=example"),
                rules.get(2).options());
        assertEquals(List.of(), rules.get(3).options());
    }

    @Test
    void reportsBrokenLinesWithTheirNumber() {
        List<HbaRuleFact> rules = HbaFileParser.parse("local all\nhots all all 1.2.3.4/32 md5\nhost all all 1.2.3.4/32\n");
        assertEquals(3, rules.size());
        assertEquals(1, rules.get(0).lineNumber());
        assertTrue(rules.get(0).error().isPresent());
        assertTrue(rules.get(1).error().orElseThrow().contains("hots"));
        assertTrue(rules.get(2).error().orElseThrow().contains("authentication method"));
    }

    @Test
    void joinsContinuationLines() {
        List<HbaRuleFact> rules = HbaFileParser.parse("host all \\\n  all 10.0.0.0/8 md5\nlocal all all peer\n");
        assertEquals(2, rules.size());
        assertEquals(Optional.of("255.0.0.0"), rules.get(0).netmask());
        assertEquals(3, rules.get(1).lineNumber());
    }

    @Test
    void writesNetmasksAsPostgresDoes() {
        assertEquals("0.0.0.0", Netmasks.of("0.0.0.0", 0));
        assertEquals("255.255.255.255", Netmasks.of("127.0.0.1", 32));
        assertEquals("255.255.240.0", Netmasks.of("10.1.0.0", 20));
        assertEquals("ffff:ffff:ffff:ffff::", Netmasks.of("2001:db8::", 64));
        assertEquals("::", Netmasks.of("::", 0));
        assertEquals("ffff:ffff:ffff:ffff:ffff:ffff:ffff:fff0", Netmasks.of("::", 124));
    }
}
