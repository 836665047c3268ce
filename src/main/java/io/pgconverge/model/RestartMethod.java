package io.pgconverge.model;

/** How a primary whose configuration needs a restart is restarted: in place, or after handing over. */
public enum RestartMethod {
    /** Restart the primary in place: writes stop for the length of the restart. */
    RESTART,
    /** Hand the primary over to the most caught-up standby, restart it as a standby, then hand it back. */
    SWITCHOVER
}
