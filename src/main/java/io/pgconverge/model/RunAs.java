package io.pgconverge.model;

/**
 * Who a command on a node runs as: the OS user PostgreSQL runs as (files under the data and config directories,
 * initdb, pg_basebackup, pg_rewind, psql over the socket, facts) or root (service control through pg_ctlcluster
 * or systemctl).
 */
public enum RunAs { SERVER_USER, ROOT }
