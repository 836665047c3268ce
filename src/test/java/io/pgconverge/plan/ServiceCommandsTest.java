package io.pgconverge.plan;

import io.pgconverge.model.Become;
import io.pgconverge.model.BecomeMethod;
import io.pgconverge.model.ConnectionKind;
import io.pgconverge.model.Host;
import io.pgconverge.model.PgLayout;
import io.pgconverge.model.PgMajorVersion;
import io.pgconverge.model.RunAs;
import io.pgconverge.model.ServiceManager;
import io.pgconverge.plan.service.PgCtl;
import io.pgconverge.plan.service.PgCtlCluster;
import io.pgconverge.plan.service.ServiceCommands;
import io.pgconverge.plan.service.ServiceControl;
import io.pgconverge.plan.service.Systemd;
import io.pgconverge.plan.task.ShellCommand;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class ServiceCommandsTest {
    private static PgLayout debian(ServiceManager service, int version) {
        String v = PgMajorVersion.text(version);
        return new PgLayout(version, 5432, "/var/lib/postgresql/" + v + "/main", "/usr/lib/postgresql/" + v + "/bin",
                "/etc/postgresql/" + v + "/main", service, "/var/run/postgresql");
    }

    private static final PgLayout LAB = new PgLayout(15, 5441, "/lab/node1/data", "/usr/lib/postgresql/15/bin",
            "/lab/node 1/conf", ServiceManager.PG_CTL, "/lab/node1/run");

    private static Host host(String login, boolean become, PgLayout layout) {
        return new Host("node1", "192.0.2.1", 22, login, Optional.empty(), Optional.empty(), false,
                ConnectionKind.SSH, layout, Map.of(), new Become(become, "postgres", BecomeMethod.SUDO, Optional.empty()));
    }

    @Test
    void eachManagerHasItsOwnClass() {
        assertInstanceOf(PgCtlCluster.class, ServiceControl.of(debian(ServiceManager.PG_CTLCLUSTER, 16)));
        assertInstanceOf(Systemd.class, ServiceControl.of(debian(ServiceManager.SYSTEMD, 16)));
        assertInstanceOf(PgCtl.class, ServiceControl.of(LAB));
    }

    @Test
    void systemdUnitsNameVersionAndClusterAndRunAsRoot() {
        ServiceControl s = new Systemd(debian(ServiceManager.SYSTEMD, 16));
        assertEquals(RunAs.ROOT, s.runAs());
        assertEquals("systemctl start postgresql@16-main", s.start());
        assertEquals("systemctl stop postgresql@16-main", s.stop());
        assertEquals("systemctl restart postgresql@16-main", s.restart());
        assertEquals("systemctl reload postgresql@16-main", s.reload());
        assertEquals("pg_ctlcluster 16 main promote", s.promote());
        assertEquals("/var/log/postgresql/postgresql-16-main.log", s.serverLog());
        assertEquals("systemctl reload postgresql@9.5-main", new Systemd(debian(ServiceManager.SYSTEMD, 905)).reload());
    }

    @Test
    void pgCtlClusterTakesVersionClusterAndItsOwnShutdownModeAndRunsAsRoot() {
        ServiceControl s = new PgCtlCluster(debian(ServiceManager.PG_CTLCLUSTER, 905));
        assertEquals(RunAs.ROOT, s.runAs());
        assertEquals("pg_ctlcluster 9.5 main start", s.start());
        assertEquals("pg_ctlcluster 9.5 main stop -m fast", s.stop());
        assertEquals("pg_ctlcluster 9.5 main stop -m immediate", s.stopImmediately());
        assertEquals("pg_ctlcluster 9.5 main restart -m fast", s.restart());
        assertEquals("pg_ctlcluster 9.5 main reload", s.reload());
        assertEquals("pg_ctlcluster 9.5 main promote", s.promote());
        assertEquals("/var/log/postgresql/postgresql-9.5-main.log", s.serverLog());
    }

    @Test
    void pgCtlUsesTheLayoutsConfigFileAndLogAndRunsAsThePostgresUser() {
        ServiceControl s = new PgCtl(LAB);
        assertEquals(RunAs.SERVER_USER, s.runAs());
        assertEquals("/usr/lib/postgresql/15/bin/pg_ctl -D /lab/node1/data -o '-c config_file=/lab/node 1/conf/"
                + "postgresql.conf' -l '/lab/node 1/conf/postgresql.log' -w start", s.start());
        assertEquals("/usr/lib/postgresql/15/bin/pg_ctl -D /lab/node1/data -w stop -m fast", s.stop());
        assertEquals("/usr/lib/postgresql/15/bin/pg_ctl -D /lab/node1/data -w stop -m immediate", s.stopImmediately());
        assertEquals("/usr/lib/postgresql/15/bin/pg_ctl -D /lab/node1/data -o '-c config_file=/lab/node 1/conf/"
                + "postgresql.conf' -l '/lab/node 1/conf/postgresql.log' -w restart -m fast", s.restart());
        assertEquals("/usr/lib/postgresql/15/bin/pg_ctl -D /lab/node1/data reload", s.reload());
        assertEquals("/usr/lib/postgresql/15/bin/pg_ctl -D /lab/node1/data -w promote", s.promote());
        assertEquals("/lab/node 1/conf/postgresql.log", s.serverLog());
    }

    @Test
    void aNodesCommandsSayWhichUserTheyRunAsThere() {
        PgLayout layout = debian(ServiceManager.PG_CTLCLUSTER, 16);
        assertEquals(new ShellCommand("pg_ctlcluster 16 main restart -m fast", RunAs.ROOT, "root"),
                new ServiceCommands(host("admin", true, layout)).restart());
        assertEquals(new ShellCommand("pg_ctlcluster 16 main reload", RunAs.ROOT, "postgres"),
                new ServiceCommands(host("postgres", false, layout)).reload());
        assertEquals("postgres", new ServiceCommands(host("admin", true, LAB)).start().user());
    }

    /** A stranded standby's start with -c options: pg_ctlcluster's own -o, which systemd's unit cannot take. */
    @Test
    void aStartWithServerOptionsGoesThroughEachManagersOwnOption() {
        Map<String, String> overrides = Map.of("max_worker_processes", "16", "max_connections", "200");
        assertEquals("pg_ctlcluster 15 main start -o '-c max_connections=200 -c max_worker_processes=16'",
                new PgCtlCluster(debian(ServiceManager.PG_CTLCLUSTER, 15)).startWith(overrides));
        assertEquals("pg_ctlcluster 16 main start -o '-c max_connections=200 -c max_worker_processes=16'",
                new Systemd(debian(ServiceManager.SYSTEMD, 16)).startWith(overrides));
        assertEquals("/usr/lib/postgresql/15/bin/pg_ctl -D /lab/node1/data -o '-c config_file=/lab/node 1/conf/"
                + "postgresql.conf -c max_connections=200 -c max_worker_processes=16' -l '/lab/node 1/conf/postgresql.log'"
                + " -w start", new PgCtl(LAB).startWith(overrides));
        ShellCommand start = new ServiceCommands(host("admin", true, debian(ServiceManager.PG_CTLCLUSTER, 15)))
                .startWith(overrides);
        assertEquals(RunAs.ROOT, start.runAs());
    }
}
