package io.pgconverge.model;

/** Where a secret comes from. Never the secret itself. */
public sealed interface SecretRef permits SecretRef.Env, SecretRef.File, SecretRef.Vault, SecretRef.VaultFile {
    /** {@code {env: NAME}} */
    record Env(String name) implements SecretRef {
        @Override
        public String toString() {
            return "env:" + name;
        }
    }

    /**
     * A value encrypted by ansible-vault, written in place ({@code password: !vault |}); holds only the encrypted
     * text, which the loader opens with the operator's vault passwords.
     */
    record Vault(String envelope) implements SecretRef {
        @Override
        public String toString() {
            return "vault";
        }
    }

    /**
     * A variable of a vars file ansible-vault encrypted whole ({@code group_vars/all/vault.yml}); holds only the
     * file and the variable's name, and the loader opens the file again when secrets are resolved.
     */
    record VaultFile(String path, String variable) implements SecretRef {
        @Override
        public String toString() {
            return "vault:" + path + "#" + variable;
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
