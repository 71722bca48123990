package cloud.nextmcp.deploy.chart;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.build.runtime.kubernetes.ClusterPermissions;
import cloud.nextmcp.server.ServerConfiguration;
import cloud.nextmcp.server.platform.RoleName;
import cloud.nextmcp.server.platform.SystemAndEnvironmentSubstitutor;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * charts/nextmcp with the minimal values an operator must set and with a production-like values file
 * (charts/nextmcp/ci/production-values.yaml): Helm lints and renders it, and the manifests, parsed with
 * fabric8's model, are checked against what the code needs.
 */
class NextmcpChartTest {
    private static final List<String> ROLES = List.of("api", "git", "builder", "router");

    @TempDir
    Path scratch;

    private RenderedChart render(String values) throws Exception {
        Path file = values.equals("minimal")
                ? Path.of(NextmcpChartTest.class.getResource("/minimal-values.yaml").toURI())
                : RenderedChart.CHART.resolve("ci/production-values.yaml");
        return RenderedChart.render(file, scratch);
    }

    @ParameterizedTest
    @ValueSource(strings = {"minimal", "production"})
    void lintsCleanAndRendersEveryRoleWithReplicasProbesAndSpreading(String values) throws Exception {
        RenderedChart chart = render(values);
        assertThat(chart.lint().isFailed()).as(String.join("\n", chart.lint().getMessages())).isFalse();
        for (String role : ROLES) {
            Deployment d = chart.named(Deployment.class, "nextmcp-" + role);
            Container c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/admin/healthcheck");
            assertThat(c.getLivenessProbe()).isNotNull();
            assertThat(d.getSpec().getTemplate().getSpec().getAffinity().getPodAntiAffinity()).isNotNull();
            assertThat(chart.named(PodDisruptionBudget.class, "nextmcp-" + role).getSpec().getSelector().getMatchLabels())
                    .isEqualTo(d.getSpec().getSelector().getMatchLabels());
        }
        assertThat(chart.named(Deployment.class, "nextmcp-router").getSpec().getReplicas())
                .as("the HPA owns the router's replicas").isNull();
        assertThat(chart.named(HorizontalPodAutoscaler.class, "nextmcp-router").getSpec().getScaleTargetRef().getName())
                .isEqualTo("nextmcp-router");
        assertThat(chart.named(Service.class, "nextmcp-router").getSpec().getType()).isEqualTo("LoadBalancer");
        assertThat(chart.named(Service.class, "nextmcp-git-ssh").getSpec().getType()).isEqualTo("LoadBalancer");
        assertThat(chart.named(Ingress.class, "nextmcp-api").getSpec().getTls()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"minimal", "production"})
    void everyContainerHasRequestsLimitsAndARestrictedSecurityContext(String values) throws Exception {
        RenderedChart chart = render(values);
        List<PodSpec> pods = new ArrayList<>();
        chart.all(Deployment.class).forEach(d -> pods.add(d.getSpec().getTemplate().getSpec()));
        chart.all(StatefulSet.class).forEach(s -> pods.add(s.getSpec().getTemplate().getSpec()));
        assertThat(pods).hasSizeGreaterThanOrEqualTo(4);
        for (PodSpec pod : pods) {
            PodSecurityContext podContext = pod.getSecurityContext();
            assertThat(podContext.getRunAsNonRoot()).isTrue();
            assertThat(podContext.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
            for (Container c : pod.getContainers()) {
                assertThat(c.getResources().getRequests()).containsKeys("cpu", "memory");
                assertThat(c.getResources().getLimits()).containsKeys("cpu", "memory");
                SecurityContext sc = c.getSecurityContext();
                assertThat(sc.getAllowPrivilegeEscalation()).as(c.getName()).isFalse();
                assertThat(sc.getRunAsNonRoot()).isTrue();
                assertThat(sc.getReadOnlyRootFilesystem()).isTrue();
                assertThat(sc.getCapabilities().getDrop()).containsExactly("ALL");
                assertThat(sc.getCapabilities().getAdd()).isNullOrEmpty();
                assertThat(sc.getPrivileged()).isNotEqualTo(Boolean.TRUE);
            }
        }
    }

    /** The ConfigMap is the server's own configuration file: each role's Deployment, with its env, passes the server's parsing. */
    @ParameterizedTest
    @ValueSource(strings = {"minimal", "production"})
    void eachRolesConfigurationPassesTheServersOwnValidation(String values) throws Exception {
        RenderedChart chart = render(values);
        String file = chart.named(ConfigMap.class, "nextmcp-config").getData().get("nextmcp.yml");
        for (String role : ROLES) {
            Container c = chart.named(Deployment.class, "nextmcp-" + role).getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(c.getArgs()).containsExactly("server", "/etc/nextmcp/nextmcp.yml");
            ServerConfiguration config = parse(file, environmentOf(c));
            assertThat(config.roles()).containsExactly(RoleName.valueOf(role.toUpperCase(Locale.ROOT)));
            assertThat(config.database().url()).startsWith("jdbc:postgresql://");
            assertThat(config.runtime().runtimeKind().name()).isEqualTo("KUBERNETES");
            assertThat(config.runtime().kubernetes().namespace()).isEqualTo("nextmcp-apps");
            assertThat(config.builder().builderKind().name()).isEqualTo("KPACK");
            assertThat(config.masterKey()).as("keys come from the Secret, so replicas agree").isNotBlank();
            assertThat(config.api().jwtKey()).hasSizeGreaterThanOrEqualTo(32);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"minimal", "production"})
    void rbacGrantsExactlyWhatTheRuntimeAndBuilderCall(String values) throws Exception {
        RenderedChart chart = render(values);
        Role runtime = chart.named(Role.class, "nextmcp-runtime");
        assertThat(runtime.getMetadata().getNamespace()).isEqualTo("nextmcp-apps");
        assertThat(grants(runtime.getRules())).isEqualTo(grantsOf(ClusterPermissions.RUNTIME));
        Role builder = chart.named(Role.class, "nextmcp-builder");
        assertThat(builder.getMetadata().getNamespace()).isEqualTo("nextmcp-builds");
        assertThat(grants(builder.getRules())).isEqualTo(grantsOf(ClusterPermissions.KPACK));
        assertThat(chart.all().stream().map(o -> o.getKind()))
                .as("no cluster-wide grants").doesNotContain("ClusterRole", "ClusterRoleBinding");
    }

    private static Set<String> grants(List<PolicyRule> rules) {
        return rules.stream().flatMap(r -> r.getApiGroups().stream().flatMap(g -> r.getResources().stream()
                .flatMap(res -> r.getVerbs().stream().map(v -> g + "/" + res + ":" + v)))).collect(Collectors.toSet());
    }

    private static Set<String> grantsOf(List<ClusterPermissions.Rule> rules) {
        return rules.stream().flatMap(r -> r.verbs().stream().map(v -> r.apiGroup() + "/" + r.resource() + ":" + v))
                .collect(Collectors.toSet());
    }

    /** What the container's environment holds at run time: literal values, the pod name, keys as the Secret would give them. */
    private static Map<String, String> environmentOf(Container c) {
        Map<String, String> keys = Map.of("master-key", key(32), "jwt-secret", key(48), "source-signing-key", key(32),
                "database-password", "s3cret");
        Map<String, String> env = new HashMap<>();
        for (EnvVar v : c.getEnv()) {
            if (v.getValue() != null) {
                env.put(v.getName(), v.getValue());
            } else if (v.getValueFrom().getSecretKeyRef() != null) {
                String key = v.getValueFrom().getSecretKeyRef().getKey();
                assertThat(keys).as("the chart's Secret has key " + key).containsKey(key);
                env.put(v.getName(), keys.get(key));
            } else if (v.getValueFrom().getFieldRef() != null) {
                env.put(v.getName(), "nextmcp-pod-1");
            }
        }
        return env;
    }

    private static String key(int bytes) {
        return Base64.getEncoder().encodeToString(new byte[bytes]);
    }

    private static ServerConfiguration parse(String file, Map<String, String> env) throws Exception {
        YamlConfigurationFactory<ServerConfiguration> factory = new YamlConfigurationFactory<>(ServerConfiguration.class,
                Validators.newValidator(), Jackson.newObjectMapper(), "dw");
        return factory.build(new SystemAndEnvironmentSubstitutor(
                path -> new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)), env), "nextmcp.yml");
    }
}
