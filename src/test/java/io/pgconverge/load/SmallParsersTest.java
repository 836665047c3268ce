package io.pgconverge.load;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Extra-var words, ssh options and host patterns. */
class SmallParsersTest {
    @Test
    void extraVarWordsFollowAnsiblesKeyValueSplitting() {
        assertEquals(List.of("primary=node2"), ExtraVars.words("primary=node2"));
        assertEquals(List.of("a=1", "b=two words", "c=*"), ExtraVars.words(" a=1  b='two words' \"c=*\" "));
        Diagnostics problems = new Diagnostics();
        assertEquals(List.of(new ExtraVars.Assignment("settings.work_mem", "64MB"), new ExtraVars.Assignment("x", "")),
                ExtraVars.parse(List.of("settings.work_mem=64MB x="), problems));
        assertEquals(true, problems.isEmpty());
    }

    @Test
    void sshOptionsAreFoundInAnyOfTheirSpellings() {
        assertEquals(new SshArgs(Optional.of("/k"), true),
                SshArgs.parse("-o UserKnownHostsFile=/k -o StrictHostKeyChecking=accept-new"));
        assertEquals(new SshArgs(Optional.of("/k"), true), SshArgs.parse("-oUserKnownHostsFile=/k -oStrictHostKeyChecking=no"));
        assertEquals(new SshArgs(Optional.of("/k"), false),
                SshArgs.parse("-o 'userknownhostsfile /k /other' -o ProxyJump=bastion"));
        assertEquals(new SshArgs(Optional.empty(), false), SshArgs.parse("-C -o ControlMaster=auto"));
    }

    @Test
    void hostPatternsExpandLikeAnsible() {
        assertEquals(Optional.of(new HostPatterns.Expansion(List.of("n1", "n2", "n3"), OptionalInt.empty())),
                HostPatterns.expand("n[1:3]"));
        assertEquals(List.of("db01-a", "db01-b", "db02-a", "db02-b"),
                HostPatterns.expand("db[01:02]-[a:b]").orElseThrow().names());
        assertEquals(Optional.of(new HostPatterns.Expansion(List.of("10.0.0.1"), OptionalInt.of(2222))),
                HostPatterns.expand("10.0.0.1:2222"));
        assertEquals(List.of("fe80::1"), HostPatterns.expand("fe80::1").orElseThrow().names());
        assertEquals(Optional.empty(), HostPatterns.expand("n[3:1]"));
        assertEquals(Optional.empty(), HostPatterns.expand("n[1:c]"));
    }
}
