package io.pgconverge.model;

import java.util.List;
import java.util.Optional;

/**
 * What the intent marker ({@link NodePaths#intent()}) says: a node's data directory is being replaced by a base
 * backup or rewound, from which source, and how far that got; or, on a primary restarted by handover, which standby
 * holds the primary role until it is handed back (the source; its stage stays {@code planned}). Its text is the action and source on the first line
 * and the stage on the second ({@code planned} when there is none).
 */
public record Intent(Action action, String source, Stage stage) {
    /** How the data directory is being made. */
    public enum Action {
        BASE_BACKUP("base-backup"), REWIND("rewind"), HANDOVER("handover");

        private final String word;

        Action(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    /** How far it got: decided, copy under way (the directory may be half-made), copy complete. */
    public enum Stage {
        PLANNED, COPYING, COPIED;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public String text() {
        return action.word() + " " + source + "\n" + stage.word() + "\n";
    }

    public Intent at(Stage next) {
        return new Intent(action, source, next);
    }

    /** Empty for text that is not a marker's (then the marker is treated as an unfinished base backup). */
    public static Optional<Intent> parse(String text) {
        List<String> lines = text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        String[] head = lines.get(0).split("\\s+");
        Optional<Action> action = java.util.Arrays.stream(Action.values()).filter(a -> a.word().equals(head[0]))
                .findFirst();
        if (action.isEmpty() || head.length < 2) {
            return Optional.empty();
        }
        String last = lines.size() > 1 ? lines.get(lines.size() - 1) : "planned";
        Stage stage = java.util.Arrays.stream(Stage.values()).filter(s -> s.word().equals(last)).findFirst()
                .orElse(Stage.COPYING);
        return Optional.of(new Intent(action.get(), head[1], stage));
    }

    /** A restart by handover to {@code target} is under way on the node that carries this marker. */
    public static Intent handover(String target) {
        return new Intent(Action.HANDOVER, target, Stage.PLANNED);
    }

    public boolean handover() {
        return action == Action.HANDOVER;
    }

    /** "base backup from node1, interrupted while copying". */
    public String describe() {
        if (handover()) {
            return "restart by handover to " + source + " (the role not yet handed back)";
        }
        return (action == Action.BASE_BACKUP ? "base backup" : "pg_rewind") + " from " + source + " ("
                + (stage == Stage.PLANNED ? "decided, not begun" : stage == Stage.COPYING ? "interrupted while copying"
                : "copy complete, not yet started as a standby") + ")";
    }
}
