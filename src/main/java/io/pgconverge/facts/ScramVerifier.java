package io.pgconverge.facts;

/**
 * A stored SCRAM-SHA-256 password verifier ({@code SCRAM-SHA-256$iter:salt$StoredKey:ServerKey}).
 * It is not the password, but it is still kept out of every output.
 */
public final class ScramVerifier {
    private final String text;

    public ScramVerifier(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScramVerifier v && v.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return "(sensitive)";
    }
}
