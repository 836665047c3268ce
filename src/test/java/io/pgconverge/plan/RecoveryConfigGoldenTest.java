package io.pgconverge.plan;

import io.pgconverge.model.ArchiveSpec;
import io.pgconverge.model.Cluster;
import io.pgconverge.model.Host;
import io.pgconverge.model.PgMajorVersion;
import io.pgconverge.plan.config.DesiredFiles;
import io.pgconverge.plan.config.NodeFiles;
import io.pgconverge.render.TemplateRenderer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A standby's rendered files for every supported generation of recovery configuration. */
class RecoveryConfigGoldenTest {
    @ParameterizedTest
    @ValueSource(ints = {905, 10, 11, 12, 13, 16, 17})
    void standbyFiles(int version) {
        Cluster lab = FactsFixtures.labCluster(version);
        Cluster cluster = new Cluster(FactsFixtures.desired(version, FactsFixtures.settings(), FactsFixtures.roles(),
                Optional.of(new ArchiveSpec("/var/backups/pgsql/archive", true))), lab.members());
        Host standby = cluster.members().get(1);
        NodeFiles files = new DesiredFiles(cluster, FactsFixtures.secrets(), TemplateRenderer.builtIn()).of(standby);
        String testCase = "recovery-" + PgMajorVersion.text(version);
        Golden.assertMatches(testCase, "pgconverge.conf", files.pgconvergeConf());
        if (PgMajorVersion.atLeast(version, 12)) {
            assertTrue(files.recoveryConf().isEmpty());
            Golden.assertMatches(testCase, "standby.signal", files.standbySignal().orElseThrow());
        } else {
            assertTrue(files.standbySignal().isEmpty());
            Golden.assertMatches(testCase, "recovery.conf", files.recoveryConf().orElseThrow());
        }
        assertEquals(PgMajorVersion.atLeast(version, 10), files.passfile().isPresent());
        assertEquals(!PgMajorVersion.atLeast(version, 10), files.recoverySensitive());
    }
}
