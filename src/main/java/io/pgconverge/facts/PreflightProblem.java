package io.pgconverge.facts;

/**
 * A reason the cluster cannot be converged as it is, found in its facts.
 *
 * @param check   which check found it: "arch", "os", "pg_version", "inventory_pg_version", "binaries"
 *                or "become" (service commands cannot run as root)
 * @param message one sentence naming the nodes and values involved
 */
public record PreflightProblem(String check, String message) {
    @Override
    public String toString() {
        return message;
    }
}
