package io.pgconverge.transport;

import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;

/**
 * Verifies a server's host key against an OpenSSH known_hosts file. A key that differs from the recorded
 * one is always refused; an unknown host is refused unless new keys are accepted, in which case its key is
 * appended to the file (OpenSSH's {@code StrictHostKeyChecking=accept-new}). Remembers why it refused so the
 * shell can say so in one sentence.
 */
final class KnownHostsVerifier extends OpenSSHKnownHosts {
    /** Why the last verification failed, or null. */
    private String refusal;
    private String accepted;
    private final boolean acceptNew;

    private KnownHostsVerifier(File file, boolean acceptNew) throws IOException {
        super(file);
        this.acceptNew = acceptNew;
    }

    static KnownHostsVerifier load(String path, boolean acceptNew) {
        File file = new File(path);
        if (!file.isFile() && !acceptNew) {
            throw new TransportException("known_hosts file " + path + " does not exist; create it with the"
                    + " hosts' keys or opt in to accept new host keys (StrictHostKeyChecking=accept-new)");
        }
        try {
            return new KnownHostsVerifier(file, acceptNew);
        } catch (IOException e) {
            throw new TransportException("cannot read known_hosts file " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    protected boolean hostKeyUnverifiableAction(String hostname, PublicKey key) {
        if (!acceptNew) {
            refusal = "the host key of " + hostname + " (" + describe(key) + ") is not in " + khFile
                    + "; add it there or opt in to accept new host keys (StrictHostKeyChecking=accept-new)";
            return false;
        }
        try {
            File parent = khFile.getAbsoluteFile().getParentFile();
            if (parent != null) {
                Files.createDirectories(parent.toPath());
            }
            HostEntry entry = new HostEntry(null, hostname, KeyType.fromKey(key), key);
            write(entry);
            entries.add(entry);
            accepted = "accepted the new host key of " + hostname + " (" + describe(key) + ") into " + khFile;
            return true;
        } catch (IOException e) {
            refusal = "cannot add the host key of " + hostname + " to " + khFile + ": " + e.getMessage();
            return false;
        }
    }

    @Override
    protected boolean hostKeyChangedAction(String hostname, PublicKey key) {
        refusal = "the host key of " + hostname + " (" + describe(key) + ") does not match the one recorded in "
                + khFile + " (it changed, or someone is intercepting the connection); refusing to connect";
        return false;
    }

    /** Why verification failed, or null when it did not. */
    String refusal() {
        return refusal;
    }

    /** What was accepted as new, or null. */
    String accepted() {
        return accepted;
    }

    /** The OpenSSH-style description of a key: type and SHA256 fingerprint. */
    static String describe(PublicKey key) {
        byte[] blob = new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
            String fp = Base64.getEncoder().withoutPadding().encodeToString(digest);
            return KeyType.fromKey(key) + " SHA256:" + fp;
        } catch (NoSuchAlgorithmException e) {
            return KeyType.fromKey(key).toString();
        }
    }
}
