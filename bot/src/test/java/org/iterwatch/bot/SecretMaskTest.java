package org.iterwatch.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What iterwatch prints passes through the mask; the e2e runs check the real output. */
class SecretMaskTest {
    @Test
    void botTokenShapesAndRegisteredTokensAreMaskedShortValuesAreNot() {
        SecretMask.register(List.of("plainApiToken0123456789abcdef", "short", ""));

        assertThat(SecretMask.apply("GET /bot123456789:AAFakeTelegramTokenForTests_0123456789/getMe"))
                .isEqualTo("GET /bot<token>/getMe");
        assertThat(SecretMask.apply("Unrecognized token 'plainApiToken0123456789abcdef'"))
                .isEqualTo("Unrecognized token '<secret>'");
        assertThat(SecretMask.apply("a short word")).isEqualTo("a short word");
    }
}
