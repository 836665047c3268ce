package io.pgconverge.lab;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NodeConfigTest {
    @Test
    void theAppendixPointsAtTheNodesFilesAddressPortAndSocket() {
        LabNode n = new LabLayout(Path.of("/tmp/pgconverge-lab"), 3).node(2);
        assertEquals("""

                # pgconverge lab: this node's layout (config files outside the data directory, as on Debian)
                data_directory = '/tmp/pgconverge-lab/node2/data'
                hba_file = '/tmp/pgconverge-lab/node2/conf/pg_hba.conf'
                ident_file = '/tmp/pgconverge-lab/node2/conf/pg_ident.conf'
                listen_addresses = '127.0.0.12'
                port = 5442
                unix_socket_directories = '/tmp/pgconverge-lab/node2/run'
                cluster_name = 'node2'
                """, NodeConfig.appendix(n));
    }
}
