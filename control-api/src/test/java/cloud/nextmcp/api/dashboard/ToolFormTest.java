package cloud.nextmcp.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cloud.nextmcp.api.dashboard.tools.ToolForm;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ToolFormTest {
    private static final McpSchema.Tool ADD = McpSchema.Tool.builder().name("add").inputSchema(new McpSchema.JsonSchema(
            "object", Map.of("a", Map.of("type", "integer", "description", "first"), "b", Map.of("type", "number"),
                    "loud", Map.of("type", "boolean"), "note", Map.of("type", "string")),
            List.of("a", "b"), null, null, null)).build();

    @Test
    void theSchemaBecomesLabelledFieldsOfTheRightInputType() {
        List<ToolForm.Field> fields = ToolForm.fields(ADD);

        assertThat(fields).extracting(ToolForm.Field::name).containsExactlyInAnyOrder("a", "b", "loud", "note");
        ToolForm.Field a = fields.stream().filter(f -> f.name().equals("a")).findFirst().orElseThrow();
        assertThat(a.required()).isTrue();
        assertThat(a.description()).isEqualTo("first");
        assertThat(a.inputType()).isEqualTo("number");
        assertThat(fields.stream().filter(f -> f.name().equals("loud")).findFirst().orElseThrow().inputType())
                .isEqualTo("checkbox");
    }

    @Test
    void formValuesBecomeArgumentsOfTheSchemasTypes() {
        Map<String, Object> arguments = ToolForm.arguments(ToolForm.fields(ADD),
                Map.of("arg.a", "2", "arg.b", "2.5", "arg.loud", "on", "arg.note", ""));

        assertThat(arguments).containsEntry("a", 2L).containsEntry("b", 2.5).containsEntry("loud", true)
                .doesNotContainKey("note");
    }

    @Test
    void aNumberThatIsNotOneIsRefusedWithTheFieldsName() {
        assertThatThrownBy(() -> ToolForm.arguments(ToolForm.fields(ADD), Map.of("arg.a", "two", "arg.b", "1")))
                .hasMessage("'a' must be a integer");
    }
}
