package io.pgconverge.model;

/**
 * The files and directories the engine owns or reads on a node, derived from its {@link PgLayout}.
 * The fact gatherer reads exactly these paths into {@code NodeFacts.files}; the planner compares them
 * with what it renders.
 */
public record NodePaths(PgLayout layout) {
    public static NodePaths of(PgLayout layout) {
        return new NodePaths(layout);
    }

    public String postgresqlConf() {
        return layout.configDir() + "/postgresql.conf";
    }

    /** The engine-owned settings file, included from postgresql.conf. */
    public String pgconvergeConf() {
        return layout.configDir() + "/pgconverge.conf";
    }

    public String identFile() {
        return layout.configDir() + "/pg_ident.conf";
    }

    public String hbaFile() {
        return layout.configDir() + "/pg_hba.conf";
    }

    /** The 0600 passfile the walreceiver reads ({@code passfile=} in primary_conninfo). */
    public String passfile() {
        return layout.configDir() + "/pgconverge.pgpass";
    }

    /** What the engine last applied on the node. */
    public String appliedRecord() {
        return layout.configDir() + "/pgconverge.applied";
    }

    /**
     * Written by a pg_rewind that failed, with its last output line; the next plan rebuilds the node by a base
     * backup instead of trying the same rewind again, and the base backup removes the file.
     */
    public String rewindFailed() {
        return layout.configDir() + "/pgconverge.rewind-failed";
    }

    /** Server log of a {@code pg_ctl} layout. */
    public String serverLog() {
        return layout.configDir() + "/postgresql.log";
    }

    /** Where ALTER SYSTEM writes; wins over every other file. */
    public String autoConf() {
        return layout.dataDir() + "/postgresql.auto.conf";
    }

    /** Marks a standby from PostgreSQL 12 on. */
    public String standbySignal() {
        return layout.dataDir() + "/standby.signal";
    }

    /** A standby's recovery settings before PostgreSQL 12. */
    public String recoveryConf() {
        return layout.dataDir() + "/recovery.conf";
    }

    /** The directory a base backup is taken into before it replaces the data directory. */
    public String stagingDir() {
        return layout.dataDir() + ".pgconverge-new";
    }

    /** Prefix of the name the replaced data directory is moved to; a timestamp completes it at run time. */
    public String asidePrefix() {
        return layout.dataDir() + ".old-";
    }

    /** Whether the configuration files live inside the data directory (an initdb layout). */
    public boolean configInsideDataDir() {
        String data = layout.dataDir().endsWith("/") ? layout.dataDir() : layout.dataDir() + "/";
        return layout.configDir().equals(layout.dataDir()) || layout.configDir().startsWith(data);
    }
}
