package io.pgconverge.model;

/** How the engine reaches a node: {@code ansible_connection}. */
public enum ConnectionKind { SSH, LOCAL }
