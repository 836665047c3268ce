package io.pgconverge.plan;

import io.pgconverge.model.PgLayout;
import io.pgconverge.model.PgMajorVersion;
import io.pgconverge.model.ServiceManager;
import io.pgconverge.plan.service.ServiceCommands;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ServiceCommandsTest {
    private static ServiceCommands debian(ServiceManager service, int version) {
        String v = PgMajorVersion.text(version);
        return new ServiceCommands(new PgLayout(version, 5432, "/var/lib/postgresql/" + v + "/main",
                "/usr/lib/postgresql/" + v + "/bin", "/etc/postgresql/" + v + "/main", service,
                "/var/run/postgresql"));
    }

    @Test
    void systemdUnitsNameVersionAndCluster() {
        ServiceCommands s = debian(ServiceManager.SYSTEMD, 16);
        assertEquals("systemctl start postgresql@16-main", s.start());
        assertEquals("systemctl stop postgresql@16-main", s.stop());
        assertEquals("systemctl restart postgresql@16-main", s.restart());
        assertEquals("systemctl reload postgresql@16-main", s.reload());
        assertEquals("systemctl reload postgresql@9.5-main", debian(ServiceManager.SYSTEMD, 905).reload());
    }

    @Test
    void pgCtlClusterTakesVersionAndCluster() {
        ServiceCommands s = debian(ServiceManager.PG_CTLCLUSTER, 905);
        assertEquals("pg_ctlcluster 9.5 main start", s.start());
        assertEquals("pg_ctlcluster 9.5 main stop -m fast", s.stop());
        assertEquals("pg_ctlcluster 9.5 main restart -m fast", s.restart());
        assertEquals("pg_ctlcluster 9.5 main reload", s.reload());
        assertEquals("pg_ctlcluster 9.5 main promote", s.promote());
    }

    @Test
    void pgCtlUsesTheLayoutsConfigFileAndLog() {
        ServiceCommands s = new ServiceCommands(new PgLayout(15, 5441, "/lab/node1/data", "/usr/lib/postgresql/15/bin",
                "/lab/node 1/conf", ServiceManager.PG_CTL, "/lab/node1/run"));
        assertEquals("/usr/lib/postgresql/15/bin/pg_ctl -D /lab/node1/data -o '-c config_file=/lab/node 1/conf/"
                + "postgresql.conf' -l '/lab/node 1/conf/postgresql.log' -w start", s.start());
        assertEquals("/usr/lib/postgresql/15/bin/pg_ctl -D /lab/node1/data -w stop -m fast", s.stop());
        assertEquals("/usr/lib/postgresql/15/bin/pg_ctl -D /lab/node1/data -w stop -m immediate", s.stopImmediately());
        assertEquals("/usr/lib/postgresql/15/bin/pg_ctl -D /lab/node1/data -o '-c config_file=/lab/node 1/conf/"
                + "postgresql.conf' -l '/lab/node 1/conf/postgresql.log' -w restart -m fast", s.restart());
        assertEquals("/usr/lib/postgresql/15/bin/pg_ctl -D /lab/node1/data reload", s.reload());
        assertEquals("/usr/lib/postgresql/15/bin/pg_ctl -D /lab/node1/data -w promote", s.promote());
    }
}
