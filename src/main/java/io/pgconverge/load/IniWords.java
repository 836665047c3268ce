package io.pgconverge.load;

import io.pgconverge.model.Mark;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Splits an INI host line into words as Python's {@code shlex.split(line, comments=True)} does, which is how
 * Ansible reads it: whitespace separates words, single and double quotes group (and are removed), a backslash
 * escapes the next character outside single quotes, {@code #} at the start of a word begins a comment.
 */
final class IniWords {
    /** One word, unquoted, with where it starts. */
    record Word(String text, Mark mark) {
    }

    private IniWords() {
    }

    /** Empty, with a problem, when a quote is not closed. */
    static Optional<List<Word>> split(String line, Mark start, Diagnostics problems) {
        List<Word> words = new ArrayList<>();
        StringBuilder word = null;
        int wordStart = 0;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < line.length()
                        && (line.charAt(i + 1) == '"' || line.charAt(i + 1) == '\\')) {
                    word.append(line.charAt(++i));
                } else {
                    word.append(c);
                }
                continue;
            }
            if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(new Word(word.toString(), at(start, wordStart)));
                    word = null;
                }
                continue;
            }
            if (word == null) {
                if (c == '#') {
                    break;
                }
                word = new StringBuilder();
                wordStart = i;
            }
            if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '\\' && i + 1 < line.length()) {
                word.append(line.charAt(++i));
            } else {
                word.append(c);
            }
        }
        if (quote != 0) {
            problems.add(at(start, wordStart), "a " + (quote == '"' ? "double" : "single")
                    + " quote is not closed on this line");
            return Optional.empty();
        }
        if (word != null) {
            words.add(new Word(word.toString(), at(start, wordStart)));
        }
        return Optional.of(words);
    }

    private static Mark at(Mark start, int offset) {
        return new Mark(start.file(), start.line(), start.column() + offset);
    }
}
