package cloud.nextmcp.api.problems;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EchoedValuesTest {
    @Test
    void aLongQuotedValueIsCutTo100CharactersAndTheRestOfTheDetailStays() {
        String detail = Problem.of(422, "invalid-input", "Invalid config var name '" + "x".repeat(10_000_000)
                + "': use letters, digits and underscores").detail();

        assertThat(detail).isEqualTo("Invalid config var name '" + "x".repeat(100) + "…': use letters, digits and underscores");
    }

    @Test
    void shortValuesAreEchoedAsTheyAre() {
        String detail = "'" + "a".repeat(100) + "' and 'b' are both fine in this sentence of some length";
        assertThat(EchoedValues.cap(detail)).isEqualTo(detail);
    }

    @Test
    void aDetailFullOfQuotesOrWithoutThemStaysBoundedAndFast() {
        assertThat(EchoedValues.cap("'".repeat(10_000_000))).hasSizeLessThanOrEqualTo(EchoedValues.MAX_DETAIL + 1);
        assertThat(EchoedValues.cap("no quotes " + "y".repeat(10_000_000))).hasSize(EchoedValues.MAX_DETAIL + 1);
        assertThat(EchoedValues.cap("one ' quote " + "z".repeat(10_000_000))).hasSize(EchoedValues.MAX_DETAIL + 1);
    }
}
