package io.pgconverge.lab;

/** Where a lab node stands. */
public enum NodeState {
    /** No PostgreSQL cluster has been initialised for it yet. */
    ABSENT,
    STOPPED,
    RUNNING
}
