package io.pgconverge.lab;

/**
 * The lines the lab appends to a node's initdb-made postgresql.conf, as Debian's pg_createcluster sets them:
 * where the data and the other config files are, the node's own address, port and socket directory. The
 * rest of the file stays as initdb wrote it.
 */
final class NodeConfig {
    static final String MARKER = "# pgconverge lab:";

    private NodeConfig() {
    }

    static String appendix(LabNode node) {
        return "\n" + MARKER + " this node's layout (config files outside the data directory, as on Debian)\n"
                + "data_directory = '" + node.dataDir() + "'\n"
                + "hba_file = '" + node.hbaFile() + "'\n"
                + "ident_file = '" + node.identFile() + "'\n"
                + "listen_addresses = '" + node.address() + "'\n"
                + "port = " + node.port() + "\n"
                + "unix_socket_directories = '" + node.runDir() + "'\n"
                + "cluster_name = '" + node.name() + "'\n";
    }
}
