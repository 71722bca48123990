package cloud.nextmcp.build.runtime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cloud.nextmcp.build.builds.BuilderConfig;
import cloud.nextmcp.build.builds.BuilderKind;
import cloud.nextmcp.build.runtime.RuntimeConfig;
import cloud.nextmcp.build.runtime.RuntimeKind;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code runtime.kind}, {@code builder.kind} and their sections as an operator writes them in the YAML. */
class ClusterConfigTest {
    private final YAMLMapper yaml = new YAMLMapper();

    @Test
    void localIsTheDefaultForBoth() throws Exception {
        RuntimeConfig runtime = yaml.readValue("healthTimeoutSeconds: 5\n", RuntimeConfig.class);
        BuilderConfig builder = yaml.readValue("concurrency: 2\n", BuilderConfig.class);

        assertThat(runtime.runtimeKind()).isEqualTo(RuntimeKind.LOCAL);
        assertThat(runtime.healthTimeoutSeconds()).isEqualTo(5);
        assertThat(builder.builderKind()).isEqualTo(BuilderKind.LOCAL);
        assertThat(RuntimeConfig.defaults().kubernetes().namespace()).isEqualTo("nextmcp-apps");
    }

    @Test
    void kubernetesSectionIsReadWithDefaultsForWhatIsLeftOut() throws Exception {
        RuntimeConfig runtime = yaml.readValue("""
                kind: kubernetes
                kubernetes:
                  namespace: apps
                  memoryLimit: 1Gi
                  routerPodLabels: {app: nextmcp-router}
                """, RuntimeConfig.class);

        assertThat(runtime.runtimeKind()).isEqualTo(RuntimeKind.KUBERNETES);
        KubernetesConfig k = runtime.kubernetes();
        assertThat(k.namespace()).isEqualTo("apps");
        assertThat(k.memoryLimit()).isEqualTo("1Gi");
        assertThat(k.cpuRequest()).isEqualTo("100m");
        assertThat(k.routerPodLabels()).isEqualTo(Map.of("app", "nextmcp-router"));
        assertThat(k.owner()).isEqualTo("nextmcp");
        assertThat(k.containerPort()).isEqualTo(8080);
    }

    @Test
    void kpackSectionIsReadAndTagsAreNamedAfterTheApp() throws Exception {
        BuilderConfig builder = yaml.readValue("""
                kind: kpack
                kpack:
                  tagPrefix: registry.example.com/nextmcp/
                  clusterBuilder: nextmcp-builder
                  serviceAccount: kpack-push
                """, BuilderConfig.class);

        assertThat(builder.builderKind()).isEqualTo(BuilderKind.KPACK);
        assertThat(builder.kpack().tagOf("weather")).isEqualTo("registry.example.com/nextmcp/weather");
        assertThat(builder.kpack().clusterBuilder()).isEqualTo("nextmcp-builder");
        assertThat(builder.kpack().namespace()).isEqualTo("nextmcp-builds");
        assertThat(builder.kpack().sourceUrlTtlSeconds()).isEqualTo(900);
    }

    @Test
    void mistakesAreNamedWithTheKeyToFix() {
        assertThatThrownBy(() -> yaml.readValue("kind: nomad\n", RuntimeConfig.class))
                .isInstanceOf(JsonMappingException.class).hasMessageContaining("runtime.kind must be one of local, kubernetes");
        assertThatThrownBy(() -> yaml.readValue("kind: kpack\n", BuilderConfig.class))
                .hasMessageContaining("builder.kpack.tagPrefix");
        assertThatThrownBy(() -> yaml.readValue("kind: kpack\nkpack: {clusterBuilder: x}\n", BuilderConfig.class))
                .hasMessageContaining("builder.kpack.tagPrefix is required");
        assertThatThrownBy(() -> yaml.readValue("kubernetes: {namespace: Apps_1}\n", RuntimeConfig.class))
                .hasMessageContaining("runtime.kubernetes.namespace must be a DNS label");
        assertThatThrownBy(() -> yaml.readValue("kubernetes: {memoryLimit: lots}\n", RuntimeConfig.class))
                .hasMessageContaining("runtime.kubernetes.memoryLimit must be a Kubernetes quantity");
        assertThatThrownBy(() -> yaml.readValue("kubernetes: {runAsUser: 0}\n", RuntimeConfig.class))
                .hasMessageContaining("must not be root");
        assertThatThrownBy(() -> yaml.readValue("kubernetes: {drainSeconds: 30, terminationGraceSeconds: 10}\n",
                RuntimeConfig.class)).hasMessageContaining("drainSeconds (30) must be shorter than terminationGraceSeconds (10)");
    }
}
