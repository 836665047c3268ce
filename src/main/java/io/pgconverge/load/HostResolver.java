package io.pgconverge.load;

import io.pgconverge.model.ConnectionKind;
import io.pgconverge.model.Host;
import io.pgconverge.model.PgLayout;
import io.pgconverge.model.PgMajorVersion;
import io.pgconverge.model.ServiceManager;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Types one inventory host: Ansible's connection variables and the engine's pg_* variables, with
 * Debian's defaults (/var/lib/postgresql/V/main, /usr/lib/postgresql/V/bin, /etc/postgresql/V/main).
 */
public final class HostResolver {
    static final int SSH_PORT = 22;
    static final int PG_PORT = 5432;

    private final String defaultUser;
    private final LocalPaths paths;

    /**
     * @param defaultUser the login when ansible_user is not set (Ansible: the operator's user name)
     * @param home the operator's home, for a leading ~ in local paths (key and known_hosts files)
     */
    public HostResolver(String defaultUser, Path home) {
        this.defaultUser = defaultUser;
        this.paths = new LocalPaths(home);
    }

    public static HostResolver forOperator() {
        return new HostResolver(System.getProperty("user.name"), Path.of(System.getProperty("user.home")));
    }

    Host resolve(String name, Map<String, Var> vars, int fallbackVersion, Diagnostics problems) {
        HostVars v = new HostVars(vars, problems);
        String address = v.text("ansible_host", "ansible_ssh_host").map(String::strip).orElse(name);
        int sshPort = v.port("ansible_port", "ansible_ssh_port").orElse(SSH_PORT);
        String user = v.text("ansible_user", "ansible_ssh_user").map(String::strip).orElse(defaultUser);
        Optional<String> key = v.text("ansible_ssh_private_key_file", "ansible_private_key_file").map(paths::expand);
        ConnectionKind connection = v.choice("ansible_connection", "ssh", "paramiko", "smart", "local")
                .map(c -> c.equals("local") ? ConnectionKind.LOCAL : ConnectionKind.SSH).orElse(ConnectionKind.SSH);
        SshArgs ssh = SshArgs.parse(v.text("ansible_ssh_common_args").orElse("") + " "
                + v.text("ansible_ssh_extra_args").orElse(""));
        return new Host(name, address, sshPort, user, key, ssh.knownHostsFile().map(paths::expand),
                ssh.acceptNewHostKeys(), connection, layout(v, fallbackVersion), plain(vars),
                new BecomeVars(vars, v, problems).read());
    }

    private static PgLayout layout(HostVars v, int fallbackVersion) {
        int version = v.version("pg_version").orElse(fallbackVersion);
        String text = PgMajorVersion.text(version);
        int port = v.port("pg_port").orElse(PG_PORT);
        String data = v.absolutePath("pg_data").orElse("/var/lib/postgresql/" + text + "/main");
        String bin = v.absolutePath("pg_bindir").orElse("/usr/lib/postgresql/" + text + "/bin");
        String config = v.absolutePath("pg_config_dir").orElse("/etc/postgresql/" + text + "/main");
        String socket = v.absolutePath("pg_socket_dir").orElse("/var/run/postgresql");
        ServiceManager service = v.choice("pg_service", "systemd", "pg_ctlcluster", "pg_ctl")
                .map(s -> ServiceManager.valueOf(s.toUpperCase(Locale.ROOT))).orElse(ServiceManager.PG_CTLCLUSTER);
        return new PgLayout(version, port, data, bin, config, service, socket);
    }

    /** Every variable as a plain value; a variable set to nothing (foo:) counts as unset. */
    private static Map<String, Object> plain(Map<String, Var> vars) {
        Map<String, Object> plain = new LinkedHashMap<>();
        vars.forEach((k, v) -> {
            Object value = PlainValues.of(v.node());
            if (value != null) {
                plain.put(k, value);
            }
        });
        return plain;
    }
}
