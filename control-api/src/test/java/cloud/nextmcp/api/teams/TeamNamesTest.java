package cloud.nextmcp.api.teams;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TeamNamesTest {
    @Test
    void personalTeamNamesAreValidLabelsFromTheEmail() {
        assertThat(TeamNames.personalBase("Alice.Smith+cloud@example.com")).isEqualTo("alice-smith-cloud");
        assertThat(TeamNames.personalBase("42bob@example.com")).isEqualTo("bob");
        assertThat(TeamNames.personalBase("jo@example.com")).isEqualTo("jo-team");
        assertThat(TeamNames.personalBase("1234@example.com")).isEqualTo("user");
        assertThat(TeamNames.personalBase("a--b__c@example.com")).isEqualTo("a-b-c");
        assertThat(TeamNames.personalBase("x".repeat(40) + "@example.com")).hasSize(27);
        for (String email : new String[] {"Alice.Smith+cloud@example.com", "42bob@x.y", "jo@x.y", "1234@x.y",
                "a-very-long-local-part-that-goes-on-and-on-@x.y", "ünïcode@x.y"}) {
            String base = TeamNames.personalBase(email);
            assertThat(TeamNames.problem(base)).as(base).isNull();
            assertThat(TeamNames.problem(TeamNames.candidate(base, 20))).as(base).isNull();
        }
    }

    @Test
    void teamNamesFollowTheLabelRules() {
        assertThat(TeamNames.problem("acme")).isNull();
        assertThat(TeamNames.problem("Acme")).contains("lower-case");
        assertThat(TeamNames.problem("ac")).contains("3 to 32");
        assertThat(TeamNames.problem("ac--me")).contains("single '-'");
        assertThat(TeamNames.problem("acme-")).contains("not end with '-'");
    }
}
