package org.iterwatch.bot.ingress;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import org.iterwatch.config.Secret;

/**
 * The API tokens, compared in constant time: both sides are hashed first so neither the content
 * nor the length of a token shows in the time a wrong guess takes.
 */
public final class Tokens {
    private static final String BEARER = "Bearer ";
    private final List<byte[]> hashes;

    Tokens(List<Secret> tokens) {
        this.hashes = tokens.stream().map(t -> sha256(t.reveal())).toList();
    }

    int count() {
        return hashes.size();
    }

    /** The index of the token the header carries, or -1. */
    int match(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return -1;
        }
        byte[] given = sha256(authorization.substring(BEARER.length()).strip());
        int found = -1;
        for (int i = 0; i < hashes.size(); i++) {
            if (MessageDigest.isEqual(hashes.get(i), given) && found < 0) {
                found = i;
            }
        }
        return found;
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
