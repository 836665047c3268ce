package io.pgconverge.transport;

import io.pgconverge.model.Secret;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A {@link PgSession} that runs psql on the node through its {@link RemoteShell}: over the local socket as the
 * shell's OS user, so {@code peer} authentication works on a freshly installed node without any password. SQL
 * travels inside the script as a quoted here-document on psql's stdin, never on a command line. Where pg_hba
 * requires a password everywhere, the admin role's password goes into a 0600 PGPASSFILE that the same script
 * creates empty, opens on descriptor 3 and unlinks before writing the password into it: killed at any moment, it
 * leaves no file holding the password. With peer rules libpq never reads it. Each call is one round trip.
 */
public final class PsqlPgSession implements PgSession {
    private final RemoteShell shell;
    private final String psql;
    private final String socketDir;
    private final int port;
    private final Optional<Secret> password;
    private final Duration timeout;

    public PsqlPgSession(RemoteShell shell, String psql, String socketDir, int port, Optional<Secret> password,
                         Duration timeout) {
        this.shell = shell;
        this.psql = psql;
        this.socketDir = socketDir;
        this.port = port;
        this.password = password;
        this.timeout = timeout;
    }

    @Override
    public String queryValue(String sql) {
        String out = run(terminated(sql));
        return out.endsWith("\n") ? out.substring(0, out.length() - 1) : out;
    }

    @Override
    public void execute(List<String> statements) {
        if (!statements.isEmpty()) {
            run(statements.stream().map(PsqlPgSession::terminated).collect(Collectors.joining("\n")));
        }
    }

    private String run(String sql) {
        CommandResult r = shell.run(script(sql), timeout);
        if (!r.ok()) {
            throw new TransportException(shell.host() + ": psql failed: " + message(r));
        }
        return r.stdout();
    }

    /** The bash script: environment, optional passfile, then psql reading the SQL from a here-document. */
    String script(String sql) {
        String sqlEnd = delimiter("PGCONVERGE_SQL", sql);
        StringBuilder s = new StringBuilder();
        s.append("export LC_ALL=C PGAPPNAME=pgconverge PGCONNECT_TIMEOUT=")
                .append(Math.max(2, Math.min(timeout.toSeconds(), 30))).append('\n');
        s.append("unset PGPASSWORD PGSERVICE PGUSER PGDATABASE PGHOST PGPORT\n");
        password.ifPresent(p -> appendPassfile(s, p));
        s.append(quote(psql)).append(" -X -A -t -q -w -v ON_ERROR_STOP=1 -h ").append(quote(socketDir))
                .append(" -p ").append(port).append(" -d postgres <<'").append(sqlEnd).append("'\n");
        s.append(sql).append('\n').append(sqlEnd).append('\n');
        return s.toString();
    }

    private static void appendPassfile(StringBuilder s, Secret password) {
        String value = password.reveal();
        if (value.contains("\n") || value.contains("\r")) {
            throw new TransportException("the admin password contains a line break, which a passfile cannot hold");
        }
        String end = delimiter("PGCONVERGE_PASS", value);
        s.append("umask 077\n");
        s.append("PASSTMP=$(mktemp) || exit 1\n");
        s.append("exec 3<>\"$PASSTMP\"\n");
        s.append("rm -f -- \"$PASSTMP\"\n");
        s.append("export PGPASSFILE=/dev/fd/3\n");
        s.append("cat >&3 <<'").append(end).append("'\n");
        s.append("*:*:*:*:").append(value.replace("\\", "\\\\").replace(":", "\\:")).append('\n');
        s.append(end).append('\n');
    }

    /** A here-document delimiter that does not occur in the text. */
    private static String delimiter(String base, String text) {
        String d = base;
        while (text.contains(d)) {
            d = base + "_" + UUID.randomUUID().toString().replace("-", "");
        }
        return d;
    }

    private static String terminated(String sql) {
        String s = sql.strip();
        return s.endsWith(";") ? s : s + ";";
    }

    private static String message(CommandResult r) {
        String err = r.stderr().lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.matches("LINE \\d+:.*") && !l.matches("\\^"))
                .map(l -> l.replaceFirst("^psql:<stdin>:\\d+: ", "")).collect(Collectors.joining(" "));
        return err.isEmpty() ? "exit status " + r.exitCode() : err;
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    @Override
    public void close() {
    }
}
