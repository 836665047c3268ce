package io.pgconverge.model;

/** Where a secret comes from. Never the secret itself. */
public sealed interface SecretRef permits SecretRef.Env, SecretRef.File {
    /** {@code {env: NAME}} */
    record Env(String name) implements SecretRef {
        @Override
        public String toString() {
            return "env:" + name;
        }
    }

    /** {@code {file: PATH}}; a leading ~ is the operator's home directory. */
    record File(String path) implements SecretRef {
        @Override
        public String toString() {
            return "file:" + path;
        }
    }
}
