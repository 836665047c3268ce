package io.pgconverge.model;

/** synchronous_standby_names' method: the first N of the list in priority order, or any N of them (quorum). */
public enum SyncMode {
    FIRST, ANY
}
