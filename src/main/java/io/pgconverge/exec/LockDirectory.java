package io.pgconverge.exec;

import io.pgconverge.model.EngineException;
import io.pgconverge.model.Host;
import io.pgconverge.model.NodePaths;
import io.pgconverge.model.ShellWords;
import io.pgconverge.transport.CommandResult;
import io.pgconverge.transport.RemoteShell;

import java.time.Duration;
import java.util.Optional;

/**
 * The apply lock directory of one node. Taking it is {@code mkdir} (atomic); taking it over from a holder that is
 * gone first renames the old directory away, so that of two applies taking over at once only one succeeds.
 */
public final class LockDirectory {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private final Host host;
    private final RemoteShell shell;
    private final String path;

    public LockDirectory(Host host, RemoteShell shell) {
        this.host = host;
        this.shell = shell;
        this.path = NodePaths.of(host.pg()).applyLock();
    }

    public String path() {
        return path;
    }

    /**
     * Takes the lock for {@code me}; returns the current holder's text when another one has it. A lock that cannot
     * be made (its directory, the node's configuration directory, is missing or not writable) is an error, not a
     * holder.
     */
    Optional<String> tryTake(LockHolder me) {
        String q = ShellWords.quote(path);
        String script = "if mkdir " + q + " 2>/dev/null; then " + writeHolder(me) + " && echo TAKEN; elif [ -d " + q
                + " ]; then echo HELD; cat " + q + "/holder 2>/dev/null || echo unreadable; else mkdir " + q
                + "; exit 1; fi\n";
        String out = check(script, "take the apply lock");
        return out.startsWith("TAKEN") ? Optional.empty() : Optional.of(out.substring(out.indexOf('\n') + 1));
    }

    /** Replaces {@code old}'s lock by {@code me}'s, unless someone else changed it meanwhile. */
    void takeOver(LockHolder old, LockHolder me) {
        String q = ShellWords.quote(path);
        String aside = ShellWords.quote(path + ".gone-" + old.id());
        String script = "grep -qx " + ShellWords.quote("id=" + old.id()) + " " + q + "/holder && mv " + q + " "
                + aside + " && rm -f " + aside + "/holder && rmdir " + aside + " && mkdir " + q + " && "
                + writeHolder(me) + " && echo TAKEN\n";
        CommandResult r = shell.run(script, TIMEOUT);
        if (!r.stdout().strip().equals("TAKEN")) {
            throw new EngineException(host.name() + ": the apply lock " + path + " changed hands while it was taken "
                    + "over; another apply runs");
        }
    }

    /** The holder's text, when the lock is held. */
    public Optional<String> holder() {
        String q = ShellWords.quote(path);
        String out = check("if [ -d " + q + " ]; then echo HELD; cat " + q + "/holder 2>/dev/null || echo unreadable;"
                + " else echo FREE; fi\n", "read the apply lock");
        return out.startsWith("HELD") ? Optional.of(out.substring(out.indexOf('\n') + 1)) : Optional.empty();
    }

    /** Removes the lock if {@code id} holds it (any holder when {@code id} is empty); returns whether it did. */
    public boolean release(String id) {
        String q = ShellWords.quote(path);
        String guard = id.isEmpty() ? "[ -d " + q + " ]" : "grep -qx " + ShellWords.quote("id=" + id) + " " + q
                + "/holder 2>/dev/null";
        String out = check("if " + guard + "; then rm -f " + q + "/holder; rmdir " + q + " && echo REMOVED; fi\n",
                "remove the apply lock");
        return out.startsWith("REMOVED");
    }

    private String writeHolder(LockHolder me) {
        return "printf '%s' " + ShellWords.quote(me.text()) + " > " + ShellWords.quote(path + "/holder");
    }

    private String check(String script, String what) {
        CommandResult r = shell.run(script, TIMEOUT);
        if (!r.ok()) {
            throw new EngineException(host.name() + ": cannot " + what + " " + path + ": " + r.stderr().strip());
        }
        return r.stdout();
    }
}
