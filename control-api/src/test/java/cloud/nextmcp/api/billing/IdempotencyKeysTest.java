package cloud.nextmcp.api.billing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdempotencyKeysTest {
    @Test
    void theSameOperationOnTheSameThingsGetsTheSameKeyAndAnythingElseAnother() {
        String customer = IdempotencyKeys.of("customer", 42L);
        assertThat(customer).isEqualTo(IdempotencyKeys.of("customer", 42L)).startsWith("nextmcp-customer-")
                .hasSizeLessThanOrEqualTo(255);
        assertThat(IdempotencyKeys.of("customer", 43L)).isNotEqualTo(customer);
        assertThat(IdempotencyKeys.of("checkout", 42L)).isNotEqualTo(customer);
        // Parts are separated, so ("a", "bc") and ("ab", "c") differ.
        assertThat(IdempotencyKeys.of("x", "a", "bc")).isNotEqualTo(IdempotencyKeys.of("x", "ab", "c"));
        assertThat(IdempotencyKeys.of("checkout", 42L, "cus_1", "price_pro", "http://h/", 1L))
                .isNotEqualTo(IdempotencyKeys.of("checkout", 42L, "cus_1", "price_pro", "http://h/", 2L));
    }

    @Test
    void aKnownDerivation() {
        // base64url(SHA-256("customer" NUL "42")) without padding, computed with Python's hashlib.
        assertThat(IdempotencyKeys.of("customer", 42L)).isEqualTo("nextmcp-customer-1mCfMhxiGpxK5NqbUuZYwJptQpWqE62bLhuDCPjP1lg");
    }
}
