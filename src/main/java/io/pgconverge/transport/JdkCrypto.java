package io.pgconverge.transport;

import net.schmizz.sshj.common.SecurityUtils;

import java.security.InvalidKeyException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyFactorySpi;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.KeySpec;

/**
 * sshj on the JDK's own cryptography instead of BouncyCastle's provider: registering that provider costs a good
 * share of a short command's CPU time (hundreds of classes and algorithm entries), and with it every cipher runs
 * in BouncyCastle's Java code rather than the JDK's intrinsics. The JDK has every algorithm sshj negotiates
 * (curve25519 and ECDH key exchange, Ed25519, ECDSA, RSA, AES, ChaCha20, HMAC) under the standard names; the one
 * name sshj asks for that the JDK spells otherwise, the {@code ECDSA} key factory (the JDK's {@code EC}), is added
 * here as an alias.
 */
final class JdkCrypto {
    private static boolean installed;

    private JdkCrypto() {
    }

    /** Before sshj's first use in this process. */
    static synchronized void install() {
        if (installed) {
            return;
        }
        SecurityUtils.setRegisterBouncyCastle(false);
        Security.addProvider(new EcdsaNames());
        installed = true;
    }

    /** The provider of the {@code ECDSA} key factory name. */
    private static final class EcdsaNames extends Provider {
        EcdsaNames() {
            super("pgconverge-ecdsa", "1", "the JDK's EC key factory under the name ECDSA");
            put("KeyFactory.ECDSA", EcdsaKeyFactory.class.getName());
        }
    }

    /** The JDK's EC key factory under another name. */
    public static final class EcdsaKeyFactory extends KeyFactorySpi {
        private final KeyFactory ec;

        public EcdsaKeyFactory() throws NoSuchAlgorithmException {
            ec = KeyFactory.getInstance("EC");
        }

        @Override
        protected PublicKey engineGeneratePublic(KeySpec spec) throws InvalidKeySpecException {
            return ec.generatePublic(spec);
        }

        @Override
        protected PrivateKey engineGeneratePrivate(KeySpec spec) throws InvalidKeySpecException {
            return ec.generatePrivate(spec);
        }

        @Override
        protected <T extends KeySpec> T engineGetKeySpec(Key key, Class<T> spec) throws InvalidKeySpecException {
            return ec.getKeySpec(key, spec);
        }

        @Override
        protected Key engineTranslateKey(Key key) throws InvalidKeyException {
            return ec.translateKey(key);
        }
    }
}
