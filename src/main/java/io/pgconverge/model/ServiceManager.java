package io.pgconverge.model;

/** How a node's PostgreSQL server is started and stopped: {@code pg_service}. */
public enum ServiceManager { SYSTEMD, PG_CTLCLUSTER, PG_CTL }
