package io.pgconverge.lab;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SshdConfigTest {
    private final LabLayout layout = new LabLayout(Path.of("/tmp/pgconverge-lab"), 2);

    @Test
    void sshdListensOnEveryNodeAddressAndReadsKeysFromTheLab() {
        String config = SshdConfig.sshdConfig(layout, layout.nodes(), "postgres");
        List<String> lines = config.lines().toList();
        assertTrue(lines.containsAll(List.of(
                "Port 2222",
                "ListenAddress 127.0.0.11",
                "ListenAddress 127.0.0.12",
                "HostKey /tmp/pgconverge-lab/sshd/ssh_host_ed25519_key",
                "PidFile /tmp/pgconverge-lab/sshd/sshd.pid",
                "UsePAM yes",
                "PasswordAuthentication no",
                "AllowUsers postgres",
                "StrictModes yes",
                "AuthorizedKeysFile none",
                "AuthorizedKeysCommand /bin/cat /tmp/pgconverge-lab/sshd/authorized_keys",
                "PermitOpen 127.0.0.1:* localhost:* 127.0.0.11:* 127.0.0.12:*")), config);
    }

    @Test
    void theClientKeyMayLogInFromLoopbackOnly() {
        assertEquals("from=\"127.0.0.0/8\",restrict,port-forwarding,pty ssh-ed25519 AAAAkey pgconverge-lab\n",
                SshdConfig.authorizedKeys("ssh-ed25519 AAAAkey root@box\n"));
    }

    @Test
    void knownHostsNamesEveryNodeWithThePort() {
        assertEquals("[127.0.0.11]:2222 ssh-ed25519 AAAAhost\n[127.0.0.12]:2222 ssh-ed25519 AAAAhost\n",
                SshdConfig.knownHosts(layout.nodes(), "ssh-ed25519 AAAAhost pgconverge-lab-host\n"));
    }
}
