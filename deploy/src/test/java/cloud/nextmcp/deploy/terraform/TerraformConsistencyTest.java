package cloud.nextmcp.deploy.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import com.bertramlabs.plugins.hcl4j.HCLParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every Terraform directory under terraform/ parses, uses only variables it declares (each typed and described),
 * gives its modules only inputs they declare and every input they require, and sets only chart values that
 * charts/nextmcp/values.schema.json declares.
 */
class TerraformConsistencyTest {
    private static final Path REPO = Path.of(System.getProperty("nextmcp.repo.root", ".."));
    private static final Path TERRAFORM = REPO.resolve("terraform");
    private static final Pattern VAR = Pattern.compile("\\bvar\\.([A-Za-z_][A-Za-z0-9_-]*)");
    private static final Set<String> META_ARGUMENTS = Set.of("source", "version", "providers", "depends_on", "count", "for_each");

    @Test
    void everyVariableUsedIsDeclaredTypedAndDescribed() throws Exception {
        List<Path> dirs = directories();
        assertThat(dirs.stream().map(d -> TERRAFORM.relativize(d).toString()))
                .contains("aws", "gcp", "modules/nextmcp-chart", "modules/aws-platform", "modules/gcp-platform");
        for (Path dir : dirs) {
            Map<String, Map<String, Object>> declared = blocks(dir, "variable");
            for (Path file : tfFiles(dir)) {
                Matcher m = VAR.matcher(Files.readString(file));
                while (m.find()) {
                    assertThat(declared).as("%s uses var.%s", TERRAFORM.relativize(file), m.group(1)).containsKey(m.group(1));
                }
            }
            declared.forEach((name, body) -> assertThat(body).as("variable %s in %s", name, dir.getFileName())
                    .containsKeys("type", "description"));
        }
    }

    @Test
    void everyModuleCallGivesExactlyInputsTheModuleDeclares() throws Exception {
        int calls = 0;
        for (Path dir : directories()) {
            for (Map.Entry<String, Map<String, Object>> call : blocks(dir, "module").entrySet()) {
                calls++;
                Path module = dir.resolve((String) call.getValue().get("source")).normalize();
                Map<String, Map<String, Object>> inputs = blocks(module, "variable");
                assertThat(inputs).as("module %s (%s) declares variables", call.getKey(), module).isNotEmpty();
                Set<String> given = new TreeSet<>(call.getValue().keySet());
                given.removeAll(META_ARGUMENTS);
                assertThat(inputs.keySet()).as("inputs of module %s in %s", call.getKey(), dir.getFileName()).containsAll(given);
                inputs.forEach((name, body) -> {
                    if (!body.containsKey("default")) {
                        assertThat(given).as("required input %s of module %s in %s", name, call.getKey(), dir.getFileName())
                                .contains(name);
                    }
                });
            }
        }
        assertThat(calls).as("the aws and gcp roots each call a platform module and the chart module").isEqualTo(4);
    }

    @Test
    void chartValuesTerraformSetsExistInTheValuesSchema() throws Exception {
        JsonNode schema = new ObjectMapper().readTree(REPO.resolve("charts/nextmcp/values.schema.json").toFile());
        Map<String, Object> locals = new HashMap<>();
        for (Path file : tfFiles(TERRAFORM.resolve("modules/nextmcp-chart"))) {
            Object block = parse(file).get("locals");
            if (block instanceof Map<?, ?> map) {
                map.forEach((k, v) -> locals.put((String) k, v));
            }
        }
        assertThat(locals).containsKey("chart_values");
        Map<?, ?> values = (Map<?, ?>) locals.get("chart_values");
        assertThat(values).hasSizeGreaterThan(5);
        for (Object key : values.keySet()) {
            JsonNode node = schema;
            for (String part : ((String) key).split("\\.")) {
                node = node.path("properties").path(part);
                assertThat(node.isMissingNode()).as("chart value %s is in values.schema.json", key).isFalse();
            }
        }
    }

    private static List<Path> directories() throws IOException {
        try (Stream<Path> all = Files.walk(TERRAFORM)) {
            return all.filter(Files::isDirectory).filter(d -> !tfFilesUnchecked(d).isEmpty()).sorted().toList();
        }
    }

    private static List<Path> tfFilesUnchecked(Path dir) {
        try {
            return tfFiles(dir);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Path> tfFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".tf")).sorted().toList();
        }
    }

    /** Blocks of one kind (variable, module) in a directory, by name. */
    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> blocks(Path dir, String kind) throws Exception {
        Map<String, Map<String, Object>> all = new HashMap<>();
        for (Path file : tfFiles(dir)) {
            Object block = parse(file).get(kind);
            if (block instanceof Map<?, ?> map) {
                map.forEach((name, body) -> all.put((String) name, (Map<String, Object>) body));
            }
        }
        return all;
    }

    private static Map<String, Object> parse(Path file) throws Exception {
        try {
            return new HCLParser().parse(file.toFile(), "UTF-8");
        } catch (RuntimeException | IOException e) {
            throw new AssertionError(TERRAFORM.relativize(file) + " does not parse: " + e.getMessage(), e);
        }
    }
}
