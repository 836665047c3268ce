package io.pgconverge.model;

import java.util.regex.Pattern;

/** Quoting of words for bash, so that commands shown in a plan are exactly the commands run. */
public final class ShellWords {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private ShellWords() {
    }

    /** The word as bash reads it literally: unchanged when it has no special characters, else single-quoted. */
    public static String quote(String word) {
        if (!word.isEmpty() && SAFE.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
