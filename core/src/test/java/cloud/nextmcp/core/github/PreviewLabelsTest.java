package cloud.nextmcp.core.github;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PreviewLabelsTest {
    @Test
    void pullRequestsAndShortBranches() {
        assertThat(PreviewLabels.pullRequest(7)).isEqualTo("pr-7");
        assertThat(PreviewLabels.hostLabel("pr-7", "weather")).isEqualTo("pr-7--weather");
        assertThat(PreviewLabels.branch("feature-x", "weather")).isEqualTo("feature-x");
        assertThat(PreviewLabels.branch("Feature/New_Tool", "weather")).isEqualTo("feature-new-tool");
        assertThat(PreviewLabels.branch("--fix--", "weather")).isEqualTo("fix");
    }

    @Test
    void longBranchesAreCutWithAHashSoTheHostIsOneDnsLabel() {
        String app = "a-rather-long-application-name";
        String a = PreviewLabels.branch("feature/" + "very-long-description-of-the-change-".repeat(3) + "one", app);
        String b = PreviewLabels.branch("feature/" + "very-long-description-of-the-change-".repeat(3) + "two", app);
        assertThat(PreviewLabels.hostLabel(a, app)).hasSizeLessThanOrEqualTo(63).matches("[a-z0-9][a-z0-9-]*[a-z0-9]");
        assertThat(a).startsWith("feature-very-long").isNotEqualTo(b);
        assertThat(PreviewLabels.branch("feature/" + "very-long-description-of-the-change-".repeat(3) + "one", app))
                .as("stable").isEqualTo(a);
    }

    @Test
    void branchesNeverTakeAPullRequestsLabelOrAnEmptyOne() {
        assertThat(PreviewLabels.branch("pr-7", "weather")).startsWith("pr-7-").isNotEqualTo("pr-7");
        assertThat(PreviewLabels.branch("ü/ö", "weather")).matches("b-[0-9a-f]{6}");
    }
}
