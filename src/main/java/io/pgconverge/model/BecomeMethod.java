package io.pgconverge.model;

/** How the engine changes user on a node: {@code ansible_become_method}. */
public enum BecomeMethod { SUDO, SU }
