package io.pgconverge.plan;

/**
 * Choices of the operator that change what the planner may do, beyond the playbook.
 *
 * @param force promote the desired primary although another reachable standby has more WAL, or demote a primary
 *              whose timeline is not older than the desired primary's: both may lose transactions, which the plan
 *              then states as warnings instead of refusing
 */
public record PlanOptions(boolean force) {
    public static PlanOptions defaults() {
        return new PlanOptions(false);
    }
}
