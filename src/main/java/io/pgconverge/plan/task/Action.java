package io.pgconverge.plan.task;

/** What a task does to the thing it manages, in Terraform's vocabulary, with the marker the text plan shows. */
public enum Action {
    /** Something new appears: a file, a role, a slot, a data directory. */
    CREATE("+"),
    /** Something that exists is changed in place. */
    UPDATE("~"),
    /** Something is removed (a slot; never a data directory). */
    DELETE("-"),
    /** Something is replaced whole: a data directory rebuilt by a base backup (the old one is moved aside). */
    REPLACE("-/+"),
    /** A command or a wait that changes no managed object by itself: reload, restart, start, verify. */
    RUN(">");

    private final String marker;

    Action(String marker) {
        this.marker = marker;
    }

    public String marker() {
        return marker;
    }
}
