package io.pgconverge.facts;

/** The node's operating system: os-release ID and VERSION_ID, uname -m, hostname. */
public record OsFacts(String family, String version, String arch, String hostname) {
}
