package cloud.nextmcp.deploy.chart;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The chart in charts/nextmcp, linted and rendered by Helm (as a library) with a values file over its defaults. */
final class RenderedChart {
    static final Path REPO = Path.of(System.getProperty("nextmcp.repo.root", ".."));
    static final Path CHART = REPO.resolve("charts/nextmcp");
    static final String RELEASE = "nextmcp";
    static final String NAMESPACE = "nextmcp";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final List<HasMetadata> objects;
    private final LintResult lint;

    private RenderedChart(List<HasMetadata> objects, LintResult lint) {
        this.objects = objects;
        this.lint = lint;
    }

    /**
     * Renders with {@code overrides} merged over values.yaml. helm lint takes no values file, so it runs on a copy of
     * the chart whose values.yaml is the merged values.
     */
    static RenderedChart render(Path overrides, Path scratch) throws IOException {
        Path copy = scratch.resolve("chart");
        copyTree(CHART, copy);
        ObjectMapper merging = new ObjectMapper(new YAMLFactory());
        merging.setDefaultMergeable(true);
        @SuppressWarnings("unchecked")
        Map<String, Object> values = merging.readValue(CHART.resolve("values.yaml").toFile(), Map.class);
        merging.readerForUpdating(values).readValue(overrides.toFile());
        YAML.writeValue(copy.resolve("values.yaml").toFile(), values);
        LintResult lint = new Helm(copy).lint().strict().call();
        String manifests = new Helm(CHART).template().withName(RELEASE).withNamespace(NAMESPACE)
                .withValuesFile(overrides).call();
        KubernetesSerialization serialization = new KubernetesSerialization();
        List<HasMetadata> objects = new ArrayList<>();
        for (String doc : manifests.split("(?m)^---\\s*$")) {
            if (doc.lines().anyMatch(l -> l.startsWith("kind:"))) {
                objects.add(serialization.unmarshal(doc, HasMetadata.class));
            }
        }
        return new RenderedChart(objects, lint);
    }

    LintResult lint() {
        return lint;
    }

    List<HasMetadata> all() {
        return objects;
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> T named(Class<T> type, String name) {
        return all(type).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name + " in " + names()));
    }

    private List<String> names() {
        return objects.stream().map(o -> o.getKind() + "/" + o.getMetadata().getName()).toList();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
